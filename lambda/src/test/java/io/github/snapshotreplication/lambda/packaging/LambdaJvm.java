package io.github.snapshotreplication.lambda.packaging;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Runs the shipped Lambda jar in a fresh JVM, as the Lambda {@code java21} runtime would: Lambda-like JVM flags,
 * a class path of the jar plus {@link LambdaLauncher} only, and an environment that points the SDK at a local
 * RDS endpoint. Shared by the jar smoke test and the cold-start benchmark.
 */
public final class LambdaJvm {

    /** Memory of the function the construct defines by default (MiB). */
    public static final int DEFAULT_MEMORY_MB = 1024;

    private static final String LAUNCHER_PATH = LambdaLauncher.class.getName().replace('.', '/');

    private LambdaJvm() {
    }

    /**
     * JVM flags like those of the Lambda Java 17/21 runtimes: serial GC and tiered compilation stopped at C1 (both
     * documented defaults), and a maximum heap of 85 % of the function memory (what the runtime's bootstrap sets;
     * not a documented contract, so treat it as an approximation).
     */
    public static List<String> lambdaLikeFlags(int memoryMb) {
        return List.of("-Xmx" + memoryMb * 85 / 100 + "m", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    /**
     * The environment of the function, pointed at {@code endpoint}: AWS_ENDPOINT_URL_RDS and
     * AWS_ENDPOINT_URL_EVENTBRIDGE (honoured by SDK v2), fake
     * static credentials, no shared config files, no instance metadata. {@code settings} (name, value...) are added
     * after the defaults: AWS_REGION eu-west-1, TARGET_REGION eu-central-1, REPLICATION_ID orders-dr.
     */
    public static Map<String, String> environment(URI endpoint, Map<String, String> settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_RDS", endpoint.toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "snapshot-replication");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(DEFAULT_MEMORY_MB));
        env.put("AWS_REGION", "eu-west-1");
        env.put("TARGET_REGION", "eu-central-1");
        env.put("REPLICATION_ID", "orders-dr");
        env.putAll(settings);
        return env;
    }

    /**
     * The shipped jar: system property {@code lambda.jar}, else the shaded and shrunk jar in {@code target/} of the
     * lambda module (the working directory of its tests).
     */
    public static Path shippedJar() {
        String property = System.getProperty("lambda.jar");
        if (property != null) {
            return Path.of(property);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot-replication-lambda-[^_]+\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shipped jar in target/: run mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list target/ (run from the lambda module or set -Dlambda.jar)", e);
        }
    }

    /**
     * Copies the launcher's class files (and nothing else) into {@code dir}, from a directory or a jar such as the
     * lambda test-jar, so that the child JVM's class path holds only the shipped jar and the launcher.
     */
    public static Path isolateLauncher(Path dir) {
        try {
            Path source = Path.of(LambdaLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path packageDir = Files.createDirectories(dir.resolve(LAUNCHER_PATH).getParent());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.list(source.resolve(LAUNCHER_PATH).getParent())) {
                    for (Path file : files.filter(LambdaJvm::isLauncherClass).toList()) {
                        Files.copy(file, packageDir.resolve(file.getFileName().toString()));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith(LAUNCHER_PATH)).toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, packageDir.resolve(Path.of(entry.getName()).getFileName().toString()));
                        }
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLauncherClass(Path file) {
        String name = file.getFileName().toString();
        String simple = LambdaLauncher.class.getSimpleName();
        return name.equals(simple + ".class") || name.startsWith(simple + "$");
    }

    /** The command line: java, {@code jvmFlags}, class path {@code jar:launcherDir}, the launcher, event files. */
    public static List<String> command(Path jar, Path launcherDir, List<String> jvmFlags, List<Path> events) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(jar.toAbsolutePath() + File.pathSeparator + launcherDir.toAbsolutePath());
        command.add(LambdaLauncher.class.getName());
        events.forEach(e -> command.add(e.toAbsolutePath().toString()));
        return command;
    }

    /**
     * Starts {@code command} with exactly {@code env} as its environment, waits at most {@code timeout}, and returns
     * its output with the time from process start to the first {@link LambdaLauncher#RESULT} or
     * {@link LambdaLauncher#FAILED} line.
     */
    public static Run run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            List<String> lines = new ArrayList<>();
            long firstResultNanos = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (firstResultNanos < 0 && (line.startsWith(LambdaLauncher.RESULT)
                            || line.startsWith(LambdaLauncher.FAILED))) {
                        firstResultNanos = System.nanoTime() - start;
                    }
                    lines.add(line);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the Lambda JVM did not end within " + timeout);
            }
            return new Run(process.exitValue(), lines, stderr.join(), firstResultNanos,
                    System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What one JVM run printed.
     *
     * @param exitCode         the process exit code
     * @param stdout           every stdout line
     * @param stderr           all of stderr
     * @param firstResultNanos process start to the first handled event, or -1
     * @param totalNanos       process start to process end
     */
    public record Run(int exitCode, List<String> stdout, String stderr, long firstResultNanos, long totalNanos) {

        /** Lines that start with {@code prefix}, the prefix removed. */
        public List<String> linesStartingWith(String prefix) {
            return stdout.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        /** Everything printed, for assertion messages. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n" + stderr;
        }
    }
}
