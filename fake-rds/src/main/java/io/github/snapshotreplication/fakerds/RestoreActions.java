package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;

/**
 * RestoreDBInstanceFromDBSnapshot and RestoreDBClusterFromSnapshot: a new database from a snapshot of this region,
 * {@code creating} for the region's restore time (zero by default: {@code available} at once). It keeps the
 * snapshot's engine, version, storage, encryption and KMS key, and stores the network, group and protection
 * settings of the request.
 */
final class RestoreActions {

    static final int MAX_DATABASE_IDENTIFIER_LENGTH = 63;
    /**
     * BackupRetentionPeriod of a restored database when the request gives none: CreateDBInstance's documented
     * default; the restore reference names none (README: assumptions).
     */
    static final int DEFAULT_BACKUP_RETENTION = 1;

    private final Accounts accounts;

    RestoreActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void restoreDbInstance(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String instanceId = request.required("DBInstanceIdentifier");
        CopyRules.checkTargetIdentifier("DBInstanceIdentifier", instanceId, MAX_DATABASE_IDENTIFIER_LENGTH);
        if (request.optional("DBClusterSnapshotIdentifier") != null) {
            throw QueryError.invalidCombination("The fake does not model restoring a DB instance from a Multi-AZ DB"
                    + " cluster snapshot (DBClusterSnapshotIdentifier)");
        }
        String snapshotValue = request.required("DBSnapshotIdentifier");
        Map<String, String> requestTags = TagRules.checkRequestTags(request.tags());
        String optionGroup = request.optional("OptionGroupName");
        DatabaseRules.checkOptionGroup(region, optionGroup);
        DatabaseRules.checkSubnetGroup(region, request.optional("DBSubnetGroupName"));
        RegionState state = region.state();
        DbInstance stored = state.locked(() -> {
            String snapshotId = Describe.localId(snapshotValue, "snapshot", region);
            DbSnapshot snapshot = snapshotId == null ? null : state.snapshots().get(snapshotId);
            if (snapshot == null) {
                throw new QueryError(FakeError.DB_SNAPSHOT_NOT_FOUND, "DBSnapshot not found: " + snapshotValue);
            }
            if (!SnapshotStatus.AVAILABLE.equals(snapshot.status())) {
                throw new QueryError(FakeError.INVALID_DB_SNAPSHOT_STATE, "Snapshot " + snapshotValue
                        + " is not in available state (current state: " + snapshot.status() + ").");
            }
            if (state.instances().contains(instanceId)) {
                throw new QueryError(FakeError.DB_INSTANCE_ALREADY_EXISTS, "DB instance already exists: "
                        + instanceId);
            }
            DatabaseRules.checkSnapshotKey(region, snapshot.kmsKeyId());
            DbInstance instance = restoredInstance(request, region, snapshot, requestTags, optionGroup);
            DatabaseRules.checkEngineVersion(region, instance.engine(), instance.engineVersion());
            DatabaseRules.checkInstanceQuotas(region, instance.allocatedStorage());
            return region.lifecycle().created(instance);
        });
        ResourceXml.dbInstance(xml, stored);
    }

