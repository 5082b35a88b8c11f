package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * The one place where this construct answers cdk-nag findings it cannot fix, each on one of its own resources and
 * with its reason. Everything else the packs ask for is met by the defaults or by a prop (README, "Compliance").
 *
 * <p>Writes the {@code cdk_nag} metadata that {@code NagSuppressions.addResourceSuppressions} would write, so the
 * construct needs no runtime dependency on cdk-nag and users who run cdk-nag see the reasons. A rule that reports
 * granular findings (IAM5) is suppressed for the listed findings only ({@code applies_to}), so anything added later
 * is still reported. The Control Tower guard rules need no suppression: the defaults and props satisfy all of them.
 */
final class NagSuppressionMetadata {

    static final String IAM5 = "AwsSolutions-IAM5";
    static final String SQS_REDRIVE_POLICY = "Serverless-SQSRedrivePolicy";
    static final String ASYNC_FAILURE_DESTINATION = "Serverless-LambdaAsyncFailureDestination";

    private NagSuppressionMetadata() {
    }

    /**
     * Suppresses the AwsSolutions-IAM5 findings of the function's policy that are wildcards by necessity.
     *
     * @param policy the construct holding the role's {@code AWS::IAM::ManagedPolicy}
     * @param aurora whether the cluster-snapshot statements exist
     * @param kms    whether the source-key statements exist
     */
    static void onFunctionPolicy(IConstruct policy, boolean aurora, boolean kms) {
        List<Object> findings = new ArrayList<>();
        findings.add("Resource::*");
        // Source snapshots (any name), and this installation's copies (its identifier prefix, then any name).
        findings.addAll(snapshotArns(aurora, "(sr[0-9a-f]{8}-)?"));
        if (kms) {
            findings.add(arnRegex("kms", "key/"));
        }
        add(policy, IAM5, "Describe calls without an identifier are authorized only against '*' and are limited to"
                + " the source and target regions by aws:RequestedRegion; the VPC network-interface actions (with"
                + " vpc) and the X-Ray actions (with tracing) support no narrower resource, as in the AWS managed"
                + " policies AWSLambdaVPCAccessExecutionRole and AWSXRayDaemonWriteAccess. Snapshot ARNs end in '*'"
                + " because snapshot names are made by RDS (automated) or derived at run time from the source; in the"
                + " target region they are limited to this installation's identifier prefix, the copy statement"
                + " requires the managed-by request tag and the delete statements require the managed-by resource"
                + " tag as well, so only copies of this installation can be deleted. Source KMS keys are unknown at"
                + " synth time"
                + " and may differ per database; their use is limited to grants for RDS in the source region"
                + " (kms:ViaService, kms:GrantIsForAWSResource).", findings);
    }

    /**
     * Suppresses the AwsSolutions-IAM5 findings of the restore drill's policy that are wildcards by necessity.
     *
     * @param policy the construct holding the drill role's {@code AWS::IAM::ManagedPolicy}
     * @param aurora whether the cluster statements exist
     */
    static void onDrillPolicy(IConstruct policy, boolean aurora) {
        List<Object> findings = new ArrayList<>();
        findings.add("Resource::*");
        findings.addAll(snapshotArns(aurora, "sr[0-9a-f]{8}-"));
        List<String> types = aurora ? List.of("db:", "cluster:", "cluster-snapshot:") : List.of("db:");
        types.forEach(type -> findings.add(arnRegex("rds", type + "sr[0-9a-f]{8}-drill-")));
        (aurora ? List.of("og:", "pg:", "cluster-pg:") : List.of("og:", "pg:"))
                .forEach(type -> findings.add(arnRegex("rds", type)));
        add(policy, IAM5, "Describe calls without an identifier are authorized only against '*' and are limited to"
                + " the source and target regions by aws:RequestedRegion; the VPC network-interface actions (with"
                + " vpc) and the X-Ray actions (with tracing) support no narrower resource. Drill databases end in '*'"
                + " after this installation's drill prefix because each drill names its own; creating one requires"
                + " the drill request tag and deleting one the drill resource tag as well. Copies end in '*' after"
                + " the copy prefix and may only be restored from, or tagged with the ledger keys when they carry the"
                + " managed-by tag. Option and parameter groups are those of the copy and of the engine, known at run"
                + " time only; a restore that names them does not change them.", findings);
    }

