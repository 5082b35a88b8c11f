package io.github.snapshotreplication.compliance;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the AWS Control Tower proactive-control rules that {@code @cdklabs/cdk-validator-cfnguard} ships, with the
 * {@code cfn-guard} binary it ships, against a synthesized template.
 *
 * <p>The first use installs the pinned package ({@code compliance-checks/guard/package.json} and its lock file) with
 * {@code npm ci} into {@code compliance-checks/target/cfn-guard}; later runs reuse it and need no network. The rules
 * checked are those of the services the construct uses: Lambda, SQS, KMS, IAM, CloudWatch and CloudWatch Logs (one
 * folder), EC2 (its security group) and RDS (its event subscriptions). There is no SNS folder: no control covers
 * topics.
 */
public final class CfnGuard {

    /** Rule folders of {@code rules/control-tower/cfn-guard} that apply to the construct's resource types. */
    public static final List<String> RULE_FOLDERS = List.of("lambda", "sqs", "keymanagementservice",
            "identityandaccessmanagement", "cloudwatch", "ec2", "rds");

    private static final String PACKAGE = "@cdklabs/cdk-validator-cfnguard";
    private static final Pattern RESOURCE = Pattern.compile("Path=/Resources/([A-Za-z0-9]+)");
    private static final Pattern RULE_FILE = Pattern.compile("^ct-([a-z0-9]+)-pr-(\\d+)\\.guard$");

    /** A failed control on one resource of the template. */
    public record Failure(String controlId, String logicalId) {
        @Override
        public String toString() {
            return controlId + " on " + logicalId;
        }
    }

    private CfnGuard() {
    }

    /**
     * Validates a template against the rules of {@link #RULE_FOLDERS}.
     *
     * @param template a synthesized CloudFormation template (JSON)
     * @return every failed control with the resource it failed on, e.g. {@code CT.LAMBDA.PR.3 on MyFunction1234}
     */
    public static List<Failure> validate(Path template) {
        Path packageDir = installedPackage();
        List<String> command = new ArrayList<>(List.of(binary(packageDir).toString(), "validate"));
        for (String folder : RULE_FOLDERS) {
            command.add("--rules");
            command.add(packageDir.resolve("rules/control-tower/cfn-guard").resolve(folder).toString());
        }
        command.addAll(List.of("--data", template.toString(), "--output-format", "junit", "--show-summary", "none",
                "--structured"));
        String report = run(command, packageDir, 60);
        return failures(report);
    }

    /** Failures in the JUnit report of {@code cfn-guard validate}: one {@code testcase} per rule file. */
    public static List<Failure> failures(String junitReport) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(junitReport.getBytes(StandardCharsets.UTF_8)));
            NodeList cases = document.getElementsByTagName("testcase");
            List<Failure> failures = new ArrayList<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                NodeList failed = testCase.getElementsByTagName("failure");
                if (failed.getLength() == 0) {
                    continue;
                }
                String control = controlId(testCase.getAttribute("name"));
                for (int f = 0; f < failed.getLength(); f++) {
                    Matcher resource = RESOURCE.matcher(failed.item(f).getTextContent());
                    while (resource.find()) {
                        Failure failure = new Failure(control, resource.group(1));
                        if (!failures.contains(failure)) {
                            failures.add(failure);
                        }
                    }
                }
            }
            return failures;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the cfn-guard report:\n" + junitReport, e);
        }
    }

    /** {@code ct-cloudwatch-pr-3.guard} to {@code CT.CLOUDWATCH.PR.3}. */
    static String controlId(String ruleFile) {
        Matcher m = RULE_FILE.matcher(ruleFile);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected rule file name '" + ruleFile + "'");
        }
        return "CT." + m.group(1).toUpperCase(Locale.ROOT) + ".PR." + m.group(2);
    }

    /** The installed package folder, installing it first when it is missing or another version. */
    static synchronized Path installedPackage() {
        Path source = repositoryRoot().resolve("compliance-checks/guard");
        Path installDir = repositoryRoot().resolve("compliance-checks/target/cfn-guard");
        Path installed = installDir.resolve("node_modules").resolve(PACKAGE);
        try {
            Files.createDirectories(installDir);
            try (FileChannel lockFile = FileChannel.open(installDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                byte[] wanted = Files.readAllBytes(source.resolve("package-lock.json"));
                Path lockCopy = installDir.resolve("package-lock.json");
                boolean current = Files.isDirectory(installed) && Files.exists(lockCopy)
                        && Arrays.equals(wanted, Files.readAllBytes(lockCopy));
                if (!current) {
                    for (String file : List.of("package.json", "package-lock.json", ".npmrc")) {
                        Files.copy(source.resolve(file), installDir.resolve(file),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    run(List.of(npm(), "ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"),
                            installDir, 300);
                }
            }
            return installed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + PACKAGE + " into " + installDir, e);
        }
    }

    private static Path binary(Path packageDir) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String platform = os.contains("linux") ? "ubuntu" : os.contains("mac") ? "macos" : null;
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        if (platform == null || cpu == null) {
            throw new IllegalStateException(PACKAGE + " ships cfn-guard for Linux and macOS on x86_64 and arm64"
                    + " only, not for " + os + " on " + arch);
        }
        Path binary = packageDir.resolve("bin").resolve(platform).resolve(cpu).resolve("cfn-guard");
        if (!binary.toFile().canExecute() && !binary.toFile().setExecutable(true)) {
            throw new IllegalStateException(binary + " is not executable");
        }
        return binary;
    }

    private static String npm() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "npm"))) {
                return Path.of(dir, "npm").toString();
            }
        }
        throw new IllegalStateException("npm is not on the PATH: the guard-rule tests install " + PACKAGE + " with"
                + " npm ci; install Node.js 18 or later with npm (for example apt-get install nodejs npm)");
    }

    private static String run(List<String> command, Path dir, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("cfn-guard", ".out");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + timeoutSeconds
                        + " s");
            }
            String text = Files.readString(output);
            Files.delete(output);
            // cfn-guard validate exits 19 when a rule fails; anything else but 0 is an error of the tool.
            if (process.exitValue() != 0 && process.exitValue() != 19) {
                throw new IllegalStateException(String.join(" ", command) + " in " + dir + " failed with exit code "
                        + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The checkout: the nearest folder above the working directory (a module folder) that holds the guard package. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("compliance-checks/guard/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("compliance-checks/guard/package.json not found above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
