package io.github.snapshotreplication.fakerds;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The restore failures test code arranges for one region, each the way RDS reports it. Synchronous ones are errors
 * of the call: a retired engine version here; a missing option group or subnet group, an unusable KMS key and the
 * quotas need no arrangement beyond the region's state ({@link FakeRegion#makeKmsKeyInaccessible},
 * {@link FakeRegion#setDbInstanceQuota}...). Asynchronous ones let the call succeed and move the database to a
 * failure status when its restore time is up ({@link #endIn}), or never ({@link #neverFinish}). A database whose KMS
 * key becomes inaccessible while it is {@code creating} ends {@code inaccessible-encryption-credentials} by itself.
 * For generic per-action errors use {@link FaultInjector}. Thread-safe.
 */
public final class RestoreFaults {

    /** Matches every database restored or created in the region. */
    public static final String ANY_DATABASE = "*";

    /**
     * The failure statuses of a DB instance, RDS User Guide, Viewing Amazon RDS DB instance status
     * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html).
     */
    public static final Set<String> FAILURE_STATUSES = Set.of("failed", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "incompatible-network", "incompatible-option-group",
            "incompatible-parameters", "incompatible-restore", "insufficient-capacity", "restore-error",
            "storage-full");

    /** Outcome of a database that never leaves {@code creating}. */
    static final String STUCK = "creating";

    private final Set<String> retiredVersions = ConcurrentHashMap.newKeySet();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    RestoreFaults() {
    }

    /**
     * Makes an engine version unavailable in this region, as RDS does when it retires one: a restore (or a cluster
     * restore) that would run this version fails with {@code InvalidParameterCombination} "Cannot find version …".
     */
    public RestoreFaults retireEngineVersion(String engine, String version) {
        retiredVersions.add(versionKey(Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(version, "version")));
        return this;
    }

    /**
     * The next database restored or created with this identifier ({@value #ANY_DATABASE} = any) ends in this
     * failure status instead of {@code available} once its restore time is up.
     *
     * @param status one of {@link #FAILURE_STATUSES}, e.g. {@code incompatible-network}
     */
    public RestoreFaults endIn(String databaseId, String status) {
        if (!FAILURE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("not a documented failure status: " + status + "; one of "
                    + FAILURE_STATUSES);
        }
        outcomes.put(ResourceStore.key(databaseId), status);
        return this;
    }

    /** The next database restored or created with this identifier ({@value #ANY_DATABASE} = any) stays creating. */
    public RestoreFaults neverFinish(String databaseId) {
        outcomes.put(ResourceStore.key(databaseId), STUCK);
        return this;
    }

    /** Forgets every arranged failure. */
    public void clear() {
        retiredVersions.clear();
        outcomes.clear();
    }

    boolean isRetired(String engine, String version) {
        return engine != null && version != null && retiredVersions.contains(versionKey(engine, version));
    }

    /** @return the arranged outcome of this new database, consumed: a failure status, {@link #STUCK}, or null */
    String takeOutcome(String databaseId) {
        String own = outcomes.remove(ResourceStore.key(databaseId));
        return own != null ? own : outcomes.remove(ANY_DATABASE);
    }

    private static String versionKey(String engine, String version) {
        return engine + "/" + version;
    }
}
