package io.github.snapshotreplication.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every prop is documented as aws-cdk-lib documents its props, on the getter and on the builder method alike: a
 * summary, {@code @param} (builder), {@code @return}, and {@code @default} for every optional prop. Javadoc itself
 * (run by {@code mvn verify}) checks the tags' syntax; it does not require {@code @default}.
 */
class PropsDocumentationTest {

    private static final Path SOURCE = Path.of("src/main/java/io/github/snapshotreplication/cdk/"
            + "CrossRegionSnapshotReplicationProps.java");
    private static final Pattern DOCUMENTED_METHOD = Pattern.compile(
            "/\\*\\*(.*?)\\*/\\s*public (?:static )?[\\w<>, ]+ (\\w+)\\(", Pattern.DOTALL);

    private record Documented(String method, String javadoc) {
    }

    private static List<Documented> builderMethods() throws IOException {
        String source = Files.readString(SOURCE);
        String builder = source.substring(source.indexOf("public static final class Builder"));
        List<Documented> methods = new ArrayList<>();
        Matcher m = DOCUMENTED_METHOD.matcher(builder);
        while (m.find()) {
            methods.add(new Documented(m.group(2), m.group(1)));
        }
        return methods;
    }

    @Test
    void everyBuilderMethodHasSummaryParamReturnAndDefault() throws IOException {
        List<Documented> methods = builderMethods();
        assertThat(methods).extracting(Documented::method).contains("targetRegion", "targetKey", "vpc", "tracing",
                "createDashboard", "build");
        for (Documented d : methods) {
            if (d.method().equals("build")) {
                continue;
            }
            assertThat(d.javadoc()).as(d.method()).contains("@param " + d.method() + " ", "@return this builder");
            assertThat(d.javadoc().trim()).as(d.method() + " summary").doesNotStartWith("* @");
            if (!d.method().equals("targetRegion")) {
                assertThat(d.javadoc()).as(d.method()).containsPattern("@default (- \\S|\\S)");
            }
        }
    }

    @Test
    void everyBuilderMethodHasItsDocumentedGetter() throws IOException {
        String source = Files.readString(SOURCE);
        for (Documented d : builderMethods()) {
            if (d.method().equals("build")) {
                continue;
            }
            String getter = "(?:get|is)" + Character.toUpperCase(d.method().charAt(0)) + d.method().substring(1);
            Matcher getterDoc = Pattern.compile("/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public [\\w<>, ]+ " + getter
                    + "\\(", Pattern.DOTALL).matcher(source);
            assertThat(getterDoc.find()).as(getter).isTrue();
            if (!d.method().equals("targetRegion")) {
                assertThat(getterDoc.group(1)).as(getter).contains("@default", "@return");
            }
        }
    }
}
