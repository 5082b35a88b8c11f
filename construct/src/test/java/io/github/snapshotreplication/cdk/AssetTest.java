package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarInputStream;

import io.github.snapshotreplication.contract.LambdaArtifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/** The Lambda jar travels inside the construct's artifact and gives the same asset on every synth. */
class AssetTest {

    @SuppressWarnings("unchecked")
    private static Object code(Template template) {
        return TestStacks.onlyProperties(template, "AWS::Lambda::Function").get("Code");
    }

    @Test
    void jarIsEmbeddedAsAClasspathResourceAndIsAJar() throws IOException {
        try (InputStream in = LambdaJarAsset.class.getResourceAsStream(LambdaArtifact.JAR_RESOURCE)) {
            assertThat(in).as("embedded jar " + LambdaArtifact.JAR_RESOURCE).isNotNull();
            try (JarInputStream jar = new JarInputStream(in)) {
                assertThat(jar.getNextJarEntry()).isNotNull();
            }
        }
    }

    @Test
    void jarHoldsTheHandlerClassesOfBothFunctions() throws IOException {
        java.util.Set<String> entries = new java.util.HashSet<>();
        try (JarInputStream jar = new JarInputStream(LambdaJarAsset.class.getResourceAsStream(
                LambdaArtifact.JAR_RESOURCE))) {
            for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                entries.add(entry.getName());
            }
        }
        for (String handler : new String[] {LambdaArtifact.HANDLER, LambdaArtifact.VAULT_HANDLER}) {
            assertThat(entries).as(handler).contains(handler.substring(0, handler.indexOf("::")).replace('.', '/')
                    + ".class");
        }
    }

    @Test
    void assetHashIsStableAcrossSynths() {
        Object first = code(template(props().build()));
        Object second = code(template(props().includeAurora(true).dryRun(true).build()));
        assertThat(first).isEqualTo(second);
        assertThat(first.toString()).containsPattern("S3Key=[0-9a-f]{64}\\.jar");
    }

    @Test
    void extractsOnceUnderAContentHashName(@TempDir Path dir) throws IOException {
        Path first = LambdaJarAsset.extract(dir);
        long modified = Files.getLastModifiedTime(first).toMillis();
        Path second = LambdaJarAsset.extract(dir);
        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
        assertThat(first.getFileName().toString()).matches("[0-9a-f]{64}\\.jar");
        try (InputStream in = LambdaJarAsset.class.getResourceAsStream(LambdaArtifact.JAR_RESOURCE)) {
            assertThat(Files.readAllBytes(first)).isEqualTo(in.readAllBytes());
        }
        assertThat(first.toString()).doesNotContain("/construct/");
    }

    @Test
    void rewritesATruncatedJar(@TempDir Path dir) throws IOException {
        Path jar = LambdaJarAsset.extract(dir);
        Files.write(jar, new byte[] {1, 2, 3});
        assertThat(Files.size(LambdaJarAsset.extract(dir))).isGreaterThan(3);
    }

    @Test
    void wholeTemplateIsTheSameOnEverySynth() {
        CrossRegionSnapshotReplicationProps props = props().includeAurora(true).createDashboard(true).build();
        assertThat(template(props).toJSON()).isEqualTo(template(props).toJSON());
        assertThat(template(props).toJSON().toString()).isEqualTo(template(props).toJSON().toString());
    }

    @Test
    void assetIsAFileArchiveNotADirectory() {
        Template t = template(props().build());
        Map<String, Object> function = TestStacks.onlyProperties(t, "AWS::Lambda::Function");
        assertThat(function.get("Code").toString()).contains("S3Bucket").doesNotContain("ZipFile");
    }
}
