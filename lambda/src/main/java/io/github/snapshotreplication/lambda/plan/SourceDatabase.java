package io.github.snapshotreplication.lambda.plan;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A DB instance or DB cluster in the source region.
 *
 * @param kind                  the kind of snapshot it produces: DB snapshot for an instance, cluster snapshot for a
 *                              cluster
 * @param identifier            DB instance or DB cluster identifier
 * @param tags                  its tags, used by the tag filter
 * @param engine                its engine, e.g. {@code postgres}, {@code aurora-mysql}; may be null when unknown
 * @param backupRetentionDays   {@code BackupRetentionPeriod}; 0: automated backups are off; null when unknown
 * @param replicaSource         the database it replicates ({@code ReadReplicaSourceDBInstanceIdentifier} or
 *                              {@code ReplicationSourceIdentifier}), or {@code null} when it is not a replica
 */
public record SourceDatabase(SnapshotKind kind, String identifier, Map<String, String> tags, String engine,
                             Integer backupRetentionDays, String replicaSource) {

    /** Validates and copies. */
    public SourceDatabase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A database of which only the identity and tags are known. */
    public SourceDatabase(SnapshotKind kind, String identifier, Map<String, String> tags) {
        this(kind, identifier, tags, null, null, null);
    }

    /** True for a read replica (instance) or a replica cluster: its source is the database to protect. */
    public boolean isReplica() {
        return replicaSource != null;
    }

    /** True when RDS takes no automated snapshots of it: backup retention 0 (docs/aws-references.md#o13). */
    public boolean hasBackupsDisabled() {
        return backupRetentionDays != null && backupRetentionDays == 0;
    }

    /**
     * Why RDS cannot copy this database's snapshots to another region, or {@code null} when it can: RDS Custom for
     * Oracle snapshots (docs/aws-references.md#o12; RDS Custom for SQL Server snapshots can be copied across regions)
     * and Multi-AZ DB cluster snapshots (#o11).
     */
    public String whyNotCopyable() {
        return whyNotCopyable(kind, engine);
    }

    /** True for RDS Custom engines, whose copies may not name an option group. */
    static boolean isCustomEngine(String engine) {
        return engine != null && engine.toLowerCase(Locale.ROOT).startsWith("custom-");
    }

    /** The same rule for a snapshot of the given kind and engine. */
    static String whyNotCopyable(SnapshotKind kind, String engine) {
        if (engine == null) {
            return null;
        }
        String e = engine.toLowerCase(Locale.ROOT);
        if (e.startsWith("custom-oracle")) {
            return "it is an RDS Custom for Oracle database (engine " + engine + "): RDS does not copy its snapshots";
        }
        if (kind == SnapshotKind.DB_CLUSTER_SNAPSHOT && !e.startsWith("aurora")) {
            return "it is a Multi-AZ DB cluster (engine " + engine + "): RDS cannot copy Multi-AZ DB cluster snapshots"
                    + " to another region";
        }
        return null;
    }
}
