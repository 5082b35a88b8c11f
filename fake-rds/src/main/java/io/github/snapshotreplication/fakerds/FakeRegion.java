package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The state of one region of the fake: DB instances, clusters, DB snapshots and cluster snapshots, plus the quotas
 * and the KMS keys that RDS checks on a copy. Everything added is stamped with this region and the server's account.
 * Thread-safe: reads are lock-free, every change holds this region's lock.
 */
public final class FakeRegion {

    /** Default manual snapshot quota (RDS: 100 per region; raised here so big fleets fit). */
    public static final int DEFAULT_MANUAL_SNAPSHOT_QUOTA = 100_000;
    /** Default cross-region DB snapshot copies in flight into a region (RDS: 20). */
    public static final int DEFAULT_COPY_QUOTA = 20;
    /** Default cross-region cluster snapshot copies in flight into a region. */
    public static final int DEFAULT_CLUSTER_COPY_QUOTA = 5;
    /** {@code createdBy} of what test code added, and {@code deletedBy} of what it removed, through this class. */
    public static final String CREATED_BY_SETUP = "setup";
    /** {@code createdBy} of what RDS itself made: automated snapshots. */
    public static final String CREATED_BY_RDS = "rds";

    private static final String DB = "db:";
    private static final String CLUSTER = "cluster:";

    private final String name;
    private final String accountId;
    private final ServerContext context;
    private final Object lock = new Object();
    private final ResourceStore<DbInstance> instances;
    private final ResourceStore<DbCluster> clusters;
    private final ResourceStore<DbSnapshot> snapshots;
    private final ResourceStore<DbClusterSnapshot> clusterSnapshots;
    /** Pending snapshots in the order they started ({@code db:KEY} / {@code cluster:KEY}); guarded by lock. */
    private final Set<String> pending = new LinkedHashSet<>();
    private final Set<String> inaccessibleKmsKeys = ConcurrentHashMap.newKeySet();
    private volatile int manualSnapshotQuota = DEFAULT_MANUAL_SNAPSHOT_QUOTA;
    private volatile int manualClusterSnapshotQuota = DEFAULT_MANUAL_SNAPSHOT_QUOTA;
    private volatile int copyQuota = DEFAULT_COPY_QUOTA;
    private volatile int clusterCopyQuota = DEFAULT_CLUSTER_COPY_QUOTA;

    FakeRegion(String name, String accountId, ServerContext context) {
        this.name = name;
        this.accountId = accountId;
        this.context = context;
        this.instances = new ResourceStore<>(DbInstance::identifier, i -> null, i -> false, i -> false);
        this.clusters = new ResourceStore<>(DbCluster::identifier, c -> null, c -> false, c -> false);
        this.snapshots = new ResourceStore<>(DbSnapshot::identifier, DbSnapshot::dbInstanceIdentifier,
                s -> "manual".equals(s.snapshotType()),
                s -> s.isPending() && isCrossRegion(s.sourceRegion()));
        this.clusterSnapshots = new ResourceStore<>(DbClusterSnapshot::identifier,
                DbClusterSnapshot::dbClusterIdentifier, s -> "manual".equals(s.snapshotType()),
                s -> s.isPending() && isCrossRegion(s.sourceRegion()));
    }

    /** @return the region name, e.g. {@code eu-west-1} */
    public String name() {
        return name;
    }

    /** @return the account that owns everything in this region */
    public String accountId() {
        return accountId;
    }

    /** Adds or replaces a DB instance; {@code createdBy} defaults to {@value #CREATED_BY_SETUP}. */
    public FakeRegion addDbInstance(DbInstance instance) {
        DbInstance stamped = instance.createdBy() != null ? instance
                : instance.toBuilder().createdBy(CREATED_BY_SETUP).build();
        locked(() -> putDbInstance(stamped));
        return this;
    }

    /** Adds or replaces a DB cluster; {@code createdBy} defaults to {@value #CREATED_BY_SETUP}. */
    public FakeRegion addDbCluster(DbCluster cluster) {
        DbCluster stamped = cluster.createdBy() != null ? cluster
                : cluster.toBuilder().createdBy(CREATED_BY_SETUP).build();
        locked(() -> putDbCluster(stamped));
        return this;
    }

    /**
     * Adds or replaces a DB snapshot ({@code createdBy} defaults to {@value #CREATED_BY_SETUP}); a pending one joins
     * the queue of {@link #completePendingCopies(int)}.
     */
    public FakeRegion addDbSnapshot(DbSnapshot snapshot) {
        DbSnapshot stamped = snapshot.createdBy() != null ? snapshot
                : snapshot.toBuilder().createdBy(CREATED_BY_SETUP).build();
        locked(() -> putDbSnapshot(stamped));
        return this;
    }

