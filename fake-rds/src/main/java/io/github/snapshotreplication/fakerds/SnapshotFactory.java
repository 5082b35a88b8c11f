package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Snapshots of a database as RDS takes them: manual ones (CreateDBSnapshot, CreateDBClusterSnapshot, the final
 * snapshot of a delete) and automated ones. The snapshot carries the database's engine, storage, encryption and KMS
 * key; a DB snapshot also its option group and the instance's tags of the moment.
 */
final class SnapshotFactory {

    private static final DateTimeFormatter AUTOMATED_SUFFIX =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm").withZone(ZoneOffset.UTC);

    private SnapshotFactory() {
    }

    /**
     * The tags of a new snapshot of a database. RDS User Guide, Copying tags to DB instance snapshots: with
     * CopyTagsToSnapshot the database's tags go to its snapshots, but when the request brings at least one tag RDS
     * doesn't copy the database's tags (the Aurora guide says the same of cluster snapshots).
     */
    static Map<String, String> tagsOfNewSnapshot(Map<String, String> requestTags, boolean copyTagsToSnapshot,
                                                 Map<String, String> databaseTags) {
        if (!requestTags.isEmpty()) {
            return requestTags;
        }
        return copyTagsToSnapshot ? databaseTags : Map.of();
    }

    /** @return {@code rds:<db>-yyyy-MM-dd-HH-mm}, the identifier RDS gives an automated snapshot taken at {@code at} */
    static String automatedIdentifier(String databaseIdentifier, Instant at) {
        return "rds:" + databaseIdentifier + "-" + AUTOMATED_SUFFIX.format(at);
    }

    private static String automatedIdentifier(RegionState state, String databaseId, int retentionDays, Instant at,
                                              ResourceStore<?> store) {
        if (retentionDays == 0) {
            throw new IllegalStateException(databaseId + " has BackupRetentionPeriod 0: RDS takes no automated"
                    + " snapshots of it");
        }
        String id = automatedIdentifier(databaseId, at);
        if (store.contains(id)) {
            throw new IllegalStateException("automated snapshot " + id + " already exists in " + state.name());
        }
        return id;
    }

    /**
     * Caller holds the region lock. Takes an automated snapshot of a database of the region, {@code available}.
     *
     * @return its identifier
     * @see FakeRegion#takeAutomatedSnapshot
     */
    static String takeAutomated(RegionState state, boolean cluster, String databaseId, Instant at) {
        if (cluster) {
            DbCluster db = state.clusters().get(databaseId);
            if (db == null) {
                throw new IllegalArgumentException("no DB cluster " + databaseId + " in " + state.name());
            }
            String id = automatedIdentifier(state, db.identifier(), db.backupRetentionPeriod(), at,
                    state.clusterSnapshots());
            state.putDbClusterSnapshot(of(db, id, "automated", SnapshotStatus.AVAILABLE, at,
                    db.copyTagsToSnapshot() ? db.tags() : Map.of(), FakeRegion.CREATED_BY_RDS));
            return id;
        }
        DbInstance db = state.instances().get(databaseId);
        if (db == null) {
            throw new IllegalArgumentException("no DB instance " + databaseId + " in " + state.name());
        }
        if (db.dbClusterIdentifier() != null) {
            throw new IllegalStateException(databaseId + " belongs to DB cluster " + db.dbClusterIdentifier()
                    + ": RDS backs up the cluster, take a DB_CLUSTER snapshot");
        }
        String id = automatedIdentifier(state, db.identifier(), db.backupRetentionPeriod(), at, state.snapshots());
        state.putDbSnapshot(of(db, id, "automated", SnapshotStatus.AVAILABLE, at,
                db.copyTagsToSnapshot() ? db.tags() : Map.of(), FakeRegion.CREATED_BY_RDS));
        return id;
    }

    /** A snapshot of {@code instance} taken at {@code at}. */
    static DbSnapshot of(DbInstance instance, String identifier, String type, String status, Instant at,
                         Map<String, String> tags, String createdBy) {
        return DbSnapshot.builder()
                .identifier(identifier)
                .dbInstanceIdentifier(instance.identifier())
                .snapshotType(type)
                .status(status)
                .createdAt(at)
                .engine(instance.engine())
                .engineVersion(instance.engineVersion())
                .allocatedStorage(instance.allocatedStorage())
                .encrypted(instance.storageEncrypted())
                .kmsKeyId(instance.kmsKeyId())
                .optionGroupName(instance.optionGroupName())
                .tags(tags)
                .instanceTags(instance.tags())
                .createdBy(createdBy)
                .build();
    }

    /** A snapshot of {@code cluster} taken at {@code at}. */
    static DbClusterSnapshot of(DbCluster cluster, String identifier, String type, String status, Instant at,
                                Map<String, String> tags, String createdBy) {
        return DbClusterSnapshot.builder()
                .identifier(identifier)
                .dbClusterIdentifier(cluster.identifier())
                .snapshotType(type)
                .status(status)
                .createdAt(at)
                .engine(cluster.engine())
                .engineVersion(cluster.engineVersion())
                .storageEncrypted(cluster.storageEncrypted())
                .kmsKeyId(cluster.kmsKeyId())
                .tags(tags)
                .createdBy(createdBy)
                .build();
    }
}
