package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.CopyIdentifiers;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the planner needs to know about one replication route: from the source region into one target region.
 *
 * <p>A second target region is a second policy; nothing in the planner assumes there is only one.
 *
 * @param sourceRegion          region the snapshots are taken in
 * @param targetRegion          region the copies are made in
 * @param replicationId         value of the managed-by tag: copies with another value are never touched
 * @param targetKmsKeyArn       KMS key in the target region for encrypted sources, or {@code null}
 * @param includeAuroraClusters copy DB cluster snapshots too
 * @param copyManualSnapshots   copy manual snapshots, not only automated ones
 * @param retentionKeepLast     copies kept per source database, at least 1
 * @param retentionMaxAge       copies older than this are deleted (newest always kept), or {@code null}: no limit
 * @param scope                 which source databases are in scope
 * @param optionGroupMapping    source option group name to target option group name
 * @param maxConcurrentDbSnapshotCopies      cross-region DB snapshot copies in flight into the target region
 * @param maxConcurrentClusterSnapshotCopies cross-region cluster snapshot copies in flight into the target region
 * @param includeReadReplicas   read replicas and replica clusters are in scope too
 * @param copyIdentifierPrefix  start of every copy identifier of this installation; {@code null}: derived from
 *                              the replication id ({@link CopyIdentifiers#prefixOf})
 * @param vaultAccount          the vault account that receives every copy, or {@code null}: no vault
 */
public record ReplicationPolicy(String sourceRegion, String targetRegion, String replicationId, String targetKmsKeyArn,
                                boolean includeAuroraClusters, boolean copyManualSnapshots, int retentionKeepLast,
                                Duration retentionMaxAge, DatabaseScope scope, Map<String, String> optionGroupMapping,
                                int maxConcurrentDbSnapshotCopies, int maxConcurrentClusterSnapshotCopies,
                                boolean includeReadReplicas, String copyIdentifierPrefix, String vaultAccount) {

    /** Validates, copies and derives the identifier prefix. */
    public ReplicationPolicy {
        if (copyIdentifierPrefix == null && replicationId != null) {
            copyIdentifierPrefix = CopyIdentifiers.prefixOf(replicationId);
        }
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(targetRegion, "targetRegion");
        Objects.requireNonNull(replicationId, "replicationId");
        Objects.requireNonNull(scope, "scope");
        optionGroupMapping = Map.copyOf(optionGroupMapping);
        if (retentionKeepLast < 1) {
            throw new IllegalArgumentException("retentionKeepLast must be at least 1 (got " + retentionKeepLast + ")");
        }
        if (maxConcurrentDbSnapshotCopies < 1 || maxConcurrentClusterSnapshotCopies < 1) {
            throw new IllegalArgumentException("copy slots must be at least 1 (got " + maxConcurrentDbSnapshotCopies
                    + " and " + maxConcurrentClusterSnapshotCopies + ")");
        }
    }

    /** True when the database is in scope: a replicated kind, the scope's patterns and tags, replicas if asked. */
    public boolean covers(SourceDatabase database) {
        return replicates(database.kind()) && scope.includes(database)
                && (includeReadReplicas || !database.isReplica());
    }

    /** Cross-region copies of this kind that may be in flight into the target region at once, anyone's included. */
    public int copySlots(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? maxConcurrentDbSnapshotCopies : maxConcurrentClusterSnapshotCopies;
    }

    /** True when snapshots of this kind are replicated at all. */
    public boolean replicates(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT || includeAuroraClusters;
    }

    /** True when a source snapshot of this type (automated or manual) is replicated. */
    public boolean replicatesType(Snapshot snapshot) {
        return snapshot.isAutomated() || (copyManualSnapshots && snapshot.isManual());
    }
}
