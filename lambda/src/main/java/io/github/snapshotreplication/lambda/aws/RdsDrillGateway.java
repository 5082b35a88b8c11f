package io.github.snapshotreplication.lambda.aws;

import static io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway.call;
import static io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway.ifFound;

import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.drill.DrillAction;
import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;
import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restore drill's door to the databases of the target region: lists them, restores copies into drill databases,
 * adds an Aurora drill's instance, deletes drill databases and writes the ledger on copies. It acts only on what the
 * drill planner proved to be the drill's; the role's IAM statements hold it to the same (docs/aws-references.md#r9).
 */
public final class RdsDrillGateway implements AutoCloseable {

    private final RdsClient client;

    RdsDrillGateway(RdsClient client) {
        this.client = client;
    }

    /** A gateway with its own client for {@code region}. */
    public static RdsDrillGateway create(String region, ClientSettings settings) {
        return new RdsDrillGateway(RdsClients.build(region, settings));
    }

    /** A gateway over the client of {@code snapshots}, to the same region: one client per region, not two. */
    public static RdsDrillGateway sharing(RdsSnapshotGateway snapshots) {
        return new RdsDrillGateway(snapshots.client());
    }

    /** Every DB instance of the region, 100 a page. DescribeDBInstances. */
    public List<TargetDatabase> describeInstances() {
        return call("DescribeDBInstances", () -> client.describeDBInstancesPaginator(r -> r.maxRecords(
                RdsSnapshotGateway.PAGE_SIZE)).dbInstances().stream().map(RdsMapping::targetDatabase).toList());
    }

    /** Every Aurora DB cluster of the region, 100 a page. DescribeDBClusters. */
    public List<TargetDatabase> describeClusters() {
        return call("DescribeDBClusters", () -> client.describeDBClustersPaginator(r -> r.maxRecords(
                RdsSnapshotGateway.PAGE_SIZE)).dbClusters().stream().filter(RdsMapping::isRdsCluster)
                .map(RdsMapping::targetDatabase).toList());
    }

    /**
     * Restores a copy into a drill database: a DB instance (RestoreDBInstanceFromDBSnapshot) or a DB cluster
     * (RestoreDBClusterFromSnapshot, which creates no instance: #r3). Never public, no deletion protection, no tags
     * copied to its snapshots, every tag given explicitly so none of the copy's travel to it (#o8, #r1). The cluster
     * gets the copy's engine version: RDS would pick the region's default otherwise (#r3).
     */
    public void restore(DrillAction.Restore action, DrillPolicy policy) {
        Snapshot copy = action.copy();
        if (action.kind() == SnapshotKind.DB_SNAPSHOT) {
            call("RestoreDBInstanceFromDBSnapshot", () -> client.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier(action.identifier())
                    .dbSnapshotIdentifier(copy.identifier())
                    .dbInstanceClass(action.instanceClass())
                    .dbSubnetGroupName(policy.subnetGroup())
                    .vpcSecurityGroupIds(policy.securityGroups())
                    .publiclyAccessible(false)
                    .multiAZ(false)
                    .deletionProtection(false)
                    .copyTagsToSnapshot(false)
                    .optionGroupName(copy.optionGroupName())
                    .tags(RdsMapping.sdkTags(action.tags()))));
            return;
        }
        call("RestoreDBClusterFromSnapshot", () -> client.restoreDBClusterFromSnapshot(r -> r
                .dbClusterIdentifier(action.identifier())
                .snapshotIdentifier(copy.identifier())
                .engine(copy.engine())
                .engineVersion(copy.engineVersion())
                .dbSubnetGroupName(policy.subnetGroup())
                .vpcSecurityGroupIds(policy.securityGroups())
                .kmsKeyId(copy.encrypted() ? copy.kmsKeyId() : null)
                .deletionProtection(false)
                .copyTagsToSnapshot(false)
                .tags(RdsMapping.sdkTags(action.tags()))));
    }

    /** Adds the DB instance to an Aurora drill's cluster. CreateDBInstance with {@code DBClusterIdentifier}. */
    public void createClusterInstance(DrillAction.CreateClusterInstance action) {
        call("CreateDBInstance", () -> client.createDBInstance(r -> r
                .dbInstanceIdentifier(action.identifier())
                .dbClusterIdentifier(action.drill().cluster().identifier())
                .engine(action.engine())
                .dbInstanceClass(action.instanceClass())
                .publiclyAccessible(false)
                .tags(RdsMapping.sdkTags(action.tags()))));
    }

    /**
     * Deletes a drill database with nothing kept: no final snapshot, no retained automated backups (#r5). A
     * cluster's member takes neither option: its cluster's own delete decides.
     */
    public void delete(TargetDatabase database) {
        if (database.cluster()) {
            call("DeleteDBCluster", () -> client.deleteDBCluster(r -> r.dbClusterIdentifier(database.identifier())
                    .skipFinalSnapshot(true).deleteAutomatedBackups(true)));
        } else if (database.clusterIdentifier() != null) {
            call("DeleteDBInstance", () -> client.deleteDBInstance(r -> r.dbInstanceIdentifier(database.identifier())));
        } else {
            call("DeleteDBInstance", () -> client.deleteDBInstance(r -> r
                    .dbInstanceIdentifier(database.identifier()).skipFinalSnapshot(true).deleteAutomatedBackups(true)));
        }
    }

    /** The status of one database now; empty when it is gone. DescribeDBInstances or DescribeDBClusters. */
    public Optional<String> statusOf(TargetDatabase database) {
        return ifFound(() -> database.cluster()
                ? call("DescribeDBClusters", () -> client.describeDBClusters(r -> r.dbClusterIdentifier(
                database.identifier())).dbClusters().stream().map(c -> c.status()).findFirst())
                : call("DescribeDBInstances", () -> client.describeDBInstances(r -> r.dbInstanceIdentifier(
                database.identifier())).dbInstances().stream().map(i -> i.dbInstanceStatus()).findFirst()));
    }

    /** Adds or replaces tags of a resource of the region. AddTagsToResource. */
    public void tag(String arn, Map<String, String> tags) {
        call("AddTagsToResource", () -> client.addTagsToResource(r -> r.resourceName(arn)
                .tags(RdsMapping.sdkTags(tags))));
    }

    @Override
    public void close() {
        client.close();
    }
}
