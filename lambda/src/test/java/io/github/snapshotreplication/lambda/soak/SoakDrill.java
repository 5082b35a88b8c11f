package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RestoreFaults;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsDrillGateway;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.engine.DrillEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The restore drill function of the installation under test: the real {@link DrillEngine} with real SDK clients
 * signing with its own access key, on the same fake and the same clock as the replication engine, settings parsed
 * from the environment the construct gives it. A round run comes every {@link #ROUND} of simulated time, advance
 * runs every {@link #ADVANCE}: the soak's steps move time by hours, and the drill's schedule ticks through them.
 * A tick runs the drill unless its run would find exactly what the last run left and so could only log {@code
 * drill_waiting}: it runs when a drill database changed status, appeared or vanished since (RDS finished a restore
 * or a delete), when a drill crossed {@code DRILL_MAX_DURATION}, when the last run met a fault, was lost, stopped
 * early or had a call fail, at a round, and at least every {@link #IDLE} (carrying ledgers to newer copies).
 *
 * <p>RDS's restore time is drawn per run from the drill's own random, {@link #MIN_RESTORE_MINUTES} to
 * {@link #MAX_RESTORE_MINUTES} minutes (a restore within a run, and an Aurora drill's instance added in a later
 * run, each take that run's time), its delete time 1 to {@link #MAX_DELETE_MINUTES}. Before a run the drill side may
 * arrange restore failures (an engine version retired; a drill's database ending {@code incompatible-network},
 * {@code incompatible-option-group} or {@code inaccessible-encryption-credentials}, or never coming up, should it be
 * restored in this run) and arms one of its faults ({@link SoakFaults#armDrill}), lost runs included; all of it is
 * undone after the run, so users' restores meet none of it. The drill side has its own random (from the seed): the
 * rest of the world runs exactly as it did before the soak gained drills.
 */
final class SoakDrill implements AutoCloseable {

    /** The access key of the drill's function: its requests and what it created are told apart by it. */
    static final String KEY = "AKIDSOAKDRILL";
    /** The access key of a stranger who restores look-alike databases in the target region. */
    static final String STRANGER_KEY = "AKIDSOAKDRILLSTRANGER";
    static final String SUBNET_GROUP = "drill-subnets";
    static final String SECURITY_GROUP = "sg-0123456789abcdef0";
    /** The advance schedule's interval, as the construct's rule runs it. */
    static final Duration ADVANCE = Duration.ofMinutes(5);
    /** The round schedule: weekly, so a small seed's seven weeks see seven rounds. */
    static final Duration ROUND = Duration.ofDays(7);
    /** DRILL_MAX_DURATION. */
    static final Duration MAX_DURATION = Duration.ofHours(3);
    static final int MAX_CONCURRENT = 3;
    static final int MIN_RESTORE_MINUTES = 10;
    static final int MAX_RESTORE_MINUTES = 90;
    static final int MAX_DELETE_MINUTES = 10;
    /** The longest the drill goes without a run when nothing happens. */
    static final Duration IDLE = Duration.ofHours(24);
    /** Runs that meet one of the drill's faults. */
    private static final double FAULTS = 0.25;
    private static final String[] FAILURE_STATUSES = {"incompatible-network", "incompatible-option-group",
        "inaccessible-encryption-credentials"};
    /** Log actions after which the next run may act again although nothing changed. */
    private static final List<String> UNSETTLED = List.of("drill_restore_deferred", "drill_instance_deferred",
            "drill_ledger_failed", "drill_cleanup_failed", "drill_read_failed");
    private static final String[][] VERSIONS = {{"postgres", SoakFleet.VERSION},
        {"postgres", SoakFleet.OLDER_VERSION}, {"aurora-postgresql", SoakFleet.VERSION}};

    /** Runs one invocation so that a violation names the seed, the step and the fault ({@code ChaosSoak.checked}). */
    interface Checked {
        void run(String name, SoakFaults.Armed fault, Runnable invocation);
    }

    private final SoakWorld w;
    private final FakeRegion target;
    private final Random random;
    private final SoakFaults faults;
    private final DrillFigures figures;
    private final RdsSnapshotGateway source;
    private final RdsSnapshotGateway targetGateway;
    private final RdsDrillGateway gateway;
    private final DrillEngine engine;
    private Instant nextTick;
    private Instant nextRound;
    private Instant lastRun = SoakWorld.START;
    /** The drill databases (identifier and status) the last run left. */
    private List<String> lastDatabases = List.of();
    /** The last run met a fault, was lost, stopped early or had a call fail: the next tick runs. */
    private boolean unsettled;

    SoakDrill(SoakWorld w, FakeRdsServer rds, Random random, JsonLines out) {
        this.w = w;
        this.target = rds.region(SoakFleet.TARGET);
        this.random = random;
        this.faults = new SoakFaults(rds, target, random);
        this.figures = w.report.drills;
        rds.registerAccessKey(KEY, SoakFleet.ACCOUNT);
        target.addSubnetGroup(SUBNET_GROUP, "vpc-0a1b2c3d4e5f60718");
        ClientSettings clients = ClientSettings.localEndpoint(rds.endpoint()).withTestAccessKeyId(KEY);
        source = RdsSnapshotGateway.create(SoakFleet.SOURCE, clients);
        targetGateway = RdsSnapshotGateway.create(SoakFleet.TARGET, clients);
        gateway = RdsDrillGateway.create(SoakFleet.TARGET, clients);
        Map<String, String> env = new HashMap<>(SoakEngine.environment(w.engineInstallation, w.config));
        env.put("DRILL_SUBNET_GROUP", SUBNET_GROUP);
        env.put("DRILL_SECURITY_GROUP_IDS", "[\"" + SECURITY_GROUP + "\"]");
        env.put("DRILL_MAX_CONCURRENT", String.valueOf(MAX_CONCURRENT));
        env.put("DRILL_MAX_DURATION", MAX_DURATION.toString());
        engine = new DrillEngine(DrillSettings.fromEnvironment(env), source, targetGateway, gateway, out, w.clock);
        nextTick = SoakWorld.START.plus(ADVANCE);
        nextRound = SoakWorld.START.plus(Duration.ofHours(6));
    }

    /**
     * Moves the clock to {@code until} through the ticks of the drill's schedule, running the drill at each tick
     * that can make a difference (see above); a tick at or after the round's time runs a round.
     */
    void runUntil(Instant until, Checked checked) {
        while (!nextTick.isAfter(until)) {
            Instant tick = nextTick;
            nextTick = tick.plus(ADVANCE);
            w.clock.advance(Duration.between(w.clock.instant(), tick));
            boolean round = !tick.isBefore(nextRound);
            if (round) {
                nextRound = nextRound.plus(ROUND);
                figures.rounds++;
            }
            if (round || unsettled || !tick.isBefore(lastRun.plus(IDLE)) || changed(tick)) {
                run(round, true, checked);
            } else {
                figures.idleTicks++;
            }
        }
        w.clock.advance(Duration.between(w.clock.instant(), until));
    }

    /** True when a drill database changed since the last run, or a drill crossed its maximum age. */
    private boolean changed(Instant tick) {
        if (!drillDatabases().equals(lastDatabases)) {
            return true;
        }
        for (DbInstance db : target.dbInstances()) {
            if (KEY.equals(db.createdBy()) && crossedMaxDuration(db.tags(), tick)) {
                return true;
            }
        }
        return target.dbClusters().stream().anyMatch(db -> KEY.equals(db.createdBy())
                && crossedMaxDuration(db.tags(), tick));
    }

    private boolean crossedMaxDuration(Map<String, String> tags, Instant tick) {
        String started = tags.get(TagKeys.DRILL_STARTED_AT);
        Instant cap = started == null ? null : Instant.parse(started).plus(MAX_DURATION);
        return cap != null && !cap.isBefore(lastRun) && cap.isBefore(tick);
    }

    /** The identifiers and statuses of the databases the drill's key created, as RDS shows them now. */
    private List<String> drillDatabases() {
        List<String> all = new ArrayList<>();
        target.dbInstances().stream().filter(db -> KEY.equals(db.createdBy()))
                .forEach(db -> all.add("db-instance " + db.identifier() + " " + db.status()));
        target.dbClusters().stream().filter(db -> KEY.equals(db.createdBy()))
                .forEach(db -> all.add("db-cluster " + db.identifier() + " " + db.status()));
        return all;
    }

    /**
     * The drill's last hours: clean runs at every tick, no new round, until no drill database is left and no drill
     * is due; then every drill that started must have counted exactly one outcome.
     */
    void drain(Checked checked) {
        Instant limit = w.clock.instant().plus(Duration.ofDays(2));
        do {
            w.clock.advance(Duration.between(w.clock.instant(), nextTick));
            nextTick = nextTick.plus(ADVANCE);
            run(false, false, checked);
        } while (underWay() && w.clock.instant().isBefore(limit));
        checked.run("drill drained", SoakFaults.Armed.NONE,
                () -> w.invariants.drills().drained(underWay()));
        w.drillUsers.counts().forEach((kind, n) -> figures.lookAlikes.merge(kind.name(), n, Long::sum));
    }

    private void run(boolean round, boolean chaos, Checked checked) {
        figures.runs++;
        SoakFaults.Armed fault = chaos ? faults.armDrill(FAULTS) : SoakFaults.Armed.NONE;
        Instant now = w.clock.instant();
        lastRun = now;
        unsettled = !fault.clean();
        if (!fault.clean()) {
            figures.faultsByKind.merge(fault.kind().name(), 1L, Long::sum);
        }
        DrillInvariants checks = w.invariants.drills();
        if (fault.kind() == SoakFaults.Kind.RUN_LOST) {
            checks.lost(now);
            return;
        }
        Duration restore = Duration.ofMinutes(MIN_RESTORE_MINUTES
                + random.nextInt(MAX_RESTORE_MINUTES - MIN_RESTORE_MINUTES + 1));
        target.restoreTiming(restore, Duration.ofMinutes(1 + random.nextInt(MAX_DELETE_MINUTES)));
        if (chaos) {
            arrangeRestoreFailure();
        }
        checks.expect(now, restore, fault.clean());
        long injected = w.rds.faults().injectedCount();
        checked.run(round ? "drill round" : "drill advance", fault, () -> {
            RunSummary summary = w.invoke(() -> engine.run(round, fault.budget()), s -> {
                faults.disarm();
                target.restoreTiming(Duration.ZERO, Duration.ZERO);
                target.restoreFaults().clear();
            });
            String output = w.lastOutput();
            checks.outcomes(output, now);
            unsettled |= summary.hasTransientFailures() || summary.stoppedEarly() > 0
                    || UNSETTLED.stream().anyMatch(action -> output.contains("\"" + action + "\""));
        });
        lastDatabases = drillDatabases();
        figures.errorsInjected += w.rds.faults().injectedCount() - injected;
    }

    /**
     * Now and then RDS has retired an engine version; and each database's drill, should it restore (or, Aurora, add
     * its instance) in this run, may end in a failure status or never come up.
     */
    private void arrangeRestoreFailure() {
        RestoreFaults restoreFaults = target.restoreFaults();
        if (random.nextDouble() < 0.08) {
            String[] version = VERSIONS[random.nextInt(VERSIONS.length)];
            restoreFaults.retireEngineVersion(version[0], version[1]);
        }
        for (SoakFleet.Database db : w.fleet.databases()) {
            String drill = w.drillUsers.drillIdentifier(db.kind(), db.id());
            double p = random.nextDouble();
            if (p < 0.06) {
                restoreFaults.endIn(drill, FAILURE_STATUSES[random.nextInt(FAILURE_STATUSES.length)]);
            } else if (p < 0.09) {
                restoreFaults.neverFinish(drill);
            }
        }
    }

    /**
     * True while the drill has something to do: a database of the drill exists (by ground truth: its key created
     * it), a round asked for a drill that has not ended (the ledger on the installation's copies), or the last run
     * was unsettled.
     */
    private boolean underWay() {
        if (unsettled || target.dbInstances().stream().anyMatch(db -> KEY.equals(db.createdBy()))
                || target.dbClusters().stream().anyMatch(db -> KEY.equals(db.createdBy()))) {
            return true;
        }
        Map<String, String[]> ledgers = new HashMap<>();
        for (Held copy : Held.all(target).values()) {
            if (w.engineInstallation.is(copy.createdBy()) && copy.db() != null) {
                String[] ledger = ledgers.computeIfAbsent(copy.kind() + "/" + copy.db(), k -> new String[2]);
                ledger[0] = later(ledger[0], copy.tags().get(TagKeys.DRILL_REQUESTED_AT));
                ledger[1] = later(ledger[1], copy.tags().get(TagKeys.DRILL_ENDED_AT));
            }
        }
        return ledgers.values().stream().anyMatch(l -> l[0] != null
                && (l[1] == null || Instant.parse(l[1]).isBefore(Instant.parse(l[0]))));
    }

    private static String later(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).isAfter(Instant.parse(b)) ? a : b;
    }

    @Override
    public void close() {
        source.close();
        targetGateway.close();
        gateway.close();
    }
}