    /**
     * Adds or replaces a DB cluster snapshot ({@code createdBy} defaults to {@value #CREATED_BY_SETUP}); a pending
     * one joins the queue of {@link #completePendingCopies}.
     */
    public FakeRegion addDbClusterSnapshot(DbClusterSnapshot snapshot) {
        DbClusterSnapshot stamped = snapshot.createdBy() != null ? snapshot
                : snapshot.toBuilder().createdBy(CREATED_BY_SETUP).build();
        locked(() -> putDbClusterSnapshot(stamped));
        return this;
    }

    /** @return the DB instances, sorted by identifier */
    public List<DbInstance> dbInstances() {
        return List.copyOf(instances.values());
    }

    /** @return the DB clusters, sorted by identifier */
    public List<DbCluster> dbClusters() {
        return List.copyOf(clusters.values());
    }

    /** @return the DB snapshots now, sorted by identifier */
    public List<DbSnapshot> dbSnapshots() {
        return List.copyOf(snapshots.values());
    }

    /** @return the DB cluster snapshots now, sorted by identifier */
    public List<DbClusterSnapshot> dbClusterSnapshots() {
        return List.copyOf(clusterSnapshots.values());
    }

    /** @return the instance with this identifier (case-insensitive) */
    public Optional<DbInstance> dbInstance(String identifier) {
        return Optional.ofNullable(instances.get(identifier));
    }

    /** @return the cluster with this identifier (case-insensitive) */
    public Optional<DbCluster> dbCluster(String identifier) {
        return Optional.ofNullable(clusters.get(identifier));
    }

    /** @return the DB snapshot with this identifier (case-insensitive) */
    public Optional<DbSnapshot> dbSnapshot(String identifier) {
        return Optional.ofNullable(snapshots.get(identifier));
    }

    /** @return the DB cluster snapshot with this identifier (case-insensitive) */
    public Optional<DbClusterSnapshot> dbClusterSnapshot(String identifier) {
        return Optional.ofNullable(clusterSnapshots.get(identifier));
    }

