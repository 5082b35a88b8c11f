package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Statements that let an AWS service use a user's customer managed key, added to the key's policy. A key imported
 * from elsewhere has a policy this app cannot change, so a warning names the statement to add instead: without it
 * the log group cannot be created, or the alarms cannot publish.
 */
final class ServiceKeyAccess {

    static final String LOG_KEY_POLICY = "snapshot-replication:log-key-policy";
    static final String ALARM_TOPIC_KEY_POLICY = "snapshot-replication:alarm-topic-key-policy";
    static final String TARGET_KEY_VAULT_POLICY = "snapshot-replication:target-key-vault-policy";

    private ServiceKeyAccess() {
    }

    /**
     * CloudWatch Logs of the stack's region may use the key for log groups of this account ("Encrypt log data in
     * CloudWatch Logs using AWS KMS"). The log group's own ARN cannot be named: the log group depends on the key.
     *
     * @param scope the construct that warns
     * @param key   the log group's key
     */
    static void forCloudWatchLogs(Construct scope, IKey key) {
        Stack stack = Stack.of(scope);
        PolicyStatement statement = PolicyStatement.Builder.create()
                .sid("AllowCloudWatchLogsOfThisAccountAndRegion")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                                .resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))))
                .build();
        addOrWarn(scope, key, statement, LOG_KEY_POLICY, "logEncryptionKey is imported, so its key policy cannot be"
                + " changed here: it must allow the principal logs.<region>.amazonaws.com kms:Encrypt*,"
                + " kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe* with the condition ArnLike"
                + " kms:EncryptionContext:aws:logs:arn = arn:<partition>:logs:<region>:<account>:log-group:*, or the"
                + " log group cannot be created");
    }

    /**
     * CloudWatch alarms may publish to a topic encrypted with the key ("Amazon CloudWatch: Using Amazon SNS with
     * encrypted topics"); without it the alarm fires and nobody hears.
     *
     * @param scope the construct that warns
     * @param key   the alarm topic's key, or {@code null} when the topic has none this app knows
     */
    static void forCloudWatchAlarms(Construct scope, IKey key) {
        if (key == null) {
            return;
        }
        PolicyStatement statement = PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToPublishToTheTopic")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build();
        addOrWarn(scope, key, statement, ALARM_TOPIC_KEY_POLICY, "the key of alarmTopic is imported, so its policy"
                + " cannot be changed here: it must allow the principal cloudwatch.amazonaws.com kms:Decrypt and"
                + " kms:GenerateDataKey*, or the alarms cannot publish to the topic");
    }

    /**
     * The vault account may use the target key through RDS of the target region, to copy the encrypted copies shared
     * with it (docs/aws-references.md#v2). Without it the vault's copies fail and the copies wait for the vault.
     *
     * @param scope     the construct that warns
     * @param key       the target key
     * @param statement the statement, {@code CrossRegionSnapshotReplication.vaultKeyAccess}
     */
    static void forVault(Construct scope, IKey key, PolicyStatement statement) {
        addOrWarn(scope, key, statement, TARGET_KEY_VAULT_POLICY, "targetKey is imported, so its key policy cannot"
                + " be changed here: add the statement of CrossRegionSnapshotReplication.vaultKeyAccess(vaultAccount,"
                + " targetRegion) to it (the vault account may use kms:CreateGrant, kms:Decrypt, kms:DescribeKey,"
                + " kms:GenerateDataKey* and kms:ReEncrypt* through RDS of the target region), or the vault cannot"
                + " copy the encrypted copies and they wait for it");
    }

    /**
     * Nobody but an AWS service, or a principal creating a grant for an AWS resource, may create grants on the key
     * (Control Tower CT.KMS.PR.3). RDS creates its grants for the principal that copies a snapshot, with
     * {@code kms:GrantIsForAWSResource}.
     *
     * @return the key policy statement
     */
    static PolicyStatement denyGrantsExceptForAwsServices() {
        return PolicyStatement.Builder.create()
                .sid("DenyGrantsExceptForAwsServices")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:CreateGrant"))
                .resources(List.of("*"))
                .conditions(Map.of("BoolIfExists", new TreeMap<>(Map.of(
                        "kms:GrantIsForAWSResource", "false",
                        "aws:PrincipalIsAWSService", "false"))))
                .build();
    }

    private static void addOrWarn(Construct scope, IKey key, PolicyStatement statement, String warningId,
                                  String warning) {
        if (!key.addToResourcePolicy(statement).getStatementAdded()) {
            Annotations.of(scope).addWarningV2(warningId, warning);
        }
    }
}
