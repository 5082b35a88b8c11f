package io.github.snapshotreplication.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplicationProps;
import io.github.snapshotreplication.cdk.SnapshotVaultProps;
import io.github.snapshotreplication.compliance.Compliance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * README.md stays true: its Java compiles, its props tables list every prop, its resource counts are the real ones.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /**
     * What a snippet may use without defining it: it is the body of a stack's constructor ({@code this} is the
     * stack), and {@code stack} and {@code replication} are fields it may shadow.
     */
    private static final String WRAPPER = String.join("\n",
            "package readme;",
            "import java.util.List;",
            "import java.util.Map;",
            "import software.amazon.awscdk.*;",
            "import software.amazon.awscdk.Stack;",
            "import software.amazon.awscdk.assertions.Annotations;",
            "import software.amazon.awscdk.assertions.Match;",
            "import software.amazon.awscdk.assertions.Template;",
            "import software.amazon.awscdk.cxapi.SynthesisMessage;",
            "import software.amazon.awscdk.services.ec2.*;",
            "import software.amazon.awscdk.services.events.Schedule;",
            "import software.amazon.awscdk.services.kms.Key;",
            "import software.amazon.awscdk.services.lambda.Tracing;",
            "import software.amazon.awscdk.services.logs.RetentionDays;",
            "import software.amazon.awscdk.services.sns.Topic;",
            "import io.github.cdklabs.cdknag.*;",
            "import io.github.snapshotreplication.cdk.*;",
            "import software.constructs.Construct;",
            "import static org.assertj.core.api.Assertions.assertThat;",
            "class %s extends Stack {",
            "    Stack stack = this;",
            "    CrossRegionSnapshotReplication replication;",
            "    %s(Construct scope) {",
            "        super(scope, \"%s\");",
            "// README.md line %d",
            "%s",
            "    }",
            "}");

    @Test
    void everyJavaBlockCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(README);
        Matcher block = JAVA_BLOCK.matcher(readme);
        List<Path> sources = new ArrayList<>();
        while (block.find()) {
            int line = readme.substring(0, block.start()).split("\n", -1).length + 1;
            String name = "ReadmeLine" + line;
            Path source = out.resolve("readme").resolve(name + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, String.format(Locale.ROOT, WRAPPER, name, name, name, line, block.group(1)));
            sources.add(source);
        }
        assertThat(sources).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(4);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-classpath", testClassPath(), "-d", out.resolve("classes").toString(),
                    "-proc:none", "--release", "17");
            Files.createDirectories(out.resolve("classes"));
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .toList();
            assertThat(errors).as("README.md snippets (file names give the README line)").isEmpty();
            assertThat(compiled).isTrue();
        }
    }

    @Test
    void thePropsTableListsEveryPropAndNoOther() throws IOException {
        assertThat(propsRows("\n## Props\n", "\n## What it deploys\n"))
                .containsExactlyInAnyOrderElementsOf(builderMethods(CrossRegionSnapshotReplicationProps.Builder.class));
    }

    @Test
    void theVaultPropsTableListsEveryPropAndNoOther() throws IOException {
        assertThat(propsRows("\n### SnapshotVault props\n", "\n### IAM permissions of the vault\n"))
                .containsExactlyInAnyOrderElementsOf(builderMethods(SnapshotVaultProps.Builder.class));
    }

    /** The props named by the table rows of one section of README.md. */
    private static List<String> propsRows(String start, String end) throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf(start), readme.indexOf(end));
        return section.lines()
                .map(Pattern.compile("^\\| `([a-zA-Z]+)` \\| `[^`]+` \\|")::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    private static List<String> builderMethods(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(Method::getName).sorted().toList();
    }

    @Test
    void theResourceCountsAreTheExampleStacks() throws IOException {
        assertResourceCounts("The example stack synthesizes (\\d+) resources: (\\d+) of them come from the"
                + "\\s+construct", new DatabaseStack(new App(), "ExampleDatabaseStack",
                StackProps.builder().env(ExampleApp.environment()).build()), "SnapshotReplication");
    }

    @Test
    void theVaultResourceCountsAreTheExampleVaultStacks() throws IOException {
        assertResourceCounts("The example's vault stack synthesizes (\\d+) resources, (\\d+) of them from"
                + "\\s+the construct", new VaultStack(new App(), "ExampleVaultStack",
                StackProps.builder().env(ExampleApp.vaultEnvironment()).build(), ExampleApp.FALLBACK_ACCOUNT),
                "SnapshotVault");
    }

    /** The README sentence {@code sentence} gives the stack's resource count, then the construct's. */
    private static void assertResourceCounts(String sentence, Stack stack, String constructId) throws IOException {
        Matcher counts = Pattern.compile(sentence).matcher(Files.readString(README));
        assertThat(counts.find()).as("resource counts in README.md: " + sentence).isTrue();
        Map<?, ?> resources = (Map<?, ?>) Template.fromStack(stack).toJSON().get("Resources");
        String prefix = "/" + stack.getStackName() + "/" + constructId + "/";
        long fromConstruct = Compliance.logicalIdsToPaths(stack).values().stream()
                .filter(path -> path.startsWith(prefix)).count();
        assertThat(resources).hasSize(Integer.parseInt(counts.group(1)));
        assertThat(fromConstruct).isEqualTo(Long.parseLong(counts.group(2)));
    }

    /** The full test class path: Surefire's own class path is a manifest-only jar. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire
                : String.join(File.pathSeparator, System.getProperty("java.class.path"));
    }
}
