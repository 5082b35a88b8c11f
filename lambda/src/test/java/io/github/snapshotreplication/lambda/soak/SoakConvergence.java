package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.fakerds.PendingCopy;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Time to protection once the faults stop. They stop at a daily backup, so every database has a new snapshot to
 * copy at once; from then on time runs in steps of 1 to 5 simulated minutes that never skip a follow-up tick. Each
 * copy takes {@link #COPY_TIME} from the start time RDS recorded; the follow-up rule starts a sweep every 10 minutes
 * while it is enabled, the schedule once a day at 12:00. Every in-scope database must have an available copy of its
 * newest snapshot (or a newer one) within {@code ceil(backlog / slots) × COPY_TIME + 15 minutes} per kind, where the
 * backlog counts the databases missing that copy plus the cross-region copies still holding a slot when the faults
 * stop, anyone's: each runs to its end before its slot frees. Then the other installation catches up too.
 */
final class SoakConvergence {

    /** How long every copy takes, in simulated time. */
    static final Duration COPY_TIME = Duration.ofMinutes(60);
    /** The follow-up interval, and a slot freed off the follow-up grid waiting for the next tick. */
    static final Duration SLACK = Duration.ofMinutes(15);
    private static final Duration TICK = Duration.ofMinutes(Invocations.FOLLOW_UP_INTERVAL_MINUTES);
    private static final LocalTime SCHEDULE = LocalTime.NOON;

    private final SoakWorld w;
    private final Map<String, Instant> newestAtStop = new HashMap<>();
    private final Map<SnapshotKind, Duration> bounds = new EnumMap<>(SnapshotKind.class);
    private final Map<SnapshotKind, Duration> took = new EnumMap<>(SnapshotKind.class);
    private Instant stop;

    SoakConvergence(SoakWorld world) {
        this.w = world;
    }

    void run() {
        List<SoakFleet.Created> backups = stopFaultsAtTheNextBackup();
        try {
            engineConverges(backups);
            otherInstallationConverges();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + w.config.seed() + ", after the faults stopped at " + stop + ", now "
                    + w.clock.instant() + ": " + e.getMessage() + "\nengine output of the last invocation:\n"
                    + w.lastOutput(), e);
        }
    }

    /** Faults stop, users rest, events still queued are lost; time runs to the next daily backup, which is taken. */
    private List<SoakFleet.Created> stopFaultsAtTheNextBackup() {
        w.faults.disarm();
        w.report.missedEvents += w.undelivered.size();
        w.undelivered.clear();
        w.clock.advance(Duration.between(w.clock.instant(), w.fleet.nextBackup()));
        List<SoakFleet.Created> backups = w.backups();
        stop = w.clock.instant();
        finishDueCopies();
        List<Held> inFlight = Held.inFlight(w.target, Held.all(w.target));
        for (SoakFleet.Database db : inScope()) {
            newestAtStop.put(db.id(), w.fleet.origin(w.fleet.newestAutomatedArn(db).orElseThrow()).orElseThrow()
                    .createdAt());
        }
        Set<String> done = protectedDatabases(w.engineInstallation);
        for (SnapshotKind kind : SnapshotKind.values()) {
            long missing = inScope().stream().filter(db -> db.kind() == kind && !done.contains(key(db))).count();
            long holding = inFlight.stream().filter(h -> h.kind() == kind).count();
            long slots = w.engineInstallation.slots(kind);
            long rounds = (missing + holding + slots - 1) / slots;
            bounds.put(kind, COPY_TIME.multipliedBy(rounds).plus(SLACK));
            w.report.backlog.merge(kind.name(), missing + holding, Long::sum);
        }
        return backups;
    }

    private void engineConverges(List<SoakFleet.Created> backups) {
        Duration longest = Collections.max(bounds.values());
        Instant deadline = stop.plus(longest).plus(COPY_TIME);
        for (Instant now = stop; ; now = next(now)) {
            w.clock.advance(Duration.between(w.clock.instant(), now));
            finishDueCopies();
            Set<String> done = protectedDatabases(w.engineInstallation);
            for (SnapshotKind kind : SnapshotKind.values()) {
                if (!took.containsKey(kind) && inScope().stream().filter(db -> db.kind() == kind)
                        .allMatch(db -> done.contains(key(db)))) {
                    took.put(kind, Duration.between(stop, now));
                }
            }
            if (took.size() == SnapshotKind.values().length) {
                break;
            }
            Instant at = now;
            w.invariants.check(now.isBefore(deadline), () -> "not every database is protected "
                    + Duration.between(stop, at).toMinutes() + " minutes after the faults stopped (bounds " + bounds
                    + ", backlog " + w.report.backlog + "); still missing: " + inScope().stream()
                    .filter(db -> !done.contains(key(db))).map(SoakFleet.Database::id).toList());
            if (now.equals(stop)) {
                deliverAll(backups);
            }
            if (now.atOffset(ZoneOffset.UTC).toLocalTime().equals(SCHEDULE)) {
                sweep(() -> w.engine.scheduledSweep(TimeBudget.unlimited()));
            }
            if (isTick(now) && w.followUpRuleEnabled()) {
                w.report.followUpSweeps++;
                sweep(() -> w.engine.followUpSweep(TimeBudget.unlimited()));
            }
        }
        for (SnapshotKind kind : SnapshotKind.values()) {
            Duration bound = bounds.get(kind);
            Duration actual = took.get(kind);
            w.report.convergence(kind, actual, bound);
            w.invariants.check(actual.compareTo(bound) <= 0, () -> "every " + kind + " database had a copy of its"
                    + " newest snapshot only " + actual.toMinutes() + " minutes after the faults stopped; bound "
                    + bound.toMinutes() + " minutes (backlog " + w.report.backlog.get(kind.name()) + ", "
                    + w.engineInstallation.slots(kind) + " slots, " + COPY_TIME.toMinutes() + " minutes per copy)");
        }
    }

    /** The other installation, quiet while the time to protection was measured, must copy every database too. */
    private void otherInstallationConverges() {
        int maxSweeps = inScope().size() + 2;
        Installation other = w.otherInstallation;
        for (int sweeps = 0; sweeps < maxSweeps && !otherHasEveryDatabase(); sweeps++) {
            w.report.otherSweeps++;
            w.invoke(() -> w.other.scheduledSweep(TimeBudget.unlimited()), summary -> {
                w.invariants.afterCleanSweep(other, summary, w.clock.instant());
                w.report.copiesCompleted += w.target.completePendingCopies();
            });
        }
        Set<String> done = protectedDatabases(other);
        w.invariants.check(otherHasEveryDatabase(), () -> "the other installation has no copy of the newest"
                + " snapshot of " + inScope().stream().filter(db -> !done.contains(key(db)))
                .map(SoakFleet.Database::id).toList());
    }

    private boolean otherHasEveryDatabase() {
        Set<String> done = protectedDatabases(w.otherInstallation);
        return inScope().stream().allMatch(db -> done.contains(key(db)));
    }

    /** An SNS batch per up to ten of the backups' events, in random order: the faults are over, none is lost. */
    private void deliverAll(List<SoakFleet.Created> backups) {
        List<SoakFleet.Created> queue = new ArrayList<>(backups);
        Collections.shuffle(queue, w.random);
        for (int from = 0; from < queue.size(); from += 10) {
            List<Map<String, Object>> records = queue.subList(from, Math.min(queue.size(), from + 10)).stream()
                    .map(w.events::record).toList();
            w.report.eventInvocations++;
            w.report.eventRecords += records.size();
            w.invoke(() -> w.engine.handle(SoakEvents.batch(records), TimeBudget.unlimited()), summary ->
                    w.invariants.check(!summary.hasTransientFailures() && summary.count(MetricNames.COPY_FAILURES) == 0,
                            () -> "an event batch without faults failed: " + summary.toJson()));
        }
    }

    private void sweep(Supplier<RunSummary> sweep) {
        w.report.sweeps++;
        w.invoke(sweep, summary -> w.invariants.afterCleanSweep(w.engineInstallation, summary, w.clock.instant()));
    }

    /** RDS finishes every copy (and snapshot being created) whose time is up. */
    private void finishDueCopies() {
        Instant now = w.clock.instant();
        for (PendingCopy pending : w.target.pendingCopies()) {
            if (!pending.startedAt().plus(COPY_TIME).isAfter(now)) {
                w.target.completeCopy(pending.kind(), pending.identifier());
                w.report.copiesCompleted++;
            }
        }
    }

    private static String key(SoakFleet.Database db) {
        return db.kind() + "/" + db.id();
    }

    /** The databases of which {@code installation} holds an available copy of the newest snapshot, or newer. */
    private Set<String> protectedDatabases(Installation installation) {
        Set<String> databases = new HashSet<>();
        for (Held h : Held.all(w.target).values()) {
            if (installation.is(h.createdBy()) && h.available()) {
                w.fleet.origin(h.sourceArn()).filter(o -> !o.createdAt().isBefore(newestAtStop.getOrDefault(o.db(),
                        Instant.MAX))).ifPresent(o -> databases.add(o.kind() + "/" + o.db()));
            }
        }
        return databases;
    }

    private List<SoakFleet.Database> inScope() {
        return w.fleet.databases().stream().filter(SoakFleet.Database::inScope).toList();
    }

    /** 1 to 5 minutes on, never past the next follow-up tick. */
    private Instant next(Instant now) {
        Instant step = now.plus(Duration.ofMinutes(1 + w.random.nextInt(5)));
        Instant tick = now.truncatedTo(ChronoUnit.HOURS).plus(TICK.multipliedBy(
                now.atOffset(ZoneOffset.UTC).getMinute() / TICK.toMinutes() + 1));
        return step.isBefore(tick) ? step : tick;
    }

    private static boolean isTick(Instant now) {
        return now.getEpochSecond() % TICK.getSeconds() == 0;
    }
}
