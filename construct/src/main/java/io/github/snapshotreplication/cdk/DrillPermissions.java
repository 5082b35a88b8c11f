package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.SnapshotStatements.statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least-privilege IAM statements of the restore drill's function, one per concern, each with a {@code Sid}.
 *
 * <p>The drill creates databases only under its identifier prefix ({@link CopyIdentifiers#drillIdentifierStart})
 * and only with its tag ({@link TagKeys#DRILL} = the replication id) in the request; it deletes DB instances and
 * clusters only under that prefix <em>and</em> with that tag. It restores only this installation's copies, tags
 * them only with the ledger keys, and has no {@code Modify*} action and no other {@code Delete*} action: nothing
 * else in the target region can be changed by its role. Resource types and condition keys per action are those of
 * the Service Authorization Reference for Amazon RDS (README, "Restore drills").
 */
final class DrillPermissions {

    static final String DRILL_REQUEST_TAG = "aws:RequestTag/" + TagKeys.DRILL;
    static final String DRILL_RESOURCE_TAG = "aws:ResourceTag/" + TagKeys.DRILL;
    static final List<String> LEDGER_KEYS = List.of(TagKeys.DRILL_REQUESTED_AT, TagKeys.DRILL_FIRST_REQUESTED_AT,
            TagKeys.DRILL_ENDED_AT, TagKeys.DRILL_PASSED_AT);

    private final String sourceRegion;
    private final String targetRegion;
    private final boolean aurora;
    private final String replicationId;
    private final String subnetGroupName;
    private final SnapshotStatements own;

    DrillPermissions(Stack stack, String targetRegion, boolean aurora, String replicationId, String subnetGroupName) {
        this.sourceRegion = stack.getRegion();
        this.targetRegion = targetRegion;
        this.aurora = aurora;
        this.replicationId = replicationId;
        this.subnetGroupName = subnetGroupName;
        this.own = new SnapshotStatements(stack, targetRegion, replicationId, aurora);
    }

    /**
     * @param targetKeyArn the target KMS key, or {@code null} when encrypted snapshots are not copied
     * @return every statement the drill function needs for RDS and KMS
     */
    List<PolicyStatement> statements(String targetKeyArn) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(SnapshotStatements.describe("DescribeDrillDatabasesAndCopies", targetDescribeActions(),
                List.of(targetRegion)));
        statements.add(SnapshotStatements.describe("DescribeReplicatedDatabases", aurora
                ? List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters") : List.of("rds:DescribeDBInstances"),
                List.of(sourceRegion)));
        statements.add(createDrillDatabases());
        statements.add(restoreFromOwnCopies());
        statements.addAll(deleteDrillDatabases());
        statements.add(own.tagOwnCopies("RecordDrillLedgerOnOwnCopies", LEDGER_KEYS));
        if (targetKeyArn != null) {
            statements.addAll(SnapshotStatements.keyUse("TargetKey", List.of(targetKeyArn), targetRegion));
        }
        return statements;
    }

    private List<String> targetDescribeActions() {
        List<String> actions = new ArrayList<>(List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots"));
        if (aurora) {
            actions.addAll(List.of("rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots"));
        }
        return actions;
    }

    /** The drill databases: DB instances, and with Aurora DB clusters, under the drill prefix. */
    private List<String> drillDatabaseArns() {
        List<String> arns = new ArrayList<>(List.of(drillArn("db")));
        if (aurora) {
            arns.add(drillArn("cluster"));
        }
        return arns;
    }

    /**
     * The created database is the resource the create actions are authorized against: with the drill prefix and
     * the drill tag in the request, or not at all. {@code rds:AddTagsToResource} is the dependent action of a create
     * request that passes tags.
     */
    private PolicyStatement createDrillDatabases() {
        List<String> actions = new ArrayList<>(List.of("rds:RestoreDBInstanceFromDBSnapshot"));
        if (aurora) {
            actions.addAll(List.of("rds:RestoreDBClusterFromSnapshot", "rds:CreateDBInstance"));
        }
        actions.add("rds:AddTagsToResource");
        return statement("CreateDrillDatabasesWithDrillTag", actions, drillDatabaseArns(),
                Map.of("StringEquals", Map.of(DRILL_REQUEST_TAG, replicationId)));
    }

    /**
     * The other resources a restore request names: one of this installation's copies, the drill's subnet group,
     * the copy's option group and the engine's default parameter group (whose names are known at run time only).
     * Being used by a restore changes none of them.
     */
    private PolicyStatement restoreFromOwnCopies() {
        List<String> actions = new ArrayList<>(List.of("rds:RestoreDBInstanceFromDBSnapshot"));
        List<String> resources = new ArrayList<>(own.ownCopyArns());
        // RDS stores the name in lower case (docs/aws-references.md#r14), and ARNs match case-sensitively.
        resources.add(targetArn("subgrp", Token.isUnresolved(subnetGroupName) ? subnetGroupName
                : subnetGroupName.toLowerCase(Locale.ROOT)));
        resources.add(targetArn("og", "*"));
        resources.add(targetArn("pg", "*"));
        if (aurora) {
            actions.addAll(List.of("rds:RestoreDBClusterFromSnapshot", "rds:CreateDBInstance"));
            resources.add(targetArn("cluster-pg", "*"));
        }
        return statement("RestoreFromOwnCopiesIntoDrillSubnetGroup", actions, resources, null);
    }

    /** Two facts, either of which someone else's database lacks: the drill prefix and the drill tag. */
    private List<PolicyStatement> deleteDrillDatabases() {
        Map<String, Object> ownDrill = Map.of("StringEquals", Map.of(DRILL_RESOURCE_TAG, replicationId));
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement("DeleteDrillDBInstances", List.of("rds:DeleteDBInstance"), List.of(drillArn("db")),
                ownDrill));
        if (aurora) {
            statements.add(statement("DeleteDrillDBClusters", List.of("rds:DeleteDBCluster"),
                    List.of(drillArn("cluster")), ownDrill));
            // The reference lists cluster-snapshot as a resource of DeleteDBCluster too (the final snapshot, which
            // the drill skips); a tag condition cannot hold on a snapshot that does not exist. This alone deletes
            // nothing: DeleteDBCluster deletes clusters, and the cluster ARN needs the statement above.
            statements.add(statement("DeleteDrillDBClustersFinalSnapshotName", List.of("rds:DeleteDBCluster"),
                    List.of(drillArn("cluster-snapshot")), null));
        }
        return statements;
    }

    private String drillArn(String resourceType) {
        return targetArn(resourceType, CopyIdentifiers.drillIdentifierStart(replicationId) + "*");
    }

    private String targetArn(String resourceType, String name) {
        return own.arn(targetRegion, null, "rds", resourceType, name);
    }
}
