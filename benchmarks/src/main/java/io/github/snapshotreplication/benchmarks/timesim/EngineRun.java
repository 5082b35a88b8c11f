package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.PendingCopy;
import io.github.snapshotreplication.fakerds.ResourceKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * (b) and (c): the real engine against the fake. RDS's part is played here: it takes each automated snapshot and
 * drops the one that left the 7-day retention, sends the snapshot's event, runs the scheduled sweep at 12:00 UTC and,
 * while the follow-up rule is enabled, the follow-up input every 10 minutes (on the 10-minute marks, as a rate rule
 * fires), and it ends every copy the engine started after its sampled duration. The fake has no queue per source
 * database (fake-rds README), so the simulation keeps it: a copy of a database whose previous copy still runs ends
 * that much later ({@link CopySlots}; the engine never asks for one, by its one-copy-per-database rule).
 *
 * <p>A follow-up that would find exactly what the previous follow-up found is not run: when that one changed
 * nothing (no copy, no delete) and since then no copy ended, no snapshot came and nothing else ran, the engine
 * would read the same inventory, defer the same copies and call nothing else; its calls are counted as made.
 */
final class EngineRun extends DesignRun {

    static final long SWEEP_AT = 12 * SimFleet.HOUR;
    private static final long FOLLOW_UP_EVERY = Invocations.FOLLOW_UP_INTERVAL_MINUTES * 60L;
    /** Runs every follow-up, repeats included: to check that skipping them changes no figure (-D, default off). */
    private static final boolean ALWAYS_RUN_FOLLOW_UPS = Boolean.getBoolean("timesim.allFollowUps");

    private final EngineWorld world;
    private final CopySlots rds;
    private final Map<String, SourceSnapshot> sourceSnapshots = new HashMap<>();
    private final List<ArrayDeque<String>> kept = new ArrayList<>();
    private final Set<String> known = new HashSet<>();
    private final Map<String, Long> details = new LinkedHashMap<>();
    private boolean ticking;
    private boolean changed = true;
    private long repeatedCalls;
    private long lastFollowUpCalls;

    EngineRun(SimFleet fleet, int warmUpDays, int measuredDays, DesignSettings design) {
        super(fleet, warmUpDays, measuredDays);
        world = new EngineWorld(fleet, loop).use(design.settings(), design.followUps());
        rds = new CopySlots(fleet.size());
        for (int db = 0; db < fleet.size(); db++) {
            kept.add(new ArrayDeque<>());
        }
    }

    @Override
    protected void snapshotTaken(int db, int day) {
        boolean instance = fleet.kind(db) == SimFleet.INSTANCE;
        String id = world.source.takeAutomatedSnapshot(instance ? ResourceKind.DB_INSTANCE : ResourceKind.DB_CLUSTER,
                fleet.id(db), loop.instant());
        sourceSnapshots.put(arn(instance, id), new SourceSnapshot(db, day, loop.now()));
        kept.get(db).addLast(id);
        if (kept.get(db).size() > BACKUP_RETENTION_DAYS) {
            String expired = kept.get(db).removeFirst();
            if (instance) {
                world.source.removeDbSnapshot(expired);
            } else {
                world.source.removeDbClusterSnapshot(expired);
            }
        }
        changed = true;
        loop.at(loop.now() + EVENT_DELAY, SimLoop.INVOCATION,
                () -> invoke("event", () -> world.event(fleet.kind(db), id)));
    }

    @Override
    protected void scheduleDay(int day) {
        loop.at(day * SimFleet.DAY + SWEEP_AT, SimLoop.INVOCATION, () -> invoke("sweep", world::sweep));
    }

    private void invoke(String trigger, Runnable invocation) {
        long calls = world.rdsCalls();
        invocation.run();
        count(trigger, 1, world.rdsCalls() - calls);
        changed = true;
        afterInvocation();
    }

    private void followUp() {
        if (!world.followUpEnabled()) {
            ticking = false;
            return;
        }
        if (changed || ALWAYS_RUN_FOLLOW_UPS) {
            long calls = world.rdsCalls();
            long mutations = world.mutations();
            world.followUp();
            lastFollowUpCalls = world.rdsCalls() - calls;
            count("follow-up", 1, lastFollowUpCalls);
            changed = world.mutations() != mutations;
            afterInvocation();
        } else {
            repeatedCalls += lastFollowUpCalls;
            count("follow-up", 1, lastFollowUpCalls);
            details.merge("follow-ups repeated", 1L, Long::sum);
        }
        if (ticking) {
            loop.at(loop.now() + FOLLOW_UP_EVERY, SimLoop.INVOCATION, this::followUp);
        }
    }

    /** Ends, at their times, the copies the run started, and keeps the follow-ups coming while the rule is on. */
    private void afterInvocation() {
        for (PendingCopy copy : world.target.pendingCopies()) {
            String key = copy.kind() + "/" + copy.identifier();
            if (!known.add(key)) {
                continue;
            }
            boolean instance = copy.kind() == ResourceKind.DB_SNAPSHOT;
            String sourceArn = instance ? world.target.dbSnapshot(copy.identifier()).map(
                    DbSnapshot::sourceDbSnapshotIdentifier).orElseThrow()
                    : world.target.dbClusterSnapshot(copy.identifier()).map(
                    DbClusterSnapshot::sourceDbClusterSnapshotArn).orElseThrow();
            SourceSnapshot source = sourceSnapshots.get(sourceArn);
            int kind = fleet.kind(source.db());
            long end = rds.start(source.db(), kind, loop.now(), fleet.copySeconds(source.db(), source.day()));
            loop.at(end, SimLoop.COMPLETION, () -> {
                world.target.completeCopy(copy.kind(), copy.identifier());
                known.remove(key);
                rds.finish(kind);
                ages.copied(source.db(), source.created());
                changed = true;
            });
        }
        if (world.followUpEnabled() && !ticking) {
            ticking = true;
            long next = (loop.now() / FOLLOW_UP_EVERY + 1) * FOLLOW_UP_EVERY;
            loop.at(next, SimLoop.INVOCATION, this::followUp);
        }
    }

    private void count(String trigger, long invocations, long calls) {
        details.merge(trigger + "s", invocations, Long::sum);
        details.merge("calls by " + trigger + "s", calls, Long::sum);
    }

    /** A snapshot RDS took: its database, its day and when, for the copies the engine makes of it. */
    private record SourceSnapshot(int db, int day, long created) {
    }

    private static String arn(boolean instance, String id) {
        return "arn:aws:rds:" + EngineWorld.SOURCE + ":" + EngineWorld.ACCOUNT + ":"
                + (instance ? "snapshot:" : "cluster-snapshot:") + id;
    }

    @Override
    protected long rdsCalls() {
        return world.rdsCalls() + repeatedCalls;
    }

    @Override
    protected void measurementStarts() {
        details.clear();
        world.clearEventBridgeCalls();
    }

    @Override
    protected Map<String, Long> details() {
        Map<String, Long> all = new LinkedHashMap<>(details);
        all.put("EventBridge calls", world.eventBridgeCalls());
        return all;
    }

    @Override
    protected void finish() {
        List<String> sample = new ArrayList<>();
        sample.add(kept.get(0).peekLast());
        sample.add(kept.get(fleet.size() - 1).peekLast());
        world.checkInventory(sample);
        world.close();
    }
}