    /**
     * Suppresses the AwsSolutions-IAM5 findings of the vault's main policy that are wildcards by necessity.
     *
     * @param policy the construct holding the vault role's main {@code AWS::IAM::ManagedPolicy}
     * @param aurora whether the cluster-snapshot statements exist
     */
    static void onVaultPolicy(IConstruct policy, boolean aurora) {
        List<Object> findings = new ArrayList<>();
        findings.add("Resource::*");
        findings.addAll(snapshotArns(aurora, "sr[0-9a-f]{8}-"));
        add(policy, IAM5, "Describe calls without an identifier (the snapshots shared with the vault, and its own)"
                + " are authorized only against '*' and are limited to the vault's region by aws:RequestedRegion; the"
                + " VPC network-interface actions (with vpc) and the X-Ray actions (with tracing) support no narrower"
                + " resource, as in the AWS managed policies AWSLambdaVPCAccessExecutionRole and"
                + " AWSXRayDaemonWriteAccess. The vault's own copies end in '*' after the vault's identifier prefix"
                + " because their names are derived at run time from the shared snapshot; the copy statement requires"
                + " the managed-by request tag, and the share, tag and delete statements the managed-by resource tag,"
                + " so only the vault's own copies can be shared back, tagged or deleted.", findings);
    }

    /**
     * Suppresses the AwsSolutions-IAM5 findings of the vault's policy on its accepted source accounts' resources.
     *
     * @param policy the construct holding the {@code AWS::IAM::ManagedPolicy} of the source-account statements
     * @param aurora whether the cluster-snapshot ARNs exist
     */
    static void onVaultSourceAccountsPolicy(IConstruct policy, boolean aurora) {
        List<Object> findings = new ArrayList<>(snapshotArns(aurora, "sr"));
        findings.add(arnRegex("kms", "key/"));
        add(policy, IAM5, "Each ARN names one accepted source account. The snapshots a source account shares are"
                + " named at run time by its replication installation ('sr', 8 hex digits of its id, then a name"
                + " derived from the source snapshot), so only their 'sr' start can be named; the vault copies only"
                + " available manual snapshots named so. The source accounts' keys are unknown at synth time"
                + " and may differ per installation; their use is limited to RDS in the vault's region"
                + " (kms:ViaService) and, for grants, to AWS resources (kms:GrantIsForAWSResource).", findings);
    }

    /**
     * Suppresses the Serverless pack's "queue without a redrive policy" on the dead-letter queue itself.
     *
     * @param deadLetterQueue the construct holding the {@code AWS::SQS::Queue}
     * @param sources         what sends failed events to it, e.g. "the function, the sweep schedule"
     */
    static void onDeadLetterQueue(IConstruct deadLetterQueue, String sources) {
        add(deadLetterQueue, SQS_REDRIVE_POLICY, "This queue is the dead-letter queue of " + sources
                + "; nothing consumes it, so it has no redrive policy: a"
                + " dead-letter queue of its own would only move the messages. They are kept 14 days and the"
                + " DeadLetterQueueAlarm fires on the first one.", List.of());
    }

    /**
     * Suppresses the Serverless pack's "asynchronous invocations without an on-failure destination" on the alias's
     * invoke configuration: failed events already go to the function's dead-letter queue.
     *
     * @param eventInvokeConfig the construct holding the {@code AWS::Lambda::EventInvokeConfig}
     */
    static void onAsyncInvokeConfig(IConstruct eventInvokeConfig) {
        add(eventInvokeConfig, ASYNC_FAILURE_DESTINATION, "Events that fail all retries go to the function's"
                + " dead-letter queue (DeadLetterConfig), which is alarmed and which the runbook re-drives. Lambda"
                + " sends a failed event to a dead-letter queue and to an on-failure destination alike, so a"
                + " destination as well would write every failure twice.", List.of());
    }

    /** Findings on DB snapshot (and, with Aurora, cluster snapshot) ARNs whose name is {@code namePrefix*}. */
    private static List<Map<String, String>> snapshotArns(boolean aurora, String namePrefix) {
        return (aurora ? List.of("snapshot:", "cluster-snapshot:") : List.of("snapshot:")).stream()
                .map(type -> arnRegex("rds", type + namePrefix)).toList();
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
        if (!appliesTo.isEmpty()) {
            rule.put("applies_to", List.copyOf(appliesTo));
        }
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of(rule)));
    }
}