    /**
     * Removes a DB snapshot, whatever its state (test setup; the API's delete has rules). The deletion log records
     * it with {@code deletedBy} {@value #CREATED_BY_SETUP}.
     */
    public void removeDbSnapshot(String identifier) {
        locked(() -> removeDbSnapshotInternal(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB cluster snapshot, whatever its state; logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbClusterSnapshot(String identifier) {
        locked(() -> removeDbClusterSnapshotInternal(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB instance (its snapshots stay); logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbInstance(String identifier) {
        locked(() -> removeDbInstanceInternal(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB cluster (its snapshots stay); logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbCluster(String identifier) {
        locked(() -> removeDbClusterInternal(identifier, CREATED_BY_SETUP));
    }

    /** Finishes every pending snapshot (creating, copying, pending): available, 100 %. @return how many */
    public int completePendingCopies() {
        return completePendingCopies(Integer.MAX_VALUE);
    }

    /** Finishes at most {@code max} pending snapshots, the oldest started first. @return how many */
    public int completePendingCopies(int max) {
        return locked(() -> {
            List<String> done = new ArrayList<>();
            for (String entry : pending) {
                if (done.size() == max) {
                    break;
                }
                done.add(entry);
            }
            for (String entry : done) {
                if (entry.startsWith(DB)) {
                    DbSnapshot snapshot = snapshots.get(entry.substring(DB.length()));
                    putDbSnapshot(snapshot.withStatus(SnapshotStatus.AVAILABLE, 100));
                } else {
                    DbClusterSnapshot snapshot = clusterSnapshots.get(entry.substring(CLUSTER.length()));
                    putDbClusterSnapshot(snapshot.withStatus(SnapshotStatus.AVAILABLE, 100));
                }
            }
            return done.size();
        });
    }

    /** @return how many DB and cluster snapshots are pending */
    public int pendingCount() {
        return locked(pending::size);
    }

    /** Sets how many manual DB snapshots (copies included) this region allows. Default 100000. */
    public void setManualSnapshotQuota(int max) {
        manualSnapshotQuota = requireNonNegative(max);
    }

    /** Sets how many manual DB cluster snapshots (copies included) this region allows. Default 100000. */
    public void setManualClusterSnapshotQuota(int max) {
        manualClusterSnapshotQuota = requireNonNegative(max);
    }

    /** Sets how many cross-region DB snapshot copies may be in flight into this region. Default 20. */
    public void setCopyQuota(int maxInFlight) {
        copyQuota = requireNonNegative(maxInFlight);
    }

    /** Sets how many cross-region cluster snapshot copies may be in flight into this region. Default 5. */
    public void setClusterCopyQuota(int maxInFlight) {
        clusterCopyQuota = requireNonNegative(maxInFlight);
    }

    /** Makes a KMS key of this region unusable (disabled, or no grant): copies naming it fail. */
    public void makeKmsKeyInaccessible(String keyId) {
        inaccessibleKmsKeys.add(keyId);
    }

    int manualSnapshotQuota() {
        return manualSnapshotQuota;
    }

    int manualClusterSnapshotQuota() {
        return manualClusterSnapshotQuota;
    }

    int copyQuota() {
        return copyQuota;
    }

    int clusterCopyQuota() {
        return clusterCopyQuota;
    }

    boolean isKmsKeyInaccessible(String keyId) {
        return inaccessibleKmsKeys.contains(keyId);
    }

    ResourceStore<DbInstance> instanceStore() {
        return instances;
    }

    ResourceStore<DbCluster> clusterStore() {
        return clusters;
    }

    ResourceStore<DbSnapshot> snapshotStore() {
        return snapshots;
    }

    ResourceStore<DbClusterSnapshot> clusterSnapshotStore() {
        return clusterSnapshots;
    }

    /** Runs a compound change (check, then write) atomically for this region. */
    <R> R locked(Supplier<R> change) {
        synchronized (lock) {
            return change.get();
        }
    }

    /** Caller holds the lock. */
    DbSnapshot putDbSnapshot(DbSnapshot snapshot) {
        DbSnapshot stamped = snapshot.withLocation(name, accountId);
        snapshots.put(stamped);
        track(DB + ResourceStore.key(stamped.identifier()), stamped.isPending());
        return stamped;
    }

    /** Caller holds the lock. */
    DbClusterSnapshot putDbClusterSnapshot(DbClusterSnapshot snapshot) {
        DbClusterSnapshot stamped = snapshot.withLocation(name, accountId);
        clusterSnapshots.put(stamped);
        track(CLUSTER + ResourceStore.key(stamped.identifier()), stamped.isPending());
        return stamped;
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

    /** Caller holds the lock. @return the removed snapshot or null; logged as deleted by {@code deletedBy} */
    DbSnapshot removeDbSnapshotInternal(String identifier, String deletedBy) {
        pending.remove(DB + ResourceStore.key(identifier));
        DbSnapshot removed = snapshots.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_SNAPSHOT, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed snapshot or null; logged as deleted by {@code deletedBy} */
    DbClusterSnapshot removeDbClusterSnapshotInternal(String identifier, String deletedBy) {
        pending.remove(CLUSTER + ResourceStore.key(identifier));
        DbClusterSnapshot removed = clusterSnapshots.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_CLUSTER_SNAPSHOT, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed instance or null; logged as deleted by {@code deletedBy} */
    DbInstance removeDbInstanceInternal(String identifier, String deletedBy) {
        DbInstance removed = instances.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_INSTANCE, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** Caller holds the lock. @return the removed cluster or null; logged as deleted by {@code deletedBy} */
    DbCluster removeDbClusterInternal(String identifier, String deletedBy) {
        DbCluster removed = clusters.remove(identifier);
        if (removed != null) {
            logDeletion(ResourceKind.DB_CLUSTER, removed.identifier(), removed.createdBy(), deletedBy,
                    removed.tags(), removed.status());
        }
        return removed;
    }

    /** @return the server's clock reading: the time RDS stamps on what it creates now */
    Instant now() {
        return context.now();
    }

    private void logDeletion(ResourceKind kind, String identifier, String createdBy, String deletedBy,
                             Map<String, String> tags, String status) {
        context.recordDeletion(new Deletion(name, kind, identifier, createdBy, deletedBy, tags, status));
    }

    private void track(String entry, boolean isPending) {
        if (isPending) {
            pending.add(entry);
        } else {
            pending.remove(entry);
        }
    }

    private boolean isCrossRegion(String sourceRegion) {
        return sourceRegion != null && !sourceRegion.equals(name);
    }

    private static int requireNonNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("quota must be >= 0: " + value);
        }
        return value;
    }
}
