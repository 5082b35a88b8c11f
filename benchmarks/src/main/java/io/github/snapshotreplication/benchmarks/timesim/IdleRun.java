package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.fakerds.ResourceKind;

import java.util.Map;

/**
 * RDS calls per day of an idle fleet: nothing new to copy. The fake is brought to the steady state of a fleet that
 * has been protected for a week (7 daily automated snapshots per database, each copied, so 7 copies each, the
 * retention default), then each engine design lives through one simulated day in which RDS takes no snapshot: the
 * scheduled sweep runs, and follow-ups for as long as the rule is on. Both designs meet the same state.
 */
final class IdleRun {

    private IdleRun() {
    }

    /** Idle RDS calls per day of each design, in the order given. */
    static long[] callsPerDay(SimFleet fleet, DesignSettings... designs) {
        SimLoop loop = new SimLoop(SimFleet.START);
        try (EngineWorld world = new EngineWorld(fleet, loop)) {
            // Setting up only: the widest slots RDS allows and copies that end at once make the week quick.
            world.use(Map.of("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "20", "MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", "5"),
                    false);
            for (int day = 0; day < DesignRun.BACKUP_RETENTION_DAYS; day++) {
                for (int db = 0; db < fleet.size(); db++) {
                    ResourceKind kind = fleet.kind(db) == SimFleet.INSTANCE ? ResourceKind.DB_INSTANCE
                            : ResourceKind.DB_CLUSTER;
                    String id = fleet.id(db);
                    loop.at(fleet.backupAt(db, day), SimLoop.SNAPSHOT,
                            () -> world.source.takeAutomatedSnapshot(kind, id, loop.instant()));
                }
                loop.runUntil(day * SimFleet.DAY + EngineRun.SWEEP_AT);
                do {
                    world.sweep();
                } while (world.target.completePendingCopies() > 0);
            }
            long[] calls = new long[designs.length];
            for (int i = 0; i < designs.length; i++) {
                long day = DesignRun.BACKUP_RETENTION_DAYS + i;
                world.use(designs[i].settings(), designs[i].followUps());
                loop.runUntil(day * SimFleet.DAY);
                long before = world.rdsCalls();
                loop.runUntil(day * SimFleet.DAY + EngineRun.SWEEP_AT);
                world.sweep();
                for (long tick = 1; world.followUpEnabled() && tick < SimFleet.DAY / 600; tick++) {
                    loop.runUntil(day * SimFleet.DAY + EngineRun.SWEEP_AT + tick * 600);
                    world.target.completePendingCopies();
                    world.followUp();
                }
                calls[i] = world.rdsCalls() - before;
            }
            return calls;
        }
    }
}
