package io.github.snapshotreplication.fakerds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the status of one region's databases moves with the server clock: a restored or created database is
 * {@code creating} for the restore time, then {@code available} (or the failure status {@link RestoreFaults}
 * arranged); a deleted one is {@code deleting} for the delete time, then gone. With both times zero (the default)
 * a database is available at once and gone at once, as the fake always did. Due changes are applied when the region
 * is next read ({@link #settle}).
 */
final class DatabaseLifecycle {

    static final String CREATING = "creating";
    static final String AVAILABLE = "available";
    static final String DELETING = "deleting";
    /** RDS User Guide, Viewing Amazon RDS DB instance status: RDS can't reach the KMS key of the database. */
    static final String INACCESSIBLE_KEY = "inaccessible-encryption-credentials";

    /** One due change; {@code status} null means removal by {@code deletedBy}. */
    private record Change(ResourceKind kind, String id, Instant due, String status, String deletedBy) {
    }

    private final RegionState state;
    private final KmsKeys kmsKeys;
    private final RestoreFaults faults;
    /** Guarded by the region lock; keyed by kind and lower-cased identifier. */
    private final Map<String, Change> scheduled = new LinkedHashMap<>();
    private volatile boolean anyScheduled;
    private volatile Duration restoreTime = Duration.ZERO;
    private volatile Duration deleteTime = Duration.ZERO;

    DatabaseLifecycle(RegionState state, KmsKeys kmsKeys, RestoreFaults faults) {
        this.state = state;
        this.kmsKeys = kmsKeys;
        this.faults = faults;
    }

    void setTiming(Duration restore, Duration delete) {
        if (restore.isNegative() || delete.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: " + restore + ", " + delete);
        }
        restoreTime = restore;
        deleteTime = delete;
    }

    /** Caller holds the lock. Stores a new instance: available at once, or creating until its restore time is up. */
    DbInstance created(DbInstance instance) {
        return created(ResourceKind.DB_INSTANCE, instance.identifier(),
                status -> state.putDbInstance(instance.withStatus(status)));
    }

    /** Caller holds the lock. Stores a new cluster: available at once, or creating until its restore time is up. */
    DbCluster created(DbCluster cluster) {
        return created(ResourceKind.DB_CLUSTER, cluster.identifier(),
                status -> state.putDbCluster(cluster.withStatus(status)));
    }

    /** Caller holds the lock. Deletes an instance: gone at once, or deleting until its delete time is up. */
    DbInstance delete(DbInstance instance, String deletedBy) {
        return deleteTime.isZero() ? removeInstance(instance.identifier(), deletedBy)
                : deleting(ResourceKind.DB_INSTANCE, instance.identifier(), deletedBy,
                        () -> state.putDbInstance(instance.withStatus(DELETING)));
    }

    /** Caller holds the lock. Deletes a cluster: gone at once, or deleting until its delete time is up. */
    DbCluster delete(DbCluster cluster, String deletedBy) {
        return deleteTime.isZero() ? removeCluster(cluster.identifier(), deletedBy)
                : deleting(ResourceKind.DB_CLUSTER, cluster.identifier(), deletedBy,
                        () -> state.putDbCluster(cluster.withStatus(DELETING)));
    }

    /** Applies every change that is due by the server clock. Cheap when nothing is scheduled. */
    void settle() {
        if (!anyScheduled) {
            return;
        }
        state.locked(() -> {
            Instant now = state.now();
            List<Change> due = new ArrayList<>();
            for (Iterator<Change> it = scheduled.values().iterator(); it.hasNext(); ) {
                Change change = it.next();
                if (!change.due().isAfter(now)) {
                    due.add(change);
                    it.remove();
                }
            }
            anyScheduled = !scheduled.isEmpty();
            due.forEach(this::apply);
            return null;
        });
    }

    private <T> T created(ResourceKind kind, String id, Function<String, T> putWithStatus) {
        String outcome = faults.takeOutcome(id);
        if (outcome == null && restoreTime.isZero()) {
            return putWithStatus.apply(AVAILABLE);
        }
        schedule(kind, id, restoreTime, outcome, null);
        return putWithStatus.apply(CREATING);
    }

    private <T> T deleting(ResourceKind kind, String id, String deletedBy, Supplier<T> putDeleting) {
        schedule(kind, id, deleteTime, null, deletedBy);
        return putDeleting.get();
    }

    private void schedule(ResourceKind kind, String id, Duration after, String outcome, String deletedBy) {
        String key = key(kind, id);
        if (RestoreFaults.STUCK.equals(outcome)) {
            scheduled.remove(key);
            return;
        }
        String status = deletedBy != null ? null : outcome != null ? outcome : AVAILABLE;
        scheduled.put(key, new Change(kind, id, state.now().plus(after), status, deletedBy));
        anyScheduled = true;
    }

    private void apply(Change change) {
        if (change.status() == null && change.kind() == ResourceKind.DB_CLUSTER) {
            removeCluster(change.id(), change.deletedBy());
        } else if (change.status() == null) {
            removeInstance(change.id(), change.deletedBy());
        } else if (change.kind() == ResourceKind.DB_INSTANCE) {
            DbInstance instance = state.instances().get(change.id());
            if (instance != null) {
                state.putDbInstance(instance.withStatus(finalStatus(change.status(), instance.kmsKeyId())));
            }
        } else {
            DbCluster cluster = state.clusters().get(change.id());
            if (cluster != null) {
                state.putDbCluster(cluster.withStatus(finalStatus(change.status(), cluster.kmsKeyId())));
            }
        }
    }

    /** A key made inaccessible while the database was being created leaves it without its encryption key. */
    private String finalStatus(String arranged, String kmsKeyId) {
        return kmsKeyId != null && kmsKeys.isInaccessible(kmsKeyId) ? INACCESSIBLE_KEY : arranged;
    }

    /** @return the removed cluster as the delete answers it, or null */
    private DbCluster removeCluster(String id, String deletedBy) {
        scheduled.remove(key(ResourceKind.DB_CLUSTER, id));
        DbCluster removed = state.removeDbCluster(id, deletedBy);
        return removed == null ? null : removed.withStatus(DELETING);
    }

    /** @return the removed instance as the delete answers it, or null; it also leaves its cluster's members */
    private DbInstance removeInstance(String id, String deletedBy) {
        scheduled.remove(key(ResourceKind.DB_INSTANCE, id));
        DbInstance removed = state.removeDbInstance(id, deletedBy);
        if (removed == null) {
            return null;
        }
        DbCluster cluster = removed.dbClusterIdentifier() == null ? null
                : state.clusters().get(removed.dbClusterIdentifier());
        if (cluster != null) {
            List<String> members = new ArrayList<>(cluster.members());
            members.removeIf(m -> m.equalsIgnoreCase(removed.identifier()));
            state.putDbCluster(cluster.withMembers(members));
        }
        return removed.withStatus(DELETING);
    }

    private static String key(ResourceKind kind, String id) {
        return kind + ":" + ResourceStore.key(id);
    }
}
