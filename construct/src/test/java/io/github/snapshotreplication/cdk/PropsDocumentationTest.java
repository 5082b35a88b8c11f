package io.github.snapshotreplication.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every prop of both props classes is documented as aws-cdk-lib documents its props, on the getter and on the
 * builder method alike: a summary, {@code @param} (builder), {@code @return}, and {@code @default} for every optional
 * prop. Javadoc itself (run by {@code mvn verify}) checks the tags' syntax; it does not require {@code @default}.
 */
class PropsDocumentationTest {

    private static final Path DIRECTORY = Path.of("src/main/java/io/github/snapshotreplication/cdk");
    private static final Pattern DOCUMENTED_METHOD = Pattern.compile(
            "/\\*\\*(.*?)\\*/\\s*public (?:static )?[\\w<>, ]+ (\\w+)\\(", Pattern.DOTALL);

    private record Documented(String method, String javadoc) {
    }

    /** Each props class and its one required prop, which has no default. */
    static Stream<Arguments> propsClasses() {
        return Stream.of(Arguments.of("CrossRegionSnapshotReplicationProps", "targetRegion"),
                Arguments.of("SnapshotVaultProps", "sourceAccounts"));
    }

    private static String source(String propsClass) throws IOException {
        return Files.readString(DIRECTORY.resolve(propsClass + ".java"));
    }

    private static List<Documented> builderMethods(String propsClass) throws IOException {
        String source = source(propsClass);
        String builder = source.substring(source.indexOf("public static final class Builder"));
        List<Documented> methods = new ArrayList<>();
        Matcher m = DOCUMENTED_METHOD.matcher(builder);
        while (m.find()) {
            methods.add(new Documented(m.group(2), m.group(1)));
        }
        return methods;
    }

    @ParameterizedTest
    @MethodSource("propsClasses")
    void everyBuilderMethodHasSummaryParamReturnAndDefault(String propsClass, String required) throws IOException {
        List<Documented> methods = builderMethods(propsClass);
        assertThat(methods).extracting(Documented::method).contains(required, "vpc", "tracing", "createDashboard",
                "build");
        for (Documented d : methods) {
            if (d.method().equals("build")) {
                continue;
            }
            assertThat(d.javadoc()).as(d.method()).contains("@param " + d.method() + " ", "@return this builder");
            assertThat(d.javadoc().trim()).as(d.method() + " summary").doesNotStartWith("* @");
            if (!d.method().equals(required)) {
                assertThat(d.javadoc()).as(d.method()).containsPattern("@default (- \\S|\\S)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("propsClasses")
    void everyBuilderMethodHasItsDocumentedGetter(String propsClass, String required) throws IOException {
        String source = source(propsClass);
        for (Documented d : builderMethods(propsClass)) {
            if (d.method().equals("build")) {
                continue;
            }
            String getter = "(?:get|is)" + Character.toUpperCase(d.method().charAt(0)) + d.method().substring(1);
            Matcher getterDoc = Pattern.compile("/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public [\\w<>, ]+ " + getter
                    + "\\(", Pattern.DOTALL).matcher(source);
            assertThat(getterDoc.find()).as(getter).isTrue();
            if (!d.method().equals(required)) {
                assertThat(getterDoc.group(1)).as(getter).contains("@default", "@return");
            }
        }
    }
}
