package io.github.snapshotreplication.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.snapshotreplication.contract.LambdaArtifact;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The Lambda code: the shaded engine jar that travels inside this construct's own artifact.
 *
 * <p>The CDK asset system needs a file, so the jar is written once to the temp directory under a name derived from
 * its SHA-256. Two synths of the same build therefore see the same file and produce the same asset hash, and nothing
 * points into the source tree of this project. A {@code .jar} file asset is uploaded as it is: no bundling, no Docker.
 */
final class LambdaJarAsset {

    private LambdaJarAsset() {
    }

    /** @return the asset code of the engine jar */
    static Code code() {
        // One directory per OS user: on a shared build host another user's files may not be writable.
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "cdk-" + System.getProperty("user.name", "user"));
        return Code.fromAsset(extract(base).toString());
    }

    /**
     * Writes the embedded jar below {@code baseDir} unless a file of the same content hash is already there.
     *
     * @param baseDir directory to write into
     * @return the jar file
     */
    static Path extract(Path baseDir) {
        byte[] jar = readEmbeddedJar();
        Path target = baseDir.resolve("snapshot-replication-lambda").resolve(sha256(jar) + ".jar");
        try {
            if (Files.isRegularFile(target) && Files.size(target) == jar.length) {
                return target;
            }
            Files.createDirectories(target.getParent());
            // Write aside and move, so a concurrent synth never sees a half-written jar.
            Path partial = Files.createTempFile(target.getParent(), "lambda", ".partial");
            Files.write(partial, jar);
            makeReadable(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Lambda jar to " + target, e);
        }
    }

    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions already let the owner read the file.
        }
    }

    private static byte[] readEmbeddedJar() {
        try (InputStream in = LambdaJarAsset.class.getResourceAsStream(LambdaArtifact.JAR_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Lambda jar " + LambdaArtifact.JAR_RESOURCE + " is missing from the"
                        + " construct's classpath; rebuild the construct module (mvn install) so it embeds the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LambdaArtifact.JAR_RESOURCE, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
