package io.github.snapshotreplication.benchmarks.timesim;

import java.util.Arrays;

/**
 * RDS's side of cross-region copies for the models that do not run against the fake: copies in flight per kind,
 * and the queue RDS keeps per source database (docs/aws-references.md#q5: "The copies requested later won't start
 * until the previous snapshot copies are completed"). A queued copy is in flight from its request, so it holds a
 * slot while it waits, and its own transfer starts when the previous copy of the database ends.
 */
final class CopySlots {

    private final int[] inFlight = new int[2];
    private final long[] busyUntil;

    CopySlots(int databases) {
        busyUntil = new long[databases];
        Arrays.fill(busyUntil, Long.MIN_VALUE);
    }

    int inFlight(int kind) {
        return inFlight[kind];
    }

    /** Starts a copy at {@code now}; returns when it ends. */
    long start(int db, int kind, long now, long duration) {
        long end = Math.max(now, busyUntil[db]) + duration;
        busyUntil[db] = end;
        inFlight[kind]++;
        return end;
    }

    void finish(int kind) {
        inFlight[kind]--;
    }
}
