package io.github.snapshotreplication.benchmarks.timesim;

import java.util.Arrays;

/**
 * What users feel: at every sampled hour, for every database, the age of its recovery point in the target region,
 * now minus the source creation time of its newest available copy. A database with no copy yet counts from the
 * start of the simulation (its age then only grows), which understates it: it has no recovery point at all.
 */
final class RecoveryPointAges {

    /** The share reported: database-hours whose recovery point is older than this. */
    static final double LIMIT_HOURS = 48;

    private final long[] newestCopy;
    private double[] samples = new double[1024];
    private int count;

    RecoveryPointAges(int databases) {
        newestCopy = new long[databases];
        Arrays.fill(newestCopy, Long.MIN_VALUE);
    }

    /** A copy of a snapshot taken at {@code sourceCreated} became available. */
    void copied(int db, long sourceCreated) {
        newestCopy[db] = Math.max(newestCopy[db], sourceCreated);
    }

    /** The source creation time of the newest available copy, or {@link Long#MIN_VALUE}: none. */
    long newestCopy(int db) {
        return newestCopy[db];
    }

    /** One sample per database at {@code now} (seconds since the start). */
    void sample(long now) {
        if (count + newestCopy.length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + newestCopy.length));
        }
        for (long copy : newestCopy) {
            long since = copy == Long.MIN_VALUE ? 0 : copy;
            samples[count++] = (now - since) / (double) SimFleet.HOUR;
        }
    }

    /** Every sample in hours, in order: hour after hour, databases in index order within an hour. */
    double[] samples() {
        return Arrays.copyOf(samples, count);
    }

    Stats stats() {
        return Stats.of(Arrays.copyOf(samples, count));
    }

    /**
     * Percentiles of database-hours, nearest rank: the smallest sample with at least p % of the samples at or below
     * it, so p95 is an age that 95 % of database-hours did not exceed.
     *
     * @param p50      median age, hours
     * @param p95      95th percentile, hours
     * @param max      oldest, hours
     * @param above48  share of database-hours above {@link #LIMIT_HOURS}, 0..1
     * @param samples  database-hours sampled
     */
    record Stats(double p50, double p95, double max, double above48, int samples) {

        static Stats of(double[] ages) {
            if (ages.length == 0) {
                throw new IllegalArgumentException("no samples");
            }
            double[] sorted = ages.clone();
            Arrays.sort(sorted);
            long above = Arrays.stream(sorted).filter(a -> a > LIMIT_HOURS).count();
            return new Stats(nearestRank(sorted, 50), nearestRank(sorted, 95), sorted[sorted.length - 1],
                    above / (double) sorted.length, sorted.length);
        }

        /**
         * The nearest-rank percentile of sorted values: the value at rank ceil(p * n / 100), 1-based, in integer
         * arithmetic (0.95 * 20 is not 19 in floating point).
         */
        static double nearestRank(double[] sorted, int p) {
            long rank = ((long) p * sorted.length + 99) / 100;
            return sorted[(int) Math.max(1, rank) - 1];
        }
    }
}
