package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.SnapshotStatements.statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.github.snapshotreplication.contract.TagKeys;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least-privilege IAM statements of the replication function, one per concern, each with a {@code Sid}.
 *
 * <p>Checked against the Service Authorization Reference for Amazon RDS (see {@link SnapshotStatements});
 * {@code CopyDBSnapshot} needs the copy permission on the source and the target ARN ("Copying a DB snapshot"). KMS:
 * RDS needs {@code kms:CreateGrant} and {@code kms:DescribeKey} on customer managed keys ("AWS KMS key management" in
 * the RDS guide), narrowed with {@code kms:ViaService}.
 */
final class ReplicationPermissions {

    private final Stack stack;
    private final String sourceRegion;
    private final String targetRegion;
    private final boolean aurora;
    private final Collection<String> targetOptionGroups;
    private final String followUpRuleName;
    private final boolean vault;
    private final SnapshotStatements own;

    ReplicationPermissions(Stack stack, String targetRegion, boolean aurora, String replicationId,
                           Collection<String> targetOptionGroups, String followUpRuleName, boolean vault) {
        this.stack = stack;
        this.sourceRegion = stack.getRegion();
        this.targetRegion = targetRegion;
        this.aurora = aurora;
        this.targetOptionGroups = new TreeSet<>(targetOptionGroups);
        this.followUpRuleName = followUpRuleName;
        this.vault = vault;
        this.own = new SnapshotStatements(stack, targetRegion, replicationId, aurora);
    }

    /**
     * @param targetKeyArn the target KMS key, or {@code null} when encrypted snapshots are not copied
     * @return every statement the function needs for RDS and KMS
     */
    List<PolicyStatement> statements(String targetKeyArn) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(describe());
        statements.add(statement("CopyFromSourceRegion", own.copyActions(), own.snapshotTypes().stream()
                .map(type -> own.arn(sourceRegion, null, "rds", type, "*")).toList(), null));
        statements.add(own.copyIntoOwnPrefix("CopyIntoTargetRegionWithManagedTag"));
        statements.addAll(own.deleteOwnCopies());
        // The function turns its own follow-up rule on while copies wait, and off when none do; an event reads it to
        // leave free slots to the follow-up sweep while copies wait.
        statements.add(statement("ToggleOwnFollowUpRule", List.of("events:DescribeRule", "events:DisableRule",
                "events:EnableRule"),
                List.of(stack.formatArn(ArnComponents.builder().service("events").region(sourceRegion)
                        .resource("rule").resourceName(followUpRuleName).arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())), null));
        if (vault) {
            // Share this installation's own copies (and only those) and note the hand-over in one tag. No statement
            // names the vault account: sharing is an attribute of our snapshot, the vault acts with its own role.
            statements.add(own.shareOwnCopies("ShareOwnCopiesWithVault"));
            statements.add(own.tagOwnCopies("MarkOwnCopiesHandedToVault", List.of(TagKeys.VAULT)));
        }
        if (targetKeyArn != null) {
            statements.addAll(SnapshotStatements.keyUse("TargetKey", List.of(targetKeyArn), targetRegion));
            statements.addAll(SnapshotStatements.keyUse("SourceKeys",
                    List.of(own.arn(sourceRegion, null, "kms", "key", "*")), sourceRegion));
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
                targetOptionGroups.stream().map(name -> own.arn(targetRegion, null, "rds", "og", name)).toList(),
                null));
    }

    private PolicyStatement describe() {
        // DescribeOptionGroups tells which option groups hold persistent options that a copy must map.
        List<String> actions = new ArrayList<>(List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots",
                "rds:DescribeOptionGroups"));
        if (aurora) {
            actions.addAll(List.of("rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots"));
        }
        return SnapshotStatements.describe("DescribeDatabasesAndSnapshots", actions,
                List.of(sourceRegion, targetRegion));
    }
}
