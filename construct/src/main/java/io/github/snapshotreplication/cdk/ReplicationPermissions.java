package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least-privilege IAM statements of the replication function, one per concern, each with a {@code Sid}.
 *
 * <p>Checked against the Service Authorization Reference for Amazon RDS: {@code CopyDBSnapshot} needs the
 * {@code snapshot} resource (source and target ARN, per "Copying a DB snapshot"), {@code CopyDBClusterSnapshot} the
 * {@code cluster-snapshot} resource, {@code AddTagsToResource} is their dependent action when tags are passed, and the
 * {@code snapshot}/{@code cluster-snapshot} resource types support {@code rds:snapshot-tag/${TagKey}} and
 * {@code rds:cluster-snapshot-tag/${TagKey}}. KMS: RDS needs {@code kms:CreateGrant} and {@code kms:DescribeKey}
 * on customer managed keys ("AWS KMS key management" in the RDS guide), narrowed with {@code kms:ViaService}.
 */
final class ReplicationPermissions {

    private static final String MANAGED_BY_REQUEST_TAG = "aws:RequestTag/" + TagKeys.MANAGED_BY;
    private static final String OWN_RESOURCE_TAG = "aws:ResourceTag/" + TagKeys.MANAGED_BY;

    private final Stack stack;
    private final String sourceRegion;
    private final String targetRegion;
    private final boolean aurora;
    private final String replicationId;
    private final Collection<String> targetOptionGroups;
    private final String followUpRuleName;
    private final boolean vault;

    ReplicationPermissions(Stack stack, String targetRegion, boolean aurora, String replicationId,
                           Collection<String> targetOptionGroups, String followUpRuleName, boolean vault) {
        this.stack = stack;
        this.sourceRegion = stack.getRegion();
        this.targetRegion = targetRegion;
        this.aurora = aurora;
        this.replicationId = replicationId;
        this.targetOptionGroups = new TreeSet<>(targetOptionGroups);
        this.followUpRuleName = followUpRuleName;
        this.vault = vault;
    }

