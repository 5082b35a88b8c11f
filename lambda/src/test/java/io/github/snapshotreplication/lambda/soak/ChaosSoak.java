package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A seeded, bounded chaos run of the real engine (real SDK clients, fake RDS endpoint): simulated days of automated
 * snapshots, events that arrive late, twice, out of order, malformed or never, random faults, copies finishing at
 * random times; users who copy, restore, snapshot and re-tag the installation's copies into look-alikes; another
 * installation on the same databases; a vault account whose engine copies every copy the installation shares with
 * it, among its own users' look-alikes and a stranger's shares; the installation's restore drill ({@link SoakDrill})
 * restoring its copies on a schedule of simulated time, among look-alike databases ({@link DrillUsers}).
 * {@link SoakInvariants} are checked after every step against the fake's ground truth; then the drill drains, the
 * faults stop and {@link SoakConvergence} checks the time to protection; last, {@link SoakCompromise}: an attacker
 * holds the source account and the vault must keep every database's newest copy.
 */
public final class ChaosSoak {

    private final SoakConfig config;
    private SoakWorld world;

    private ChaosSoak(SoakConfig config) {
        this.config = config;
    }

    /** Runs one seed; throws {@link AssertionError} naming the seed and step on the first violation. */
    public static SoakReport run(SoakConfig config) {
        return new ChaosSoak(config).run();
    }

