package io.github.snapshotreplication.compliance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        // cfn-guard validate exits 19 when a rule fails; anything else but 0 is an error of the tool.
        String report = NpmPackages.run(command, packageDir, 60, null, Set.of(0, 19));
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
    static Path installedPackage() {
        return NpmPackages.install("guard", "cfn-guard", PACKAGE).resolve("node_modules").resolve(PACKAGE);
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
}
