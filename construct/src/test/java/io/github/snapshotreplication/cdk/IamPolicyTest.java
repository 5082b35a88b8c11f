package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.statementsBySid;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;

/** The replication's role, least privilege. The stacks shared by the tests are synthesized once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamPolicyTest {

    private static final String ID = "DatabaseStackReplicationCD41015F";

    private final Map<String, Map<String, Object>> aurora = statementsBySid(template(props().includeAurora(true)
            .build()));
    private final Map<String, Map<String, Object>> instancesOnly = statementsBySid(template(props().build()));

    private static Object arn(String region, String resource) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":" + resource.replace("{region}", region))));
    }

    private static Object rds(String region, String type) {
        return arn(region, "rds:{region}:123456789012:" + type + ":*");
    }

    /** Snapshots of the target region named with this installation's identifier prefix. */
    private static Object ownCopies(String type) {
        return arn("eu-central-1", "rds:{region}:123456789012:" + type + ":" + CopyIdentifiers.identifierStart(ID)
                + "*");
    }

    @Test
    void describeCallsAreLimitedToSourceAndTargetRegion() {
        assertThat(aurora.get("DescribeDatabasesAndSnapshots")).containsEntry("Resource", "*")
                .containsEntry("Action", List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots",
                        "rds:DescribeOptionGroups", "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots"))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("aws:RequestedRegion", List.of("eu-west-1", "eu-central-1"))));
        assertThat(instancesOnly.get("DescribeDatabasesAndSnapshots")).containsEntry("Action",
                List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots", "rds:DescribeOptionGroups"));
    }

    @Test
    void copyIsAllowedOnSourceSnapshotsOfThisAccountAndRegion() {
        assertThat(aurora.get("CopyFromSourceRegion"))
                .containsEntry("Action", List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot"))
                .containsEntry("Resource", List.of(rds("eu-west-1", "snapshot"), rds("eu-west-1", "cluster-snapshot")))
                .doesNotContainKey("Condition");
    }

    @Test
    void copiesIntoTargetRegionMustCarryTheManagedByTag() {
        assertThat(aurora.get("CopyIntoTargetRegionWithManagedTag"))
                .containsEntry("Action", List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot",
                        "rds:AddTagsToResource"))
                .containsEntry("Resource", List.of(ownCopies("snapshot"), ownCopies("cluster-snapshot")))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("aws:RequestTag/" + TagKeys.MANAGED_BY, ID)));
    }

    @Test
    void mappedTargetOptionGroupsAndOnlyThoseMayBeNamedInACopy() {
        assertThat(aurora).doesNotContainKey("CopyWithMappedOptionGroups");
        Map<String, Map<String, Object>> mapped = statementsBySid(template(props().optionGroupMapping(Map.of(
                "orders-oracle-tde", "orders-oracle-tde-dr", "legacy-sqlserver", "legacy-sqlserver-dr")).build()));
        assertThat(mapped.get("CopyWithMappedOptionGroups"))
                .containsEntry("Action", "rds:CopyDBSnapshot")
                .containsEntry("Resource", List.of(
                        arn("eu-central-1", "rds:{region}:123456789012:og:legacy-sqlserver-dr"),
                        arn("eu-central-1", "rds:{region}:123456789012:og:orders-oracle-tde-dr")))
                .doesNotContainKey("Condition");
    }

    @Test
    void deletesAreAllowedOnlyInTargetRegionOnSnapshotsTaggedWithThisInstallation() {
        assertThat(aurora.get("DeleteOwnDBSnapshotCopies"))
                .containsEntry("Action", "rds:DeleteDBSnapshot")
                .containsEntry("Resource", ownCopies("snapshot"))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("rds:snapshot-tag/" + TagKeys.MANAGED_BY, ID)));
        assertThat(aurora.get("DeleteOwnDBClusterSnapshotCopies"))
                .containsEntry("Action", "rds:DeleteDBClusterSnapshot")
                .containsEntry("Resource", ownCopies("cluster-snapshot"))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("rds:cluster-snapshot-tag/" + TagKeys.MANAGED_BY, ID)));
    }

    @Test
    void theFunctionMayTurnOnlyItsOwnFollowUpRuleOnAndOff() {
        assertThat(aurora.get("ToggleOwnFollowUpRule"))
                .containsEntry("Action", List.of("events:DescribeRule", "events:DisableRule", "events:EnableRule"))
                .containsEntry("Resource", arn("eu-west-1",
                        "events:{region}:123456789012:rule/DatabaseStack-Replication-CD41015F-FollowUp"))
                .doesNotContainKey("Condition");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAVaultOwnCopiesMayBeSharedAndMarkedButNoIamStatementNamesTheVaultAccount() {
        Template t = template(props().includeAurora(true).vaultAccount(TestStacks.VAULT_ACCOUNT).build());
        Map<String, Map<String, Object>> bySid = statementsBySid(t);
        assertThat(bySid.get("ShareOwnCopiesWithVault"))
                .containsEntry("Action", List.of("rds:ModifyDBClusterSnapshotAttribute",
                        "rds:ModifyDBSnapshotAttribute"))
                .containsEntry("Resource", List.of(ownCopies("snapshot"), ownCopies("cluster-snapshot")))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/" + TagKeys.MANAGED_BY,
                        ID)));
        assertThat(bySid.get("MarkOwnCopiesHandedToVault"))
                .containsEntry("Action", "rds:AddTagsToResource")
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/" + TagKeys.MANAGED_BY,
                        ID), "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(TagKeys.VAULT))));
        assertThat(aurora).doesNotContainKeys("ShareOwnCopiesWithVault", "MarkOwnCopiesHandedToVault");
        // Every string of every IAM resource: roles, managed and inline policies. The vault account is named only in
        // the function's environment, which grants nothing.
        Map<String, Object> resources = (Map<String, Object>) t.toJSON().get("Resources");
        resources.forEach((logicalId, resource) -> {
            if (((Map<String, Object>) resource).get("Type").toString().startsWith("AWS::IAM::")) {
                assertThat(TestStacks.accountsNamedIn(resource)).as(logicalId)
                        .isSubsetOf(TestStacks.ACCOUNT);
            }
        });
        assertThat(t.toJSON().toString().split(TestStacks.VAULT_ACCOUNT, -1)).hasSize(2);
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("VAULT_ACCOUNT", TestStacks.VAULT_ACCOUNT)))));
    }

    @Test
    void noStatementAllowsADeleteWithoutTheTagCondition() {
        for (Map<String, Object> statement : aurora.values()) {
            if (statement.get("Action").toString().contains("Delete")) {
                assertThat(statement.get("Condition").toString()).contains(TagKeys.MANAGED_BY + "=" + ID);
                assertThat(statement.get("Resource").toString()).contains("snapshot:" + CopyIdentifiers.prefixOf(ID)
                        + "-*");
                assertThat(statement.get("Resource").toString()).contains("eu-central-1").doesNotContain("eu-west-1");
            }
        }
    }

    @Test
    void clusterActionsOnlyWhenAuroraIsOn() {
        assertThat(instancesOnly.values().toString()).doesNotContain("Cluster", "cluster-snapshot");
        assertThat(instancesOnly).doesNotContainKey("DeleteOwnDBClusterSnapshotCopies");
    }

    @Test
    void targetKeyIsUsableOnlyThroughRdsInTheTargetRegionAndOnlyForGrantsToAwsResources() {
        assertThat(instancesOnly.get("CreateGrantOnTargetKeyForRds"))
                .containsEntry("Action", "kms:CreateGrant")
                .containsEntry("Resource", TestStacks.TARGET_KEY_ARN)
                .containsEntry("Condition", Map.of(
                        "StringEquals", Map.of("kms:ViaService", "rds.eu-central-1.amazonaws.com"),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        assertThat(instancesOnly.get("DescribeKeyOnTargetKeyForRds"))
                .containsEntry("Action", "kms:DescribeKey")
                .containsEntry("Resource", TestStacks.TARGET_KEY_ARN)
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("kms:ViaService", "rds.eu-central-1.amazonaws.com")));
    }

    @Test
    void sourceKeysAreUsableOnlyThroughRdsInTheSourceRegion() {
        Object sourceKeys = arn("eu-west-1", "kms:{region}:123456789012:key/*");
        assertThat(instancesOnly.get("CreateGrantOnSourceKeysForRds"))
                .containsEntry("Resource", sourceKeys)
                .containsEntry("Condition", Map.of(
                        "StringEquals", Map.of("kms:ViaService", "rds.eu-west-1.amazonaws.com"),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        assertThat(instancesOnly.get("DescribeKeyOnSourceKeysForRds")).containsEntry("Resource", sourceKeys);
    }

    @Test
    void noKmsPermissionWithoutTargetKey() {
        Map<String, Map<String, Object>> noKey = statementsBySid(template(props().targetKey(null).build()));
        assertThat(noKey.values().toString()).doesNotContain("kms:");
        assertThat(noKey).containsKey("CopyIntoTargetRegionWithManagedTag");
    }

    @Test
    void targetKeyIsUsedByArn() {
        Stack stack = TestStacks.stack();
        new CrossRegionSnapshotReplication(stack, "Replication", props()
                .targetKey(Key.fromKeyArn(stack, "Imported", TestStacks.TARGET_KEY_ARN)).build());
        Template withIKey = Template.fromStack(stack);
        assertThat(statementsBySid(withIKey).get("CreateGrantOnTargetKeyForRds"))
                .containsEntry("Resource", TestStacks.TARGET_KEY_ARN);
    }

    @Test
    void roleIsAssumedOnlyByLambdaAndHoldsOneCustomerManagedPolicyAndNoInlinePolicy() {
        Template t = template(props().build());
        t.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com"))))),
                "ManagedPolicyArns", Match.absent(),
                "Policies", Match.absent()));
        t.resourceCountIs("AWS::IAM::Policy", 0);
        t.resourceCountIs("AWS::IAM::ManagedPolicy", 1);
        t.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("Roles",
                List.of(Map.of("Ref", Match.stringLikeRegexp("ReplicationRole.*")))));
    }

    @Test
    void everyStatementHasASid() {
        Template t = template(props().includeAurora(true).optionGroupMapping(Map.of("a", "b")).build());
        String policy = t.findResources("AWS::IAM::ManagedPolicy").toString();
        assertThat(policy.split("Effect=").length - 1).isEqualTo(statementsBySid(t).size()).isGreaterThan(10);
    }

    @Test
    void theLambdaServiceMayWriteLogsAndSendFailedEventsToTheDeadLetterQueue() {
        assertThat(instancesOnly.get("WriteFunctionLogs"))
                .containsEntry("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("ReplicationLogGroup7C66ED4D", "Arn")));
        assertThat(instancesOnly.get("SendFailedEventsToDeadLetterQueue"))
                .containsEntry("Action", "sqs:SendMessage")
                .containsEntry("Resource", Map.of("Fn::GetAtt", List.of("ReplicationDlq02BEF3C7", "Arn")));
        assertThat(instancesOnly).doesNotContainKeys("ManageVpcNetworkInterfaces", "WriteXRayTraces");
    }

    @Test
    void everyPolicyLeavesRoomWithFiftyMappedOptionGroupsAndAVault() throws Exception {
        Map<String, String> mapping = new java.util.TreeMap<>();
        for (int i = 0; i < 50; i++) {
            mapping.put("source-option-group-" + i, "target-option-group-name-" + i);
        }
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().includeAurora(true).optionGroupMapping(mapping)
                .vaultAccount("210987654321"));
        Map<String, Map<String, Object>> policies = Template.fromStack(stack).findResources("AWS::IAM::ManagedPolicy");
        assertThat(policies).hasSize(2);
        for (Map<String, Object> policy : policies.values()) {
            // IAM counts the characters of the resolved document without white space; the template form is longer.
            String document = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(((Map<?, ?>) policy.get("Properties")).get("PolicyDocument"));
            assertThat(document.length()).as("managed policies hold at most 6,144 characters").isLessThan(6_144);
        }
    }

    @Test
    void theFunctionWaitsForItsPolicy() {
        Map<String, Map<String, Object>> functions = template(props().build()).findResources("AWS::Lambda::Function");
        assertThat((List<?>) functions.values().iterator().next().get("DependsOn"))
                .anySatisfy(d -> assertThat(d.toString()).startsWith("ReplicationPolicy"));
    }

    @Test
    void grantInvokeAllowsInvokingTheAlias() {
        Template t = Template.fromStack(TestStacks.withConstruct(props().build(), c -> {
            Role operator = Role.Builder.create(Stack.of(c), "Operator")
                    .assumedBy(new ServicePrincipal("ec2.amazonaws.com")).build();
            c.grantInvoke(operator);
        }));
        t.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Operator.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Resource", Map.of("Ref", "ReplicationAlias24FB1648"))))))));
    }
}
