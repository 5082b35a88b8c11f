package io.github.snapshotreplication.lambda.aws;

import io.github.snapshotreplication.lambda.plan.OptionGroup;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;
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
        return Snapshot.builder().kind(SnapshotKind.DB_SNAPSHOT).identifier(s.dbSnapshotIdentifier())
                .arn(s.dbSnapshotArn()).dbIdentifier(s.dbInstanceIdentifier())
                .createdAt(createdAt(s.snapshotCreateTime())).status(nonNull(s.status()))
                .snapshotType(s.snapshotType()).encrypted(Boolean.TRUE.equals(s.encrypted())).kmsKeyId(s.kmsKeyId())
                .optionGroupName(s.optionGroupName()).sourceRegion(s.sourceRegion())
                .sourceSnapshotArn(arnOrNull(s.sourceDBSnapshotIdentifier())).engine(s.engine())
                .engineVersion(s.engineVersion()).allocatedStorage(s.allocatedStorage())
                .originalCreatedAt(s.originalSnapshotCreateTime()).tags(tags(s.tagList())).build();
    }

    static Snapshot snapshot(DBClusterSnapshot s) {
        return Snapshot.builder().kind(SnapshotKind.DB_CLUSTER_SNAPSHOT).identifier(s.dbClusterSnapshotIdentifier())
                .arn(s.dbClusterSnapshotArn()).dbIdentifier(s.dbClusterIdentifier())
                .createdAt(createdAt(s.snapshotCreateTime())).status(nonNull(s.status()))
                .snapshotType(s.snapshotType()).encrypted(Boolean.TRUE.equals(s.storageEncrypted()))
                .kmsKeyId(s.kmsKeyId()).sourceSnapshotArn(s.sourceDBClusterSnapshotArn()).engine(s.engine())
                .engineVersion(s.engineVersion()).allocatedStorage(s.allocatedStorage()).tags(tags(s.tagList()))
                .build();
    }

    static SourceDatabase database(DBInstance db) {
        return new SourceDatabase(SnapshotKind.DB_SNAPSHOT, db.dbInstanceIdentifier(), tags(db.tagList()), db.engine(),
                db.backupRetentionPeriod(), db.readReplicaSourceDBInstanceIdentifier());
    }

    static SourceDatabase database(DBCluster cluster) {
        return new SourceDatabase(SnapshotKind.DB_CLUSTER_SNAPSHOT, cluster.dbClusterIdentifier(),
                tags(cluster.tagList()), cluster.engine(), cluster.backupRetentionPeriod(),
                cluster.replicationSourceIdentifier());
    }

    static TargetDatabase targetDatabase(DBInstance db) {
        Map<String, String> optionGroups = new LinkedHashMap<>();
        if (db.optionGroupMemberships() != null) {
            db.optionGroupMemberships().forEach(m -> optionGroups.put(m.optionGroupName(), nonNull(m.status())));
        }
        Map<String, String> parameterGroups = new LinkedHashMap<>();
        if (db.dbParameterGroups() != null) {
            db.dbParameterGroups().forEach(g -> parameterGroups.put(g.dbParameterGroupName(),
                    nonNull(g.parameterApplyStatus())));
        }
        return new TargetDatabase(false, db.dbInstanceIdentifier(), db.dbInstanceArn(), nonNull(db.dbInstanceStatus()),
                db.engine(), db.engineVersion(), db.allocatedStorage(), Boolean.TRUE.equals(db.storageEncrypted()),
                db.kmsKeyId(), Boolean.TRUE.equals(db.publiclyAccessible()), optionGroups, parameterGroups,
                db.dbClusterIdentifier(), db.instanceCreateTime(), tags(db.tagList()));
    }

    static TargetDatabase targetDatabase(DBCluster cluster) {
        // A cluster reports its parameter group's apply status per member (DBClusterMembers), not on itself.
        Map<String, String> parameterGroups = new LinkedHashMap<>();
        if (cluster.dbClusterMembers() != null && cluster.dbClusterParameterGroup() != null) {
            cluster.dbClusterMembers().stream().filter(m -> m.dbClusterParameterGroupStatus() != null).forEach(m ->
                    parameterGroups.put(cluster.dbClusterParameterGroup() + " on " + m.dbInstanceIdentifier(),
                            m.dbClusterParameterGroupStatus()));
        }
        return new TargetDatabase(true, cluster.dbClusterIdentifier(), cluster.dbClusterArn(),
                nonNull(cluster.status()), cluster.engine(), cluster.engineVersion(), null,
                Boolean.TRUE.equals(cluster.storageEncrypted()), cluster.kmsKeyId(), false, Map.of(), parameterGroups,
                null, cluster.clusterCreateTime(), tags(cluster.tagList()));
    }

    static OptionGroup optionGroup(software.amazon.awssdk.services.rds.model.OptionGroup group) {
        boolean keeps = group.options() != null && group.options().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.persistent()) || Boolean.TRUE.equals(o.permanent()));
        return new OptionGroup(group.optionGroupName(), keeps);
    }

    /**
     * Clusters of the RDS API this library handles: Aurora, and Multi-AZ DB clusters ({@code mysql},
     * {@code postgres}), which it reports as not copyable. Neptune and DocumentDB clusters, which the same API lists,
     * are not RDS databases.
     */
    static boolean isRdsCluster(DBCluster cluster) {
        String engine = cluster.engine();
        return engine != null && (engine.startsWith("aurora") || engine.equals("mysql") || engine.equals("postgres"));
    }

    /** Instances that take DB snapshots themselves: Aurora, Multi-AZ cluster, Neptune and DocumentDB members are
     * backed up by their cluster. */
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
