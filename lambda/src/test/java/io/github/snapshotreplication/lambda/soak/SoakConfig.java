package io.github.snapshotreplication.lambda.soak;

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
 */
public record SoakConfig(long seed, int steps, int instances, int clusters, int keepLast, Duration maxAge,
                         int dbCopySlots, int clusterCopySlots) {

    /**
     * The size {@code mvn verify} runs: a few seconds per seed. The slots are small so that a backlog forms when
     * every database takes its daily snapshot at once, which is what the convergence bound is about.
     */
    public static SoakConfig small(long seed) {
        return new SoakConfig(seed, 250, 8, 3, 3, Duration.ofDays(10), 3, 2);
    }

    /** The size the benchmarks module runs. */
    public static SoakConfig large(long seed) {
        return new SoakConfig(seed, 1500, 24, 6, 3, Duration.ofDays(10), 3, 2);
    }
}
