package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * The one place where this construct answers cdk-nag findings, each on one resource and with its reason.
 *
 * <p>Writes the {@code cdk_nag} metadata that {@code NagSuppressions.addResourceSuppressions} would write, so the
 * construct needs no runtime dependency on cdk-nag and users who run cdk-nag see the reasons. Only wildcard resources
 * that RDS or KMS force on us are suppressed, each named by the exact finding ({@code applies_to}).
 */
final class NagSuppressionMetadata {

    private NagSuppressionMetadata() {
    }

    /**
     * Suppresses the AwsSolutions-IAM5 findings of the function's policy that are wildcards by necessity.
     *
     * @param policy the construct holding the role's {@code AWS::IAM::Policy}
     * @param aurora whether the cluster-snapshot statements exist
     * @param kms    whether the source-key statements exist
     */
    static void onFunctionPolicy(IConstruct policy, boolean aurora, boolean kms) {
        List<Object> findings = new ArrayList<>();
        findings.add("Resource::*");
        // Source snapshots (any name), and this installation's copies (its identifier prefix, then any name).
        findings.add(arnRegex("rds", "snapshot:(sr[0-9a-f]{8}-)?"));
        if (aurora) {
            findings.add(arnRegex("rds", "cluster-snapshot:(sr[0-9a-f]{8}-)?"));
        }
        if (kms) {
            findings.add(arnRegex("kms", "key/"));
        }
        add(policy, "AwsSolutions-IAM5", "Describe calls without an identifier are authorized only against '*' and"
                + " are limited to the source and target regions by aws:RequestedRegion. Snapshot ARNs end in '*'"
                + " because snapshot names are made by RDS (automated) or derived at run time from the source; in the"
                + " target region they are limited to this installation's identifier prefix, the copy statement"
                + " requires the managed-by request tag and the delete statements require the managed-by resource"
                + " tag as well, so only copies of this installation can be deleted. Source KMS keys are unknown at synth time"
                + " and may differ per database; their use is limited to grants for RDS in the source region"
                + " (kms:ViaService, kms:GrantIsForAWSResource).", findings);
    }

    /** A finding on {@code arn:<partition>:<service>:<region>:<account>:<resource>*}, tokens or literal values. */
    private static Map<String, String> arnRegex(String service, String resourcePrefix) {
        return Map.of("regex", "/^Resource::arn:(<AWS::Partition>|[a-z-]+):" + service
                + ":(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|\\d{12}):" + resourcePrefix + "\\*$/");
    }

    private static void add(IConstruct construct, String ruleId, String reason, List<Object> appliesTo) {
        IConstruct child = construct.getNode().getDefaultChild();
        CfnResource resource = (CfnResource) (child != null ? child : construct);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("reason", reason);
        rule.put("id", ruleId);
        rule.put("applies_to", List.copyOf(appliesTo));
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of(rule)));
    }
}