    /** Runs {@code seeds} consecutive seeds from {@code firstSeed} at {@code large} or small size; prints the total. */
    public static SoakReport runSeeds(long firstSeed, int seeds, boolean large) {
        SoakReport total = new SoakReport();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            total.add(run(large ? SoakConfig.large(seed) : SoakConfig.small(seed)));
        }
        return total;
    }

    private SoakReport run() {
        try (SoakWorld w = new SoakWorld(config)) {
            world = w;
            for (int step = 0; step < config.steps(); step++) {
                runStep(step);
            }
            w.drill.drain((name, fault, run) -> checked(config.steps(), name, fault, run));
            new SoakConvergence(w).run();
            new SoakCompromise(w).run();
            SoakReport report = w.report;
            report.seeds = 1;
            report.steps = config.steps();
            report.simulatedDays = w.fleet.days();
            report.errorsInjected = w.rds.faults().injectedCount() - report.drills.errorsInjected;
            w.lookAlikes.counts().forEach((kind, n) -> report.lookAlikes.merge(kind.name(), n, Long::sum));
            w.vaultLookAlikes.counts().forEach((kind, n) -> report.vaultLookAlikes.merge(kind.name(), n,
                    Long::sum));
            return report;
        }
    }

    private void runStep(int step) {
        SoakWorld w = world;
        SoakReport report = w.report;
        Duration passes = Duration.ofMinutes(60 + w.random.nextInt(7 * 60));
        w.drill.runUntil(w.clock.instant().plus(passes), (name, fault, run) -> checked(step, name, fault, run));
        for (SoakFleet.Created created : w.backups()) {
            if (w.random.nextDouble() < 0.15) {
                report.missedEvents++; // RDS events are best effort: some never arrive
            } else {
                w.undelivered.add(created);
            }
        }
        if (w.random.nextDouble() < 0.04) {
            w.undelivered.add(w.fleet.manualSnapshot(w.random, w.clock.instant()));
        }
        w.users.act(w.clock.instant());
        w.drillUsers.act();
        SoakFaults.Armed fault = arm();
        Invocation invocation = pick(fault.budget());
        checked(step, invocation.name(), fault, () -> w.invoke(invocation.call(), summary -> {
            w.faults.disarm();
            if (invocation.sweepOf() != null && fault.clean()) {
                w.invariants.afterCleanSweep(invocation.sweepOf(), summary, w.clock.instant());
            }
            if (invocation.sweepOf() != null && (fault.kind() == SoakFaults.Kind.CUT_OFF
                    || fault.kind() == SoakFaults.Kind.TIME_BUDGET)) {
                report.cutOffSweeps++;
            }
            if (w.random.nextBoolean()) {
                report.copiesCompleted += w.target.completePendingCopies(w.random.nextInt(4));
            }
        }));
        w.vaultUsers.act();
        report.vaultCopiesCompleted += w.vault.finishSome(w.random, 0.6);
        // Once per run the vault is down for longer than RETENTION_MAX_AGE: the source must hold expired copies.
        boolean longOutage = step == config.steps() / 3;
        if (longOutage || w.random.nextDouble() < 0.008) {
            report.vaultOutages++;
            w.vault.outage(w.clock.instant().plus(longOutage ? config.maxAge().plusDays(3)
                    : Duration.ofHours(24 + w.random.nextInt(4 * 24))));
        }
        if (!w.vault.due(w.clock.instant())) {
            return;
        }
        SoakFaults.Armed vaultFault = arm();
        checked(step, "vault sweep", vaultFault, () -> w.invoke(() -> {
            report.vaultSweeps++;
            return w.vault.sweep(vaultFault.budget());
        }, summary -> {
            w.faults.disarm();
            if (vaultFault.clean()) {
                w.invariants.afterCleanVaultSweep(summary, w.clock.instant());
            }
        }));
    }

    /** Maybe a fault for the next invocation, counted. */
    private SoakFaults.Armed arm() {
        SoakFaults.Armed fault = world.faults.arm(0.35);
        if (!fault.clean()) {
            world.report.faultsArmed++;
            world.report.faultsByKind.merge(fault.kind().name(), 1L, Long::sum);
        }
        return fault;
    }

    /** Runs one invocation; a violation or an error names the seed, the step, the invocation and its fault. */
    private void checked(int step, String name, SoakFaults.Armed fault, Runnable invocation) {
        try {
            invocation.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + config.seed() + ", step " + step + " (" + name + ", " + fault.kind()
                    + ", " + world.clock.instant() + "): " + e.getMessage() + "\nengine output of the step:\n"
                    + world.lastOutput(), e);
        }
    }

    /** One invocation: its name, what it runs, and whose sweep it is (null when it is not a sweep). */
    private record Invocation(String name, Supplier<RunSummary> call, Installation sweepOf) {
    }

    /** What runs in this step: events, a sweep of either installation, a follow-up, garbage, or nothing. */
    private Invocation pick(TimeBudget budget) {
        SoakWorld w = world;
        SoakReport report = w.report;
        double pick = w.random.nextDouble();
        if (pick < 0.35 && !w.undelivered.isEmpty()) {
            return new Invocation("events", () -> deliverEvents(budget), null);
        }
        if (pick < 0.60 || (pick < 0.70 && !w.followUpRuleEnabled())) {
            return new Invocation("scheduled sweep", () -> {
                report.sweeps++;
                return w.engine.scheduledSweep(budget);
            }, w.engineInstallation);
        }
        if (pick < 0.70) {
            return new Invocation("follow-up sweep", () -> {
                report.sweeps++;
                report.followUpSweeps++;
                return w.engine.followUpSweep(budget);
            }, w.engineInstallation);
        }
        if (pick < 0.78) {
            return new Invocation("garbage", () -> {
                report.garbageInvocations++;
                return w.engine.handle(w.events.garbage(), budget);
            }, null);
        }
        if (pick < 0.88) {
            return new Invocation("other installation's sweep", () -> {
                report.otherSweeps++;
                return w.other.scheduledSweep(budget);
            }, w.otherInstallation);
        }
        return new Invocation("nothing", () -> null, null);
    }

    /** One SNS batch of pending events in random order, some twice, sometimes a malformed record. */
    private RunSummary deliverEvents(TimeBudget budget) {
        SoakWorld w = world;
        SoakReport report = w.report;
        List<Map<String, Object>> records = new ArrayList<>();
        int count = 1 + w.random.nextInt(Math.min(w.fleet.databases().size(), w.undelivered.size()));
        for (int i = 0; i < count; i++) {
            SoakFleet.Created created = w.undelivered.remove(w.random.nextInt(w.undelivered.size()));
            if (!created.manual() && w.fleet.isStale(created)) {
                report.outOfOrderRecords++;
            }
            Map<String, Object> record = w.events.record(created);
            records.add(record);
            if (w.random.nextDouble() < 0.2) {
                report.duplicateRecords++;
                if (w.random.nextBoolean()) {
                    records.add(record); // SNS delivers at least once: the same message twice in one batch
                } else {
                    w.undelivered.add(created); // ...or again, later
                }
            }
        }
        if (w.random.nextDouble() < 0.15) {
            report.malformedRecords++;
            records.add(w.random.nextInt(records.size() + 1), w.events.malformed());
        }
        report.eventInvocations++;
        report.eventRecords += records.size();
        return w.engine.handle(SoakEvents.batch(records), budget);
    }

    /**
     * Runs the soak from the command line: {@code [seeds] [first seed] [large|small] [options]}; prints the counts.
     * Options: {@code junk-newer} (the attacker also shares newer snapshots of the real databases), {@code
     * vault-retention=P5D} (another VAULT_RETENTION).
     */
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        boolean large = args.length <= 2 || "large".equals(args[2]);
        long start = System.nanoTime();
        SoakReport report = new SoakReport();
        for (long seed = first; seed < first + seeds; seed++) {
            SoakConfig config = large ? SoakConfig.large(seed) : SoakConfig.small(seed);
            for (int i = 3; i < args.length; i++) {
                if ("junk-newer".equals(args[i])) {
                    config = config.withJunkNewerThanVault();
                } else if (args[i].startsWith("vault-retention=")) {
                    config = config.withVaultRetention(Duration.parse(args[i].substring("vault-retention=".length())));
                } else {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            report.add(run(config));
        }
        System.out.print(report);
        System.out.printf("  wall time    %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
