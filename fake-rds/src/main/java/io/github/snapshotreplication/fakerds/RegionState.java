package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The resources of one region and the bookkeeping that goes with every change: location stamps, the pending queue,
 * the deletion log. Reads are lock-free; every change holds {@link #locked}, which keeps the stores' indexes, the
 * quota counts and the queue consistent with each other.
 */
final class RegionState {

    private final String name;
    private final String accountId;
    private final ServerContext context;
    private final Object lock = new Object();
    private final ResourceStore<DbInstance> instances;
    private final ResourceStore<DbCluster> clusters;
    private final ResourceStore<DbSnapshot> snapshots;
    private final ResourceStore<DbClusterSnapshot> clusterSnapshots;
    private final ResourceStore<OptionGroup> optionGroups;
    /** Pending snapshots in the order they started; guarded by lock. */
    private final PendingQueue pending = new PendingQueue();

    RegionState(String name, String accountId, ServerContext context) {
        this.name = name;
        this.accountId = accountId;
        this.context = context;
        this.instances = new ResourceStore<>(DbInstance::identifier, i -> null, i -> false, i -> false);
        this.clusters = new ResourceStore<>(DbCluster::identifier, c -> null, c -> false, c -> false);
        this.snapshots = new ResourceStore<>(DbSnapshot::identifier, DbSnapshot::dbInstanceIdentifier,
                s -> "manual".equals(s.snapshotType()), s -> s.isPending() && isCrossRegion(s.sourceRegion()),
                s -> !s.sharedWith().isEmpty());
        this.clusterSnapshots = new ResourceStore<>(DbClusterSnapshot::identifier,
                DbClusterSnapshot::dbClusterIdentifier, s -> "manual".equals(s.snapshotType()),
                s -> s.isPending() && isCrossRegion(s.sourceRegion()), s -> !s.sharedWith().isEmpty());
        this.optionGroups = new ResourceStore<>(OptionGroup::name, g -> null, g -> false, g -> false);
    }

    String name() {
        return name;
    }

    String accountId() {
        return accountId;
    }

    /** @return the server's clock reading: the time RDS stamps on what it creates now */
    Instant now() {
        return context.now();
    }

    /** Runs a compound change (check, then write) atomically for this region. */
    <R> R locked(Supplier<R> change) {
        synchronized (lock) {
            return change.get();
        }
    }

    ResourceStore<DbInstance> instances() {
        return instances;
    }

    ResourceStore<DbCluster> clusters() {
        return clusters;
    }

    ResourceStore<DbSnapshot> snapshots() {
        return snapshots;
    }

    ResourceStore<DbClusterSnapshot> clusterSnapshots() {
        return clusterSnapshots;
    }

    ResourceStore<OptionGroup> optionGroups() {
        return optionGroups;
    }

    /** Caller holds the lock. */
    PendingQueue pending() {
        return pending;
    }

    /** Caller holds the lock. */
    OptionGroup putOptionGroup(OptionGroup group) {
        OptionGroup stamped = group.withLocation(name, accountId);
        optionGroups.put(stamped);
        return stamped;
    }

    /** @return the option group added under this name, else the implicit {@code default:...} group of that name */
    Optional<OptionGroup> optionGroup(String groupName) {
        OptionGroup added = optionGroups.get(groupName);
        if (added != null) {
            return Optional.of(added);
        }
        return OptionGroup.defaultGroup(groupName).map(g -> g.withLocation(name, accountId));
    }

    /** Caller holds the lock. */
    DbInstance putDbInstance(DbInstance instance) {
        DbInstance stamped = instance.withLocation(name, accountId);
        instances.put(stamped);
        return stamped;
    }

    /** Caller holds the lock. */
    DbCluster putDbCluster(DbCluster cluster) {
        DbCluster stamped = cluster.withLocation(name, accountId);
        clusters.put(stamped);
        return stamped;
    }

    /** Caller holds the lock. A pending snapshot is queued with its {@code SourceRegion} as origin. */
    DbSnapshot putDbSnapshot(DbSnapshot snapshot) {
        return putDbSnapshot(snapshot, snapshot.sourceRegion());
    }

    /** Caller holds the lock. @param copiedFrom region a pending copy comes from, or null */
    DbSnapshot putDbSnapshot(DbSnapshot snapshot, String copiedFrom) {
        DbSnapshot stamped = snapshot.withLocation(name, accountId);
        snapshots.put(stamped);
        pending.track(ResourceKind.DB_SNAPSHOT, stamped.identifier(), stamped.isPending(), now(), copiedFrom);
        return stamped;
    }

    /** Caller holds the lock. A pending snapshot is queued with the region of its source ARN as origin. */
    DbClusterSnapshot putDbClusterSnapshot(DbClusterSnapshot snapshot) {
        DbClusterSnapshot stamped = snapshot.withLocation(name, accountId);
        clusterSnapshots.put(stamped);
        pending.track(ResourceKind.DB_CLUSTER_SNAPSHOT, stamped.identifier(), stamped.isPending(), now(),
                stamped.sourceRegion());
        return stamped;
    }

    /** Caller holds the lock. @return the removed snapshot or null; logged as deleted by {@code deletedBy} */
    DbSnapshot removeDbSnapshot(String identifier, String deletedBy) {
        pending.remove(ResourceKind.DB_SNAPSHOT, identifier);
        DbSnapshot removed = snapshots.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_SNAPSHOT, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed snapshot or null; logged as deleted by {@code deletedBy} */
    DbClusterSnapshot removeDbClusterSnapshot(String identifier, String deletedBy) {
        pending.remove(ResourceKind.DB_CLUSTER_SNAPSHOT, identifier);
        DbClusterSnapshot removed = clusterSnapshots.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_CLUSTER_SNAPSHOT, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed instance or null; logged as deleted by {@code deletedBy} */
    DbInstance removeDbInstance(String identifier, String deletedBy) {
        DbInstance removed = instances.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_INSTANCE, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed cluster or null; logged as deleted by {@code deletedBy} */
    DbCluster removeDbCluster(String identifier, String deletedBy) {
        DbCluster removed = clusters.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_CLUSTER, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /**
     * Caller holds the lock. Moves a pending snapshot to {@code status}: {@code available} at 100 %, any other
     * status at its current progress.
     *
     * @throws IllegalArgumentException when no snapshot of this kind and identifier is pending
     */
    void finish(ResourceKind kind, String identifier, String status) {
        PendingCopy entry = pending.get(kind, identifier);
        if (entry == null) {
            throw new IllegalArgumentException("no pending " + kind + " " + identifier + " in " + name);
        }
        if (kind == ResourceKind.DB_SNAPSHOT) {
            DbSnapshot snapshot = snapshots.get(identifier);
            putDbSnapshot(snapshot.withStatus(status, progress(status, snapshot.percentProgress())));
        } else {
            DbClusterSnapshot snapshot = clusterSnapshots.get(identifier);
            putDbClusterSnapshot(snapshot.withStatus(status, progress(status, snapshot.percentProgress())));
        }
    }

    private static int progress(String status, int current) {
        return SnapshotStatus.AVAILABLE.equals(status) ? 100 : current;
    }

    private void logDeletion(ResourceKind kind, String identifier, String createdBy, String deletedBy,
                             Map<String, String> tags, String status) {
        context.recordDeletion(new Deletion(name, kind, identifier, createdBy, deletedBy, tags, status, accountId));
    }

    private boolean isCrossRegion(String sourceRegion) {
        return sourceRegion != null && !sourceRegion.equals(name);
    }
}
