package io.github.snapshotreplication.benchmarks.timesim;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * (d) The work-conserving ideal, computed by the simulation itself: the instant a copy slot of a kind frees or a
 * snapshot appears, a copy starts of the newest uncopied snapshot of the database furthest behind (no copy at all
 * first, then the oldest newest copy), with the same per-kind slots as the new design's defaults. It knows
 * everything at once, makes no call and never waits for an event or a sweep; it never queues a second copy of a
 * database behind a first one.
 */
final class IdealModel extends DesignRun {

    private final int[] slots;
    private final long refillEvery;
    private final boolean eventsFirst;
    private final CopySlots rds;
    private final long[] newestSnapshot;
    private final int[] newestDay;
    private final boolean[] copying;
    private final List<TreeSet<Integer>> waiting;

    IdealModel(SimFleet fleet, int warmUpDays, int measuredDays, int instanceSlots, int clusterSlots) {
        this(fleet, warmUpDays, measuredDays, instanceSlots, clusterSlots, 0, false);
    }

    /**
     * Diagnostic variants, to tell what separates the engine from the ideal.
     *
     * @param refillEvery a slot freed by a copy's end is refilled only at the next multiple of this many seconds,
     *                    as follow-up sweeps on a rate rule do; 0: at once
     * @param eventsFirst a new snapshot's event (delivered {@link #EVENT_DELAY} after it) takes a free slot for
     *                    its own database, whoever is further behind, as the engine's event path does
     */
    IdealModel(SimFleet fleet, int warmUpDays, int measuredDays, int instanceSlots, int clusterSlots,
               long refillEvery, boolean eventsFirst) {
        super(fleet, warmUpDays, measuredDays);
        this.refillEvery = refillEvery;
        this.eventsFirst = eventsFirst;
        slots = new int[] {instanceSlots, clusterSlots};
        rds = new CopySlots(fleet.size());
        newestSnapshot = new long[fleet.size()];
        newestDay = new int[fleet.size()];
        copying = new boolean[fleet.size()];
        // Furthest behind first; a database's key only changes while it is copying, outside the set.
        Comparator<Integer> behind = Comparator.<Integer>comparingLong(ages::newestCopy).thenComparingInt(db -> db);
        waiting = List.of(new TreeSet<>(behind), new TreeSet<>(behind));
    }

    @Override
    protected void snapshotTaken(int db, int day) {
        newestSnapshot[db] = loop.now();
        newestDay[db] = day;
        if (!copying[db]) {
            waiting.get(fleet.kind(db)).add(db);
        }
        if (eventsFirst) {
            loop.at(loop.now() + EVENT_DELAY, SimLoop.INVOCATION, () -> event(db));
        } else {
            fill(fleet.kind(db));
        }
    }

    private void event(int db) {
        int kind = fleet.kind(db);
        if (rds.inFlight(kind) < slots[kind] && waiting.get(kind).remove(db)) {
            start(db, kind);
        }
    }

    private void fill(int kind) {
        while (rds.inFlight(kind) < slots[kind] && !waiting.get(kind).isEmpty()) {
            start(waiting.get(kind).pollFirst(), kind);
        }
    }

    private void start(int db, int kind) {
        long created = newestSnapshot[db];
        long end = rds.start(db, kind, loop.now(), fleet.copySeconds(db, newestDay[db]));
        copying[db] = true;
        loop.at(end, SimLoop.COMPLETION, () -> copied(db, kind, created));
    }

    private void copied(int db, int kind, long created) {
        rds.finish(kind);
        ages.copied(db, created);
        copying[db] = false;
        if (newestSnapshot[db] > created) {
            waiting.get(kind).add(db);
        }
        if (refillEvery == 0) {
            fill(kind);
        } else {
            loop.at((loop.now() / refillEvery + 1) * refillEvery, SimLoop.INVOCATION, () -> fill(kind));
        }
    }

    @Override
    protected void scheduleDay(int day) {
    }

    @Override
    protected long rdsCalls() {
        return 0;
    }
}
