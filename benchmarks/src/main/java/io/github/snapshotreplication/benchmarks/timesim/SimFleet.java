package io.github.snapshotreplication.benchmarks.timesim;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulated fleet and what RDS does to it: {@code instances} DB instances and a tenth as many Aurora clusters,
 * each backed up once a day at its own fixed minute of an 8-hour window starting at 00:00 UTC, and the duration of
 * every cross-region copy of every snapshot, log-normal around the median. Everything derives from the seed, and a
 * copy's duration depends only on the database and the day of its snapshot: every design meets the same durations
 * for the same snapshots (common random numbers), so the designs differ by their decisions only.
 */
final class SimFleet {

    /** Day 0, 00:00 UTC. */
    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
    static final long DAY = 86_400;
    static final long HOUR = 3_600;
    static final Duration BACKUP_WINDOW = Duration.ofHours(8);
    /** Spread of ln(duration): 0.5 puts the middle 90 % of copies between 0.44x and 2.3x the median. */
    static final double SIGMA = 0.5;
    /** The kinds, as indexes: their copy slots are counted apart. */
    static final int INSTANCE = 0;
    static final int CLUSTER = 1;

    private final int instances;
    private final int clusters;
    private final long[] backupSecond;
    private final CopyDurations durations;

    /** A fleet of {@code instances} DB instances and a tenth as many clusters, all drawn from {@code seed}. */
    SimFleet(int instances, Duration medianCopy, long seed) {
        this(instances, backupTimes(instances + clusters(instances), seed), logNormal(medianCopy, seed));
    }

    /**
     * A fleet with given backup times and copy durations, for tests.
     *
     * @param backupSecond second of the day of each database's backup, instances first, then the clusters
     */
    SimFleet(int instances, long[] backupSecond, CopyDurations durations) {
        if (backupSecond.length != instances + clusters(instances)) {
            throw new IllegalArgumentException("need a backup time for each of " + instances + " instances and "
                    + clusters(instances) + " clusters");
        }
        this.instances = instances;
        this.clusters = clusters(instances);
        this.backupSecond = backupSecond.clone();
        this.durations = durations;
    }

    /** How long a cross-region copy of the snapshot of a database taken on a day runs, in seconds. */
    @FunctionalInterface
    interface CopyDurations {
        long seconds(int db, int day);
    }

    private static int clusters(int instances) {
        return Math.max(1, instances / 10);
    }

    private static long[] backupTimes(int databases, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] seconds = new long[databases];
        for (int db = 0; db < databases; db++) {
            // Whole minutes: RDS names automated snapshots by the minute (rds:<db>-yyyy-MM-dd-HH-mm).
            seconds[db] = random.nextLong(BACKUP_WINDOW.toMinutes()) * 60;
        }
        return seconds;
    }

    /** Log-normal durations: the median times e^(sigma * N(0, 1)), drawn from the seed, the database and the day. */
    private static CopyDurations logNormal(Duration median, long seed) {
        long medianSeconds = median.toSeconds();
        return (db, day) -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + db * 7_919L + day);
            return Math.max(60, Math.round(medianSeconds * Math.exp(SIGMA * random.nextGaussian())));
        };
    }

    int instances() {
        return instances;
    }

    int clusters() {
        return clusters;
    }

    /** Instances and clusters: database indexes run 0..size-1, instances first. */
    int size() {
        return backupSecond.length;
    }

    int kind(int db) {
        return db < instances ? INSTANCE : CLUSTER;
    }

    String id(int db) {
        return db < instances ? String.format("db-%04d", db) : String.format("aurora-%03d", db - instances);
    }

    /** When RDS takes the automated snapshot of {@code db} on {@code day}, in seconds since {@link #START}. */
    long backupAt(int db, int day) {
        return day * DAY + backupSecond[db];
    }

    /** How long the cross-region copy of the snapshot of {@code db} taken on {@code day} runs, in seconds. */
    long copySeconds(int db, int day) {
        return durations.seconds(db, day);
    }
}