    void restoreDbCluster(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String clusterId = request.required("DBClusterIdentifier");
        CopyRules.checkTargetIdentifier("DBClusterIdentifier", clusterId, MAX_DATABASE_IDENTIFIER_LENGTH);
        String snapshotValue = request.required("SnapshotIdentifier");
        String engine = request.required("Engine");
        Map<String, String> requestTags = TagRules.checkRequestTags(request.tags());
        String kmsKeyId = request.optional("KmsKeyId");
        if (kmsKeyId != null) {
            CopyRules.checkKmsKey(kmsKeyId, region, accounts);
        }
        DatabaseRules.checkSubnetGroup(region, request.optional("DBSubnetGroupName"));
        if (Arn.looksLikeArn(snapshotValue) && snapshotValue.contains(":snapshot:")) {
            throw QueryError.invalidCombination("The fake restores DB clusters from DB cluster snapshots only, not"
                    + " from the DB snapshot " + snapshotValue);
        }
        RegionState state = region.state();
        DbCluster stored = state.locked(() -> {
            String snapshotId = Describe.localId(snapshotValue, "cluster-snapshot", region);
            DbClusterSnapshot snapshot = snapshotId == null ? null : state.clusterSnapshots().get(snapshotId);
            if (snapshot == null) {
                throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND, "DBClusterSnapshot not found: "
                        + snapshotValue);
            }
            if (!SnapshotStatus.AVAILABLE.equals(snapshot.status())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_SNAPSHOT_STATE, "DBClusterSnapshot " + snapshotValue
                        + " is not in available state (current state: " + snapshot.status() + ").");
            }
            if (state.clusters().contains(clusterId)) {
                throw new QueryError(FakeError.DB_CLUSTER_ALREADY_EXISTS, "DB cluster already exists: " + clusterId);
            }
            // The Aurora User Guide gives no rule that adds the snapshot's or the source cluster's tags to a
            // restored cluster: only the request's Tags (README: assumptions).
            Map<String, String> tags = TagRules.checkCount(requestTags, clusterId);
            DatabaseRules.checkSnapshotKey(region, snapshot.kmsKeyId());
            String version = request.optional("EngineVersion") != null ? request.optional("EngineVersion")
                    : snapshot.engineVersion();
            DatabaseRules.checkEngineVersion(region, engine, version);
            DatabaseRules.checkClusterQuota(region);
            return region.lifecycle().created(DbCluster.builder()
                    .identifier(ResourceStore.key(clusterId))
                    .engine(engine)
                    .engineVersion(version)
                    // RDS API reference, RestoreDBClusterFromSnapshot KmsKeyId: without it the cluster is encrypted
                    // with the snapshot's key, or unencrypted like the snapshot; with it, encrypted with that key.
                    .storageEncrypted(snapshot.storageEncrypted() || kmsKeyId != null)
                    .kmsKeyId(kmsKeyId != null ? kmsKeyId : snapshot.kmsKeyId())
                    .backupRetentionPeriod(backupRetention(request, 1))
                    .copyTagsToSnapshot(request.bool("CopyTagsToSnapshot", false))
                    .dbSubnetGroupName(request.optional("DBSubnetGroupName"))
                    .vpcSecurityGroupIds(vpcSecurityGroupIds(request))
                    .parameterGroupName(request.optional("DBClusterParameterGroupName"))
                    .deletionProtection(request.bool("DeletionProtection", false))
                    .clusterCreateTime(state.now())
                    .tags(tags)
                    .createdBy(request.accessKeyId())
                    .build());
        });
        ResourceXml.dbCluster(xml, stored);
    }

    private static DbInstance restoredInstance(QueryRequest request, FakeRegion region, DbSnapshot snapshot,
                                               Map<String, String> requestTags, String optionGroup) {
        String instanceId = request.required("DBInstanceIdentifier");
        // RDS API reference, RestoreDBInstanceFromDBSnapshot CopyTagsToSnapshot, and User Guide, Copying tags to
        // DB instance snapshots: with new Tags the restored instance gets those; without, RDS adds the tags the
        // source DB instance had when the snapshot was taken.
        Map<String, String> tags = !requestTags.isEmpty() || snapshot.instanceTags() == null ? requestTags
                : snapshot.instanceTags();
        TagRules.checkCount(tags, instanceId);
        String snapshotGroup = snapshot.optionGroupName() != null
                && region.optionGroup(snapshot.optionGroupName()).isPresent() ? snapshot.optionGroupName() : null;
        Integer allocated = request.integer("AllocatedStorage");
        return DbInstance.builder()
                .identifier(ResourceStore.key(instanceId))
                .engine(request.optional("Engine") != null ? request.optional("Engine") : snapshot.engine())
                .engineVersion(snapshot.engineVersion())
                .dbInstanceClass(request.optional("DBInstanceClass"))
                .allocatedStorage(allocated != null ? allocated : snapshot.allocatedStorage())
                .dbSubnetGroupName(request.optional("DBSubnetGroupName"))
                .optionGroupName(optionGroup != null ? optionGroup : snapshotGroup)
                .backupRetentionPeriod(backupRetention(request, 0))
                .copyTagsToSnapshot(request.bool("CopyTagsToSnapshot", false))
                // The API has no KmsKeyId here: the instance is encrypted as the snapshot is, with its key.
                .storageEncrypted(snapshot.encrypted())
                .kmsKeyId(snapshot.kmsKeyId())
                .dbParameterGroupName(request.optional("DBParameterGroupName"))
                .vpcSecurityGroupIds(vpcSecurityGroupIds(request))
                .publiclyAccessible(request.bool("PubliclyAccessible", false))
                .multiAz(request.bool("MultiAZ", false))
                .deletionProtection(request.bool("DeletionProtection", false))
                .instanceCreateTime(region.state().now())
                .tags(tags)
                .createdBy(request.accessKeyId())
                .build();
    }

    /** @return {@code VpcSecurityGroupIds.VpcSecurityGroupId.N}, in order */
    static List<String> vpcSecurityGroupIds(QueryRequest request) {
        return request.list("VpcSecurityGroupIds.VpcSecurityGroupId");
    }

    /** RDS API reference: 0 to 35 days for an instance (0 = no automated backups), 1 to 35 for a cluster. */
    private static int backupRetention(QueryRequest request, int min) {
        Integer days = request.integer("BackupRetentionPeriod");
        if (days == null) {
            return DEFAULT_BACKUP_RETENTION;
        }
        if (days < min || days > 35) {
            throw QueryError.invalidValue("BackupRetentionPeriod must be between " + min + " and 35: " + days);
        }
        return days;
    }
}
