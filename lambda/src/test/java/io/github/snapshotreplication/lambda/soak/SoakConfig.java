package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.Settings;

import java.time.Duration;

/**
 * The size of one soak run. Everything random derives from {@code seed}, so a failing run replays exactly.
 *
 * @param seed             seed of every random choice
 * @param steps            chaos steps (each: time passes, users act, maybe faults, one invocation, copies finish)
 * @param instances        in-scope DB instances (plus one excluded {@code scratch-} instance)
 * @param clusters         Aurora clusters
 * @param keepLast         RETENTION_KEEP_LAST of both installations
 * @param maxAge           RETENTION_MAX_AGE of both installations
 * @param dbCopySlots      MAX_CONCURRENT_DB_SNAPSHOT_COPIES of the installation under test
 * @param clusterCopySlots MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES of the installation under test
 * @param vaultRetention   VAULT_RETENTION of the vault account
 * @param junkNewerThanVault in the compromise, the attacker also shares copies of the newest automated snapshot of
 *                         each real database, which the vault takes for newer copies of that database
 */
public record SoakConfig(long seed, int steps, int instances, int clusters, int keepLast, Duration maxAge,
                         int dbCopySlots, int clusterCopySlots, Duration vaultRetention, boolean junkNewerThanVault) {

    /**
     * The small runs' VAULT_RETENTION: longer than RETENTION_MAX_AGE, short enough for the vault to expire copies
     * within a run, and for the compromise (twice the retention) to stay short in wall time. Shorter ones make the
     * vault keep more expired copies as receipts (see VaultInvariants).
     */
    static final Duration SMALL_VAULT_RETENTION = Duration.ofDays(12);

    /**
     * The size {@code mvn verify} runs: a few seconds per seed. The slots are small so that a backlog forms when
     * every database takes its daily snapshot at once, which is what the convergence bound is about.
     */
    public static SoakConfig small(long seed) {
        return new SoakConfig(seed, 250, 8, 3, 3, Duration.ofDays(10), 3, 2, SMALL_VAULT_RETENTION, false);
    }

    /** The size the benchmarks module runs, with the vault's default retention. */
    public static SoakConfig large(long seed) {
        return new SoakConfig(seed, 1500, 24, 6, 3, Duration.ofDays(10), 3, 2,
                Duration.parse(Settings.VAULT_RETENTION.defaultValue().orElseThrow()), false);
    }

    /** The same run, with the attacker also sharing newer snapshots of the real databases. */
    public SoakConfig withJunkNewerThanVault() {
        return new SoakConfig(seed, steps, instances, clusters, keepLast, maxAge, dbCopySlots, clusterCopySlots,
                vaultRetention, true);
    }

    /** The same run with another VAULT_RETENTION. */
    public SoakConfig withVaultRetention(Duration retention) {
        return new SoakConfig(seed, steps, instances, clusters, keepLast, maxAge, dbCopySlots, clusterCopySlots,
                retention, junkNewerThanVault);
    }
}