    /**
     * @param targetKeyArn the target KMS key, or {@code null} when encrypted snapshots are not copied
     * @return every statement the function needs for RDS and KMS
     */
    List<PolicyStatement> statements(String targetKeyArn) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(describe());
        statements.add(statement("CopyFromSourceRegion", copyActions(), snapshotArns(sourceRegion), null));
        List<String> copyAndTag = new ArrayList<>(copyActions());
        copyAndTag.add("rds:AddTagsToResource");
        // Copies are created only under this installation's identifier prefix, and only with its managed-by tag.
        statements.add(statement("CopyIntoTargetRegionWithManagedTag", copyAndTag, ownCopyArns(),
                Map.of("StringEquals", Map.of(MANAGED_BY_REQUEST_TAG, replicationId))));
        // Two facts, either of which a look-alike lacks: tags travel to copies of copies and to restored databases,
        // and the name prefix can be chosen by anyone; together they keep every other snapshot out of reach.
        statements.add(statement("DeleteOwnDBSnapshotCopies", List.of("rds:DeleteDBSnapshot"),
                List.of(ownCopyArn("snapshot")),
                Map.of("StringEquals", Map.of("rds:snapshot-tag/" + TagKeys.MANAGED_BY, replicationId))));
        if (aurora) {
            statements.add(statement("DeleteOwnDBClusterSnapshotCopies", List.of("rds:DeleteDBClusterSnapshot"),
                    List.of(ownCopyArn("cluster-snapshot")),
                    Map.of("StringEquals", Map.of("rds:cluster-snapshot-tag/" + TagKeys.MANAGED_BY, replicationId))));
        }
        // The function turns its own follow-up rule on while copies wait, and off when none do.
        statements.add(statement("ToggleOwnFollowUpRule", List.of("events:DisableRule", "events:EnableRule"),
                List.of(stack.formatArn(ArnComponents.builder().service("events").region(sourceRegion)
                        .resource("rule").resourceName(followUpRuleName).arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())), null));
        if (vault) {
            statements.addAll(vaultHandOver());
        }
        if (targetKeyArn != null) {
            statements.addAll(keyUse("TargetKey", List.of(targetKeyArn), targetRegion));
            statements.addAll(keyUse("SourceKeys", List.of(arn(sourceRegion, "kms", "key")), sourceRegion));
        }
        return statements;
    }

    /**
     * CopyDBSnapshot with OptionGroupName is also authorized against the option group (resource type og): one
     * statement with the ARN of every mapped target option group, when there are any.
     *
     * @return the statement, or empty without a mapping
     */
    Optional<PolicyStatement> optionGroupStatement() {
        if (targetOptionGroups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(statement("CopyWithMappedOptionGroups", List.of("rds:CopyDBSnapshot"),
                targetOptionGroups.stream().map(name -> arn(targetRegion, "rds", "og", name)).toList(), null));
    }

    /**
     * In vault mode: share this installation's own copies (and only those) and note the hand-over in one tag. No
     * statement names the vault account: sharing is an attribute of our snapshot, the vault acts with its own role.
     */
    private List<PolicyStatement> vaultHandOver() {
        Map<String, Object> ownCopy = Map.of(OWN_RESOURCE_TAG, replicationId);
        List<String> share = aurora ? List.of("rds:ModifyDBClusterSnapshotAttribute", "rds:ModifyDBSnapshotAttribute")
                : List.of("rds:ModifyDBSnapshotAttribute");
        return List.of(
                statement("ShareOwnCopiesWithVault", share, ownCopyArns(), Map.of("StringEquals", ownCopy)),
                statement("MarkOwnCopiesHandedToVault", List.of("rds:AddTagsToResource"), ownCopyArns(), Map.of(
                        "StringEquals", ownCopy,
                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(TagKeys.VAULT)))));
    }

    private PolicyStatement describe() {
        // DescribeOptionGroups tells which option groups hold persistent options that a copy must map.
        List<String> actions = new ArrayList<>(List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots",
                "rds:DescribeOptionGroups"));
        if (aurora) {
            actions.addAll(List.of("rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots"));
        }
        // Unfiltered Describe calls are authorized against "*"; the region condition keeps them to the two regions.
        return statement("DescribeDatabasesAndSnapshots", actions, List.of("*"),
                Map.of("StringEquals", Map.of("aws:RequestedRegion", List.of(sourceRegion, targetRegion))));
    }

    private List<PolicyStatement> keyUse(String name, List<String> keyArns, String region) {
        String viaRds = "rds." + region + ".amazonaws.com";
        PolicyStatement grant = statement("CreateGrantOn" + name + "ForRds", List.of("kms:CreateGrant"), keyArns,
                Map.of("StringEquals", Map.of("kms:ViaService", viaRds),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        PolicyStatement describe = statement("DescribeKeyOn" + name + "ForRds", List.of("kms:DescribeKey"), keyArns,
                Map.of("StringEquals", Map.of("kms:ViaService", viaRds)));
        return List.of(grant, describe);
    }

    private List<String> copyActions() {
        return aurora ? List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot") : List.of("rds:CopyDBSnapshot");
    }

    /** Snapshots of the target region named with this installation's prefix, of every replicated kind. */
    private List<String> ownCopyArns() {
        return aurora ? List.of(ownCopyArn("snapshot"), ownCopyArn("cluster-snapshot"))
                : List.of(ownCopyArn("snapshot"));
    }

    private String ownCopyArn(String resourceType) {
        return arn(targetRegion, "rds", resourceType, CopyIdentifiers.identifierStart(replicationId) + "*");
    }

    private List<String> snapshotArns(String region) {
        return aurora ? List.of(arn(region, "rds", "snapshot"), arn(region, "rds", "cluster-snapshot"))
                : List.of(arn(region, "rds", "snapshot"));
    }

    private String arn(String region, String service, String resourceType) {
        return arn(region, service, resourceType, "*");
    }

    private String arn(String region, String service, String resourceType, String resourceName) {
        return stack.formatArn(ArnComponents.builder()
                .service(service)
                .region(region)
                .resource(resourceType)
                .resourceName(resourceName)
                .arnFormat("kms".equals(service) ? ArnFormat.SLASH_RESOURCE_NAME : ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources,
                                             Map<String, ?> conditions) {
        PolicyStatement.Builder b = PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources);
        if (conditions != null) {
            // Sorted, so that the template is the same on every synth (Map.of iterates in random order).
            b.conditions(new TreeMap<>(conditions));
        }
        return b.build();
    }
}
