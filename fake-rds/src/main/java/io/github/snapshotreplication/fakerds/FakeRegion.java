package io.github.snapshotreplication.fakerds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one region of the fake, as test code arranges and inspects it: DB instances, clusters, DB snapshots
 * and cluster snapshots, the pending copies, plus the quotas and the KMS keys that RDS checks on a copy. Everything
 * added is stamped with this region and its account. Thread-safe: reads are lock-free, every change holds
 * this region's lock.
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

    private final RegionState state;
    private final KmsKeys kmsKeys = new KmsKeys();
    private final RestoreFaults restoreFaults = new RestoreFaults();
    private final DatabaseLifecycle lifecycle;
    /** DB subnet groups by lower-cased name. */
    private final Map<String, SubnetGroup> subnetGroups = new ConcurrentHashMap<>();
    private volatile int dbInstanceQuota = Integer.MAX_VALUE;
    private volatile int dbClusterQuota = Integer.MAX_VALUE;
    private volatile long storageQuotaGib = Long.MAX_VALUE;
    private volatile int manualSnapshotQuota = DEFAULT_MANUAL_SNAPSHOT_QUOTA;
    private volatile int manualClusterSnapshotQuota = DEFAULT_MANUAL_SNAPSHOT_QUOTA;
    private volatile int copyQuota = DEFAULT_COPY_QUOTA;
    private volatile int clusterCopyQuota = DEFAULT_CLUSTER_COPY_QUOTA;

    FakeRegion(String name, String accountId, ServerContext context) {
        this.state = new RegionState(name, accountId, context);
        this.lifecycle = new DatabaseLifecycle(state, kmsKeys, restoreFaults);
    }

    /** @return the region name, e.g. {@code eu-west-1} */
    public String name() {
        return state.name();
    }

    /** @return the account that owns everything in this region */
    public String accountId() {
        return state.accountId();
    }

    /** Adds or replaces a DB instance; {@code createdBy} defaults to {@value #CREATED_BY_SETUP}. */
    public FakeRegion addDbInstance(DbInstance instance) {
        DbInstance stamped = instance.createdBy() != null ? instance
                : instance.toBuilder().createdBy(CREATED_BY_SETUP).build();
        state.locked(() -> state.putDbInstance(stamped));
        return this;
    }

    /** Adds or replaces a DB cluster; {@code createdBy} defaults to {@value #CREATED_BY_SETUP}. */
    public FakeRegion addDbCluster(DbCluster cluster) {
        DbCluster stamped = cluster.createdBy() != null ? cluster
                : cluster.toBuilder().createdBy(CREATED_BY_SETUP).build();
        state.locked(() -> state.putDbCluster(stamped));
        return this;
    }

    /**
     * Adds or replaces a DB snapshot ({@code createdBy} defaults to {@value #CREATED_BY_SETUP}); a pending one joins
     * the queue of {@link #completePendingCopies(int)}, started now by the server clock.
     */
    public FakeRegion addDbSnapshot(DbSnapshot snapshot) {
        DbSnapshot stamped = snapshot.createdBy() != null ? snapshot
                : snapshot.toBuilder().createdBy(CREATED_BY_SETUP).build();
        state.locked(() -> state.putDbSnapshot(stamped));
        return this;
    }

    /**
     * Adds or replaces a DB cluster snapshot ({@code createdBy} defaults to {@value #CREATED_BY_SETUP}); a pending
     * one joins the queue of {@link #completePendingCopies}, started now by the server clock.
     */
    public FakeRegion addDbClusterSnapshot(DbClusterSnapshot snapshot) {
        DbClusterSnapshot stamped = snapshot.createdBy() != null ? snapshot
                : snapshot.toBuilder().createdBy(CREATED_BY_SETUP).build();
        state.locked(() -> state.putDbClusterSnapshot(stamped));
        return this;
    }

    /** Adds or replaces an option group ({@code default:<engine>-<major>} groups also exist without being added). */
    public FakeRegion addOptionGroup(OptionGroup group) {
        state.locked(() -> state.putOptionGroup(group));
        return this;
    }

    /** @return the option groups added, sorted by name (the implicit default groups are not listed) */
    public List<OptionGroup> optionGroups() {
        return List.copyOf(state.optionGroups().values());
    }

    /** @return the option group of that name (case-insensitive): added, or an implicit {@code default:...} group */
    public Optional<OptionGroup> optionGroup(String name) {
        return state.optionGroup(name);
    }

    /** @return the DB instances, sorted by identifier */
    public List<DbInstance> dbInstances() {
        lifecycle.settle();
        return List.copyOf(state.instances().values());
    }

    /** @return the DB clusters, sorted by identifier */
    public List<DbCluster> dbClusters() {
        lifecycle.settle();
        return List.copyOf(state.clusters().values());
    }

    /** @return the DB snapshots now, sorted by identifier */
    public List<DbSnapshot> dbSnapshots() {
        return List.copyOf(state.snapshots().values());
    }

    /** @return the DB cluster snapshots now, sorted by identifier */
    public List<DbClusterSnapshot> dbClusterSnapshots() {
        return List.copyOf(state.clusterSnapshots().values());
    }

    /** @return the instance with this identifier (case-insensitive) */
    public Optional<DbInstance> dbInstance(String identifier) {
        lifecycle.settle();
        return Optional.ofNullable(state.instances().get(identifier));
    }

    /** @return the cluster with this identifier (case-insensitive) */
    public Optional<DbCluster> dbCluster(String identifier) {
        lifecycle.settle();
        return Optional.ofNullable(state.clusters().get(identifier));
    }

    /** @return the DB snapshot with this identifier (case-insensitive) */
    public Optional<DbSnapshot> dbSnapshot(String identifier) {
        return Optional.ofNullable(state.snapshots().get(identifier));
    }

    /** @return the DB cluster snapshot with this identifier (case-insensitive) */
    public Optional<DbClusterSnapshot> dbClusterSnapshot(String identifier) {
        return Optional.ofNullable(state.clusterSnapshots().get(identifier));
    }

    /**
     * Removes a DB snapshot, whatever its state (test setup; the API's delete has rules). The deletion log records
     * it with {@code deletedBy} {@value #CREATED_BY_SETUP}.
     */
    public void removeDbSnapshot(String identifier) {
        state.locked(() -> state.removeDbSnapshot(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB cluster snapshot, whatever its state; logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbClusterSnapshot(String identifier) {
        state.locked(() -> state.removeDbClusterSnapshot(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB instance (its snapshots stay); logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbInstance(String identifier) {
        state.locked(() -> state.removeDbInstance(identifier, CREATED_BY_SETUP));
    }

    /** Removes a DB cluster (its snapshots stay); logged as deleted by {@value #CREATED_BY_SETUP}. */
    public void removeDbCluster(String identifier) {
        state.locked(() -> state.removeDbCluster(identifier, CREATED_BY_SETUP));
    }

    /**
     * Takes an automated snapshot of a database as RDS does in its backup window: identifier
     * {@code rds:<db>-yyyy-MM-dd-HH-mm}, {@code available}, created at {@code at}, carrying the database's engine,
     * storage, encryption (and, for an instance, its option group), and the database's tags when it has
     * CopyTagsToSnapshot; {@code createdBy} is {@value #CREATED_BY_RDS}.
     *
     * @param kind {@link ResourceKind#DB_INSTANCE} (or {@code DB_SNAPSHOT}) for an instance,
     *             {@link ResourceKind#DB_CLUSTER} (or {@code DB_CLUSTER_SNAPSHOT}) for a cluster
     * @return the snapshot's identifier
     * @throws IllegalArgumentException when the database does not exist
     * @throws IllegalStateException    when RDS would take no such snapshot: backups off (BackupRetentionPeriod 0),
     *                                  an instance of a cluster (the cluster is backed up), or the identifier taken
     */
    public String takeAutomatedSnapshot(ResourceKind kind, String databaseId, Instant at) {
        boolean cluster = kind == ResourceKind.DB_CLUSTER || kind == ResourceKind.DB_CLUSTER_SNAPSHOT;
        return state.locked(() -> SnapshotFactory.takeAutomated(state, cluster, databaseId, at));
    }

    /** Finishes every pending snapshot (creating, copying, pending): available, 100 %. @return how many */
    public int completePendingCopies() {
        return completePendingCopies(Integer.MAX_VALUE);
    }

    /** Finishes at most {@code max} pending snapshots, the oldest started first. @return how many */
    public int completePendingCopies(int max) {
        return state.locked(() -> {
            List<PendingCopy> done = state.pending().oldest(max);
            done.forEach(entry -> state.finish(entry.kind(), entry.identifier(), SnapshotStatus.AVAILABLE));
            return done.size();
        });
    }

    /**
     * Finishes one pending snapshot (a copy, or one being created): available, 100 %.
     *
     * @param kind {@link ResourceKind#DB_SNAPSHOT} or {@link ResourceKind#DB_CLUSTER_SNAPSHOT}
     * @throws IllegalArgumentException when no snapshot of this kind and identifier is pending
     */
    public void completeCopy(ResourceKind kind, String identifier) {
        state.locked(() -> {
            state.finish(kind, identifier, SnapshotStatus.AVAILABLE);
            return null;
        });
    }

    /**
     * Fails one pending copy (or creation): status {@value SnapshotStatus#FAILED}, progress as it was. The snapshot
     * stays (a manual snapshot still counts against the manual quota) but is no longer a copy in progress. The API
     * cannot delete it: DeleteDBSnapshot and DeleteDBClusterSnapshot take {@code available} snapshots only, as the
     * reference says; test code can {@link #removeDbSnapshot remove} it.
     *
     * @param kind {@link ResourceKind#DB_SNAPSHOT} or {@link ResourceKind#DB_CLUSTER_SNAPSHOT}
     * @throws IllegalArgumentException when no snapshot of this kind and identifier is pending
     */
    public void failCopy(ResourceKind kind, String identifier) {
        state.locked(() -> {
            state.finish(kind, identifier, SnapshotStatus.FAILED);
            return null;
        });
    }

    /** @return the pending snapshots, the oldest started first, with their start time and origin */
    public List<PendingCopy> pendingCopies() {
        return state.locked(() -> state.pending().oldest(Integer.MAX_VALUE));
    }

    /** @return how many DB and cluster snapshots are pending */
    public int pendingCount() {
        return state.locked(() -> state.pending().size());
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
        kmsKeys.makeInaccessible(keyId);
    }

    /**
     * Marks a key of this region as AWS managed, like the account's default RDS key ({@code alias/aws/rds} counts
     * without marking): snapshots encrypted with it can't be shared, and no other account can use it.
     */
    public void markAwsManagedKey(String keyArn) {
        kmsKeys.markAwsManaged(keyArn);
    }

    /**
     * Lets another account use a customer managed key of this region, as a key policy naming that account does:
     * it can then copy snapshots shared with it that this key encrypts.
     *
     * @throws IllegalArgumentException for an AWS managed key, whose key policy can't be changed
     */
    public void grantKmsKeyTo(String keyArn, String accountId) {
        kmsKeys.grant(keyArn, accountId);
    }

    /**
     * Sets how long a restored or created database stays {@code creating} before it is {@code available} (or in the
     * failure status {@link #restoreFaults()} arranged), and how long a deleted one stays {@code deleting} before it
     * is gone, measured on the server clock ({@link FakeRdsServer#setClock}, e.g. a {@link MovableClock}). Default
     * zero and zero: available at once, gone at once. Applies to databases restored, created or deleted afterwards.
     */
    public FakeRegion restoreTiming(Duration restore, Duration delete) {
        lifecycle.setTiming(restore, delete);
        return this;
    }

    /** @return the restore failures arranged for this region (retired engine versions, failure statuses, stuck) */
    public RestoreFaults restoreFaults() {
        return restoreFaults;
    }

    /** Adds or replaces a DB subnet group that restores and CreateDBInstance may name. */
    public FakeRegion addSubnetGroup(String name, String vpcId) {
        subnetGroups.put(ResourceStore.key(name), new SubnetGroup(name, vpcId));
        return this;
    }

    /** Sets how many DB instances this region allows (RDS quota "DB instances", 40 by default). Default unlimited. */
    public FakeRegion setDbInstanceQuota(int max) {
        dbInstanceQuota = requireNonNegative(max);
        return this;
    }

    /** Sets how many DB clusters this region allows (RDS quota "DB clusters", 40 by default). Default unlimited. */
    public FakeRegion setDbClusterQuota(int max) {
        dbClusterQuota = requireNonNegative(max);
        return this;
    }

    /**
     * Sets the total storage in GiB all DB instances of this region may allocate (RDS quota "Total storage for all
     * DB instances", 100 TiB by default). Default unlimited.
     */
    public FakeRegion setStorageQuota(long gib) {
        if (gib < 0) {
            throw new IllegalArgumentException("quota must be >= 0: " + gib);
        }
        storageQuotaGib = gib;
        return this;
    }

    /** @return the resources and their bookkeeping, for the actions */
    RegionState state() {
        return state;
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

    KmsKeys kmsKeys() {
        return kmsKeys;
    }

    DatabaseLifecycle lifecycle() {
        return lifecycle;
    }

    Optional<SubnetGroup> subnetGroup(String name) {
        return Optional.ofNullable(subnetGroups.get(ResourceStore.key(name)));
    }

    int dbInstanceQuota() {
        return dbInstanceQuota;
    }

    int dbClusterQuota() {
        return dbClusterQuota;
    }

    long storageQuotaGib() {
        return storageQuotaGib;
    }

    private static int requireNonNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("quota must be >= 0: " + value);
        }
        return value;
    }
}
