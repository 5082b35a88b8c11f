package io.github.snapshotreplication.lambda.aws;

import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts SDK model objects into the planner's records, so no SDK type leaves this package.
 */
final class RdsMapping {

    private RdsMapping() {
    }

    static Snapshot snapshot(DBSnapshot s) {
        return new Snapshot(SnapshotKind.DB_SNAPSHOT, s.dbSnapshotIdentifier(), s.dbSnapshotArn(),
                s.dbInstanceIdentifier(), createdAt(s.snapshotCreateTime()), nonNull(s.status()), s.snapshotType(),
                Boolean.TRUE.equals(s.encrypted()), s.kmsKeyId(), s.optionGroupName(), s.sourceRegion(),
                arnOrNull(s.sourceDBSnapshotIdentifier()), tags(s.tagList()));
    }

    static Snapshot snapshot(DBClusterSnapshot s) {
        return new Snapshot(SnapshotKind.DB_CLUSTER_SNAPSHOT, s.dbClusterSnapshotIdentifier(),
                s.dbClusterSnapshotArn(), s.dbClusterIdentifier(), createdAt(s.snapshotCreateTime()),
                nonNull(s.status()), s.snapshotType(), Boolean.TRUE.equals(s.storageEncrypted()), s.kmsKeyId(), null,
                null, s.sourceDBClusterSnapshotArn(), tags(s.tagList()));
    }

    static SourceDatabase database(DBInstance db) {
        return new SourceDatabase(SnapshotKind.DB_SNAPSHOT, db.dbInstanceIdentifier(), tags(db.tagList()));
    }

    static SourceDatabase database(DBCluster cluster) {
        return new SourceDatabase(SnapshotKind.DB_CLUSTER_SNAPSHOT, cluster.dbClusterIdentifier(),
                tags(cluster.tagList()));
    }

    /** Aurora clusters only: the cluster API also lists Multi-AZ DB clusters, Neptune and DocumentDB. */
    static boolean isAurora(DBCluster cluster) {
        return cluster.engine() != null && cluster.engine().startsWith("aurora");
    }

    /** Instances that take DB snapshots themselves: Aurora, Neptune and DocumentDB members are backed up by their
     * cluster. */
    static boolean isStandalone(DBInstance db) {
        return db.dbClusterIdentifier() == null;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
        }
        return out;
    }

    private static Instant createdAt(Instant t) {
        // A snapshot that is just starting may not have a creation time yet.
        return t == null ? Instant.EPOCH : t;
    }

    private static String nonNull(String s) {
        return s == null ? "unknown" : s;
    }

    /** {@code SourceDBSnapshotIdentifier} is an ARN for cross-region copies, a bare id for local ones. */
    private static String arnOrNull(String value) {
        return value != null && value.startsWith("arn:") ? value : null;
    }
}
