package io.github.snapshotreplication.lambda.soak;

import java.time.Duration;

/**
 * The size of one soak run. Everything random derives from {@code seed}, so a failing run replays exactly.
 *
 * @param seed                seed of every random choice
 * @param steps               chaos steps (each: time passes, maybe faults, one invocation, maybe copies finish)
 * @param instances           in-scope DB instances (plus one excluded {@code scratch-} instance)
 * @param clusters            Aurora clusters
 * @param keepLast            RETENTION_KEEP_LAST
 * @param maxAge              RETENTION_MAX_AGE
 * @param maxConcurrentCopies MAX_CONCURRENT_COPIES
 */
public record SoakConfig(long seed, int steps, int instances, int clusters, int keepLast, Duration maxAge,
                         int maxConcurrentCopies) {

    /** The size {@code mvn verify} runs: a few seconds per seed. */
    public static SoakConfig small(long seed) {
        return new SoakConfig(seed, 250, 8, 3, 3, Duration.ofDays(10), 4);
    }

    /** The size the benchmarks module runs. */
    public static SoakConfig large(long seed) {
        return new SoakConfig(seed, 1500, 24, 6, 3, Duration.ofDays(10), 4);
    }
}
