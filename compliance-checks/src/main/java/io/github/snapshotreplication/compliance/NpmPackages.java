package io.github.snapshotreplication.compliance;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm packages the compliance checks run: each pinned by a folder of {@code compliance-checks} that holds its
 * {@code package.json} and {@code package-lock.json}, installed with {@code npm ci} into
 * {@code compliance-checks/target/<install folder>} on first use, and reused offline afterwards.
 */
final class NpmPackages {

    /** The name of the copy of the lock file that marks a finished install. */
    private static final String INSTALLED_LOCK = "installed-package-lock.json";

    private NpmPackages() {
    }

    /**
     * Installs the pinned packages of {@code compliance-checks/<sourceFolder>} into
     * {@code compliance-checks/target/<installFolder>} when they are missing or the lock file changed, and copies
     * every other file of the source folder (e.g. a script) next to them on each call. Safe across test JVMs.
     *
     * @param sourceFolder  the folder of {@code compliance-checks} with {@code package.json} and its lock file
     * @param installFolder the folder of {@code compliance-checks/target} to install into
     * @param checkedPackage a package of the lock file whose folder must exist after the install
     * @return the install folder
     */
    static synchronized Path install(String sourceFolder, String installFolder, String checkedPackage) {
        Path checks = complianceChecks();
        Path source = checks.resolve(sourceFolder);
        Path installDir = checks.resolve("target").resolve(installFolder);
        try {
            Files.createDirectories(installDir);
            try (FileChannel lockFile = FileChannel.open(installDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                byte[] wanted = Files.readAllBytes(source.resolve("package-lock.json"));
                Path marker = installDir.resolve(INSTALLED_LOCK);
                boolean current = Files.isDirectory(installDir.resolve("node_modules").resolve(checkedPackage))
                        && Files.exists(marker) && Arrays.equals(wanted, Files.readAllBytes(marker));
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(file, installDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (!current) {
                    Files.deleteIfExists(marker);
                    run(List.of(executable("npm", checkedPackage), "ci", "--prefer-offline", "--no-audit",
                            "--no-fund", "--ignore-scripts"), installDir, 300, null, Set.of(0));
                    Files.write(marker, wanted);
                }
            }
            return installDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + checkedPackage + " into " + installDir, e);
        }
    }

    /**
     * @param name  {@code npm} or {@code node}
     * @param usedFor the package that needs it, for the error message
     * @return the path of the executable on the {@code PATH}
     */
    static String executable(String name, String usedFor) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException(name + " is not on the PATH: the compliance checks install and run " + usedFor
                + "; install Node.js 18 or later with npm (for example apt-get install nodejs npm)");
    }

    /**
     * Runs a command and returns what it wrote to standard output.
     *
     * @param command        the command
     * @param dir            its working directory
     * @param timeoutSeconds how long it may take
     * @param stdin          what to write to its standard input, or {@code null} for nothing
     * @param exitCodes      the exit codes that are not an error of the tool
     * @return its standard output
     */
    static String run(List<String> command, Path dir, int timeoutSeconds, String stdin, Set<Integer> exitCodes) {
        try {
            Path output = Files.createTempFile("npm-package", ".out");
            Path errors = Files.createTempFile("npm-package", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                try (OutputStream in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took more than " + timeoutSeconds
                            + " s");
                }
                String text = Files.readString(output);
                if (!exitCodes.contains(process.exitValue())) {
                    throw new IllegalStateException(String.join(" ", command) + " in " + dir + " failed with exit"
                            + " code " + process.exitValue() + ":\n" + text + Files.readString(errors));
                }
                return text;
            } finally {
                Files.delete(output);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The nearest {@code compliance-checks} folder at or above the working directory (a module folder). */
    private static Path complianceChecks() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("compliance-checks/guard/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("compliance-checks/guard/package.json not found above "
                    + Path.of("").toAbsolutePath());
        }
        return dir.resolve("compliance-checks");
    }
}
