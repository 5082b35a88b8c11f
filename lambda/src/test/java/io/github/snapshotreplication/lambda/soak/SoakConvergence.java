package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The faults stop, users rest: every copy in flight finishes, then clean sweeps (each followed by the copies
 * finishing) until every in-scope database's newest snapshot is copied, first by the installation under test, then
 * by the other installation: two installations on the same databases both copy them. The copy slots bound how many
 * sweeps that may take.
 */
final class SoakConvergence {

    private final SoakWorld w;

    SoakConvergence(SoakWorld world) {
        this.w = world;
    }

    void run() {
        w.faults.disarm();
        w.report.missedEvents += w.undelivered.size(); // still queued when the run ended: never delivered
        w.undelivered.clear();
        w.report.copiesCompleted += w.target.completePendingCopies();
        try {
            int sweeps = converge(w.engine);
            w.report.convergenceSweeps += sweeps;
            w.report.maxConvergenceSweeps = Math.max(w.report.maxConvergenceSweeps, sweeps);
            converge(w.other);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + w.config.seed() + ", after the faults stopped: " + e.getMessage()
                    + "\nengine output of the last sweep:\n" + w.lastOutput(), e);
        }
    }

    private int converge(SoakEngine engine) {
        Installation installation = engine.installation();
        long bound = 1;
        Set<String> done = protectedDatabases(installation);
        for (SnapshotKind kind : SnapshotKind.values()) {
            long missing = inScope().stream().filter(db -> db.kind() == kind && !done.contains(key(db))).count();
            long slots = installation.slots(kind);
            bound = Math.max(bound, (missing + slots - 1) / slots);
        }
        int sweeps = 0;
        do {
            w.report.sweeps++;
            w.invoke(() -> engine.scheduledSweep(TimeBudget.unlimited()), summary -> {
                w.invariants.afterCleanSweep(installation, summary, w.clock.instant());
                w.report.copiesCompleted += w.target.completePendingCopies();
            });
            sweeps++;
        } while (sweeps < bound && !protectsEveryDatabase(installation));
        int used = sweeps;
        long limit = bound;
        w.invariants.check(used <= limit && protectsEveryDatabase(installation), () -> installation.name()
                + " took " + used + " clean sweeps (bound " + limit + ") and still has no copy of the newest snapshot"
                + " of " + inScope().stream().filter(db -> !protectedDatabases(installation).contains(key(db)))
                .map(SoakFleet.Database::id).toList());
        return sweeps;
    }

    private boolean protectsEveryDatabase(Installation installation) {
        Set<String> done = protectedDatabases(installation);
        return inScope().stream().allMatch(db -> done.contains(key(db)));
    }

    /** The databases of which {@code installation} holds an available copy of the newest snapshot. */
    private Set<String> protectedDatabases(Installation installation) {
        Set<String> newest = new HashSet<>();
        for (SoakFleet.Database db : inScope()) {
            w.fleet.newestAutomatedArn(db).ifPresent(newest::add);
        }
        Set<String> databases = new HashSet<>();
        for (Held h : Held.all(w.target).values()) {
            if (installation.is(h.createdBy()) && h.available() && newest.contains(h.sourceArn())) {
                w.fleet.origin(h.sourceArn()).ifPresent(o -> databases.add(o.kind() + "/" + o.db()));
            }
        }
        return databases;
    }

    private List<SoakFleet.Database> inScope() {
        return w.fleet.databases().stream().filter(SoakFleet.Database::inScope).toList();
    }

    private static String key(SoakFleet.Database db) {
        return db.kind() + "/" + db.id();
    }
}
