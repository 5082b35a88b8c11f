package io.github.snapshotreplication.compliance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.constructs.IConstruct;

/**
 * What the compliance tests of the construct and of the example app share: the five cdk-nag packs, and the Control
 * Tower guard rules, each reduced to "rule on resource path" findings under one construct.
 */
public final class Compliance {

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9.]+-[A-Za-z0-9]+");
    private static final Pattern PACK_RULE =
            Pattern.compile("(AwsSolutions|HIPAA\\.Security|NIST\\.800\\.53\\.R5|PCI\\.DSS\\.321|Serverless)-.*");

    /** A rule that fires on one resource, named by its construct path. */
    public record Finding(String rule, String path) {
        @Override
        public String toString() {
            return rule + " on " + path;
        }
    }

    private Compliance() {
    }

    /** @return the five cdk-nag packs: AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless */
    public static List<IAspect> nagPacks() {
        NagPackProps noReports = NagPackProps.builder().reports(false).build();
        return List.of(new AwsSolutionsChecks(noReports), new HIPAASecurityChecks(noReports),
                new NIST80053R5Checks(noReports), new PCIDSS321Checks(noReports), new ServerlessChecks(noReports));
    }

    /**
     * Adds the five packs to {@code stack} and returns their errors and warnings on the resources under
     * {@code construct}. Call once per stack.
     *
     * @param stack     the stack, not yet synthesized
     * @param construct the construct whose findings count
     * @return the findings, rule and path, sorted
     */
    public static List<Finding> nagFindings(Stack stack, IConstruct construct) {
        nagPacks().forEach(pack -> Aspects.of(stack).add(pack));
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> messages = new ArrayList<>(annotations.findError("*",
                Match.stringLikeRegexp(PACK_RULE.pattern())));
        messages.addAll(annotations.findWarning("*", Match.stringLikeRegexp(PACK_RULE.pattern())));
        String prefix = "/" + construct.getNode().getPath() + "/";
        return messages.stream()
                .filter(m -> m.getId().startsWith(prefix))
                .map(m -> new Finding(ruleOf(m.getEntry().getData().toString()), m.getId()))
                .distinct().sorted(Comparator.comparing(Finding::toString)).toList();
    }

    /**
     * Runs the Control Tower guard rules on the synthesized template of {@code stack} and returns the failures on
     * resources under {@code construct}.
     *
     * @param stack     the stack
     * @param construct the construct whose failures count
     * @return the failures, control id and path, sorted
     */
    public static List<Finding> guardFindings(Stack stack, IConstruct construct) {
        Path template = Path.of(Stage.of(stack).synth().getStackByName(stack.getStackName()).getTemplateFullPath());
        Map<String, String> paths = logicalIdsToPaths(stack);
        String prefix = "/" + construct.getNode().getPath() + "/";
        return CfnGuard.validate(template).stream()
                .map(f -> new Finding(f.controlId(), paths.getOrDefault(f.logicalId(), f.logicalId())))
                .filter(f -> f.path().startsWith(prefix))
                .distinct().sorted(Comparator.comparing(Finding::toString)).toList();
    }

    /** Logical id to construct path (with a leading slash, as cdk-nag reports it) of every resource of the stack. */
    public static Map<String, String> logicalIdsToPaths(Stack stack) {
        Map<String, String> paths = new TreeMap<>();
        for (IConstruct c : stack.getNode().findAll()) {
            if (c instanceof CfnResource resource
                    && Stack.of(c).getNode().getPath().equals(stack.getNode().getPath())) {
                paths.put(stack.resolve(resource.getLogicalId()).toString(), "/" + c.getNode().getPath());
            }
        }
        return paths;
    }

    /** {@code HIPAA.Security-LambdaInsideVPC: ...} or {@code AwsSolutions-IAM5[Resource::*]: ...} to the rule id. */
    private static String ruleOf(String message) {
        Matcher rule = RULE_ID.matcher(message);
        return rule.lookingAt() ? rule.group() : message;
    }
}
