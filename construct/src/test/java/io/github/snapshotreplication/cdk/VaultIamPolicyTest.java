package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.statementsBySid;
import static io.github.snapshotreplication.cdk.TestStacks.vaultProps;
import static io.github.snapshotreplication.cdk.TestStacks.withVault;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The vault's role may do what the vault engine does and nothing more: read snapshots in its region, copy the
 * accepted source accounts' shared copies into its own prefix with its tag, share back, tag and delete its own copies,
 * and use keys through RDS only. Another account is named only where a source account's snapshot or key must be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultIamPolicyTest {

    private static final String ID = "VaultStackVault961F0F41";
    private static final String OTHER_SOURCE = "333333333333";
    private static final String VIA_RDS = "rds.eu-central-1.amazonaws.com";

    private final Template aurora = Template.fromStack(withVault(vaultProps()
            .sourceAccounts(List.of(TestStacks.ACCOUNT, OTHER_SOURCE)).includeAurora(true).build(), v -> { }));
    private final Map<String, Map<String, Object>> auroraBySid = statementsBySid(aurora);
    private final Map<String, Map<String, Object>> instancesOnly = statementsBySid(Template.fromStack(
            withVault(vaultProps().build(), v -> { })));

    private static Object arn(String account, String resource) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":" + resource.replace("{account}", account))));
    }

    private static Object own(String type) {
        return arn(TestStacks.VAULT_ACCOUNT, "rds:eu-central-1:{account}:" + type + ":"
                + CopyIdentifiers.identifierStart(ID) + "*");
    }

    @Test
    void describeCallsAreLimitedToTheVaultsRegion() {
        assertThat(auroraBySid.get("DescribeSharedAndOwnSnapshots")).containsEntry("Resource", "*")
                .containsEntry("Action", List.of("rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots"))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion", "eu-central-1")));
        assertThat(instancesOnly.get("DescribeSharedAndOwnSnapshots"))
                .containsEntry("Action", "rds:DescribeDBSnapshots");
    }

    @Test
    void copiesComeOnlyFromTheCopiesAcceptedAccountsShare() {
        assertThat(auroraBySid.get("CopySharedSnapshotsOfSourceAccounts"))
                .containsEntry("Action", List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot"))
                .containsEntry("Resource", List.of(
                        arn(TestStacks.ACCOUNT, "rds:eu-central-1:{account}:snapshot:sr*"),
                        arn(TestStacks.ACCOUNT, "rds:eu-central-1:{account}:cluster-snapshot:sr*"),
                        arn(OTHER_SOURCE, "rds:eu-central-1:{account}:snapshot:sr*"),
                        arn(OTHER_SOURCE, "rds:eu-central-1:{account}:cluster-snapshot:sr*")))
                .doesNotContainKey("Condition");
    }

    @Test
    void copiesGoOnlyIntoTheVaultsPrefixWithItsManagedByTag() {
        assertThat(auroraBySid.get("CopyIntoVaultWithManagedTag"))
                .containsEntry("Action", List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot",
                        "rds:AddTagsToResource"))
                .containsEntry("Resource", List.of(own("snapshot"), own("cluster-snapshot")))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:RequestTag/" + TagKeys.MANAGED_BY,
                        ID)));
    }

    @Test
    void receiptsAreSharedAndNotedOnlyOnTheVaultsOwnTaggedCopies() {
        Map<String, Object> ownTag = Map.of("aws:ResourceTag/" + TagKeys.MANAGED_BY, ID);
        assertThat(auroraBySid.get("ShareReceiptsWithSourceAccounts"))
                .containsEntry("Action", List.of("rds:ModifyDBClusterSnapshotAttribute",
                        "rds:ModifyDBSnapshotAttribute"))
                .containsEntry("Resource", List.of(own("snapshot"), own("cluster-snapshot")))
                .containsEntry("Condition", Map.of("StringEquals", ownTag));
        assertThat(auroraBySid.get("MarkReceiptsSent"))
                .containsEntry("Action", "rds:AddTagsToResource")
                .containsEntry("Resource", List.of(own("snapshot"), own("cluster-snapshot")))
                .containsEntry("Condition", Map.of("StringEquals", ownTag,
                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(TagKeys.RECEIPT))));
    }

    @Test
    void deletesNeedTheVaultsPrefixAndItsTag() {
        assertThat(auroraBySid.get("DeleteOwnDBSnapshotCopies"))
                .containsEntry("Action", "rds:DeleteDBSnapshot")
                .containsEntry("Resource", own("snapshot"))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("rds:snapshot-tag/" + TagKeys.MANAGED_BY, ID)));
        assertThat(auroraBySid.get("DeleteOwnDBClusterSnapshotCopies"))
                .containsEntry("Action", "rds:DeleteDBClusterSnapshot")
                .containsEntry("Resource", own("cluster-snapshot"))
                .containsEntry("Condition", Map.of("StringEquals",
                        Map.of("rds:cluster-snapshot-tag/" + TagKeys.MANAGED_BY, ID)));
        assertThat(instancesOnly.values().toString()).doesNotContain("Cluster", "cluster-snapshot");
    }

    @Test
    void theVaultKeyIsUsableOnlyThroughRdsAndOnlyForGrantsToAwsResources() {
        Object key = Map.of("Fn::GetAtt", List.of("VaultKeyCB88EF1A", "Arn"));
        assertThat(auroraBySid.get("CreateGrantOnVaultKeyForRds")).containsEntry("Action", "kms:CreateGrant")
                .containsEntry("Resource", key)
                .containsEntry("Condition", Map.of("StringEquals", Map.of("kms:ViaService", VIA_RDS),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        assertThat(auroraBySid.get("DescribeKeyOnVaultKeyForRds")).containsEntry("Action", "kms:DescribeKey")
                .containsEntry("Resource", key)
                .containsEntry("Condition", Map.of("StringEquals", Map.of("kms:ViaService", VIA_RDS)));
    }

    @Test
    void sourceAccountKeysAreUsableOnlyThroughRdsOfTheVaultsRegionToReadTheirCopies() {
        List<Object> keys = List.of(arn(TestStacks.ACCOUNT, "kms:eu-central-1:{account}:key/*"),
                arn(OTHER_SOURCE, "kms:eu-central-1:{account}:key/*"));
        assertThat(auroraBySid.get("CreateGrantOnSourceAccountKeysForRds"))
                .containsEntry("Action", "kms:CreateGrant").containsEntry("Resource", keys)
                .containsEntry("Condition", Map.of("StringEquals", Map.of("kms:ViaService", VIA_RDS),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        assertThat(auroraBySid.get("DecryptWithSourceAccountKeysThroughRds"))
                .containsEntry("Action", List.of("kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom"))
                .containsEntry("Resource", keys)
                .containsEntry("Condition", Map.of("StringEquals", Map.of("kms:ViaService", VIA_RDS)));
    }

    @Test
    void theRoleHoldsEveryStatementWithASidInTwoManagedPoliciesAndNothingElse() {
        assertThat(auroraBySid).containsOnlyKeys("DescribeSharedAndOwnSnapshots", "CopyIntoVaultWithManagedTag",
                "ShareReceiptsWithSourceAccounts", "MarkReceiptsSent", "DeleteOwnDBSnapshotCopies",
                "DeleteOwnDBClusterSnapshotCopies", "CreateGrantOnVaultKeyForRds", "DescribeKeyOnVaultKeyForRds",
                "WriteFunctionLogs", "SendFailedEventsToDeadLetterQueue", "CopySharedSnapshotsOfSourceAccounts",
                "CreateGrantOnSourceAccountKeysForRds", "DecryptWithSourceAccountKeysThroughRds");
        String policies = aurora.findResources("AWS::IAM::ManagedPolicy").toString();
        assertThat(policies.split("Effect=").length - 1).isEqualTo(auroraBySid.size());
        assertThat(policies).doesNotContain("Effect=Deny", "rds:*", "kms:*");
        aurora.resourceCountIs("AWS::IAM::Policy", 0);
        aurora.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com"))))),
                "ManagedPolicyArns", Match.absent(),
                "Policies", Match.absent()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anotherAccountIsNamedOnlyWhereASourceAccountsSnapshotOrKeyMustBe() {
        List<String> accepted = List.of(TestStacks.ACCOUNT, OTHER_SOURCE);
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) aurora.toJSON()
                .get("Resources");
        Map<String, Object> namingAnotherAccount = new HashMap<>();
        resources.forEach((logicalId, resource) -> {
            Map<String, Object> copy = new HashMap<>(resource);
            if (copy.get("Properties") instanceof Map<?, ?> properties) {
                // The asset's S3 key is a content hash, not an account.
                Map<String, Object> withoutCode = new HashMap<>((Map<String, Object>) properties);
                withoutCode.remove("Code");
                copy.put("Properties", withoutCode);
            }
            List<String> others = new ArrayList<>(TestStacks.accountsNamedIn(copy));
            others.remove(TestStacks.VAULT_ACCOUNT);
            if (!others.isEmpty()) {
                assertThat(accepted).as(logicalId).containsAll(others);
                namingAnotherAccount.put(logicalId, others);
            }
        });
        // The policy of the source-account statements, and the function's list of accepted accounts.
        assertThat(namingAnotherAccount.keySet()).containsExactlyInAnyOrder("VaultSourceAccountsPolicyADFCBF3F",
                "VaultFunction73B194A5");
        assertThat(statementsBySid(aurora).entrySet()).allSatisfy(e -> {
            if (!e.getKey().contains("SourceAccount")) {
                assertThat(TestStacks.accountsNamedIn(e.getValue())).as(e.getKey())
                        .isSubsetOf(TestStacks.VAULT_ACCOUNT);
            }
        });
    }

    @Test
    void twentySourceAccountsFitTheirPolicyWithAuroraAVpcAndTracing() throws Exception {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(String.format("%012d", 100_000_000_000L + i));
        }
        Stack stack = TestStacks.vaultStack();
        CompliantSetUp.defineVault(stack, vaultProps().sourceAccounts(twenty).includeAurora(true));
        Map<String, Map<String, Object>> policies = Template.fromStack(stack).findResources("AWS::IAM::ManagedPolicy");
        assertThat(policies).hasSize(2);
        for (Map<String, Object> policy : policies.values()) {
            String document = new ObjectMapper().writeValueAsString(((Map<?, ?>) policy.get("Properties"))
                    .get("PolicyDocument"));
            String resolved = resolved(document);
            assertThat(resolved).doesNotContain("Fn::");
            assertThat(resolved.length()).as("managed policies hold at most 6,144 characters").isLessThan(6_144);
        }
    }

    /**
     * The document as IAM counts it (resolved, without white space), at its longest: ARNs joined with the partition
     * are written with the longest partition name, and each attribute reference as 120 characters.
     */
    private static String resolved(String document) {
        return document.replace("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\"", "\"arn:aws-us-gov")
                .replace("\"]]}", "\"")
                .replaceAll("\\{\"Fn::GetAtt\":\\[[^]]*]}", "\"" + "x".repeat(118) + "\"");
    }
}
