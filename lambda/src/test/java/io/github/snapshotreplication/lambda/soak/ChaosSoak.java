package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, bounded chaos run of the real engine (real SDK clients, fake RDS endpoint): simulated days of automated
 * snapshots, events that arrive late, twice, out of order, malformed or never, random faults, copies finishing at
 * random times. {@link SoakInvariants} are checked after every step; then the faults stop and clean sweeps must
 * bring every in-scope database's newest snapshot to the target region within the in-flight quota's bound.
 */
public final class ChaosSoak {

    private static final String REPLICATION_ID = "orders-dr";
    private static final String TARGET_KEY =
            "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    private final SoakConfig config;
    private final Random random;
    private final SoakReport report = new SoakReport();
    private final SimulatedClock clock = new SimulatedClock(START);
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final EventParser parser = new EventParser(new ExpectedOrigin(SoakFleet.SOURCE, SoakFleet.ACCOUNT));
    private final List<SoakFleet.Created> undelivered = new ArrayList<>();
    private FakeRdsServer rds;
    private ReplicationEngine engine;
    private SoakFleet fleet;
    private SoakEvents events;
    private SoakFaults faults;
    private SoakInvariants invariants;
    private int userSnapshots;

    private ChaosSoak(SoakConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
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
        try (FakeRdsServer server = FakeRdsServer.start()) {
            rds = server;
            FakeRegion target = rds.region(SoakFleet.TARGET);
            fleet = new SoakFleet(rds.region(SoakFleet.SOURCE), config, START);
            events = new SoakEvents(random);
            faults = new SoakFaults(rds, target, random);
            invariants = new SoakInvariants(target, config, REPLICATION_ID, report);
            ClientSettings clients = ClientSettings.localEndpoint(rds.endpoint());
            try (RdsSnapshotGateway source = RdsSnapshotGateway.create(SoakFleet.SOURCE, clients);
                 RdsSnapshotGateway targetGateway = RdsSnapshotGateway.create(SoakFleet.TARGET, clients)) {
                ReplicationSettings settings = ReplicationSettings.fromEnvironment(environment());
                engine = new ReplicationEngine(settings.policy(), false, source, targetGateway,
                        new JsonLines(new PrintStream(output, true, StandardCharsets.UTF_8)), clock);
                for (int step = 0; step < config.steps(); step++) {
                    runStep(step, target);
                }
                converge(target);
            }
            report.seeds = 1;
            report.steps = config.steps();
            report.simulatedDays = fleet.days();
            report.missedEvents += undelivered.size(); // still queued when the run ended: never delivered
            report.errorsInjected = rds.faults().injectedCount();
            return report;
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", SoakFleet.SOURCE);
        env.put("TARGET_REGION", SoakFleet.TARGET);
        env.put("REPLICATION_ID", REPLICATION_ID);
        env.put("TARGET_KMS_KEY_ARN", TARGET_KEY);
        env.put("INCLUDE_AURORA_CLUSTERS", "true");
        env.put("EXCLUDE_DB_IDENTIFIERS", "[\"scratch-*\"]");
        env.put("RETENTION_KEEP_LAST", String.valueOf(config.keepLast()));
        env.put("RETENTION_MAX_AGE", config.maxAge().toString());
        env.put("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", String.valueOf(config.maxConcurrentCopies()));
        env.put("MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", String.valueOf(Math.min(5, config.maxConcurrentCopies())));
        return env;
    }

    private void runStep(int step, FakeRegion target) {
        clock.advance(Duration.ofMinutes(60 + random.nextInt(7 * 60)));
        for (SoakFleet.Created created : fleet.advanceTo(clock.instant(), at -> { })) {
            if (random.nextDouble() < 0.15) {
                report.missedEvents++; // RDS events are best effort: some never arrive
            } else {
                undelivered.add(created);
            }
        }
        userActivity(target);
        invariants.beforeStep();
        rds.clearRequests();
        output.reset();
        SoakFaults.Armed fault = faults.arm(0.35);
        if (!fault.clean()) {
            report.faultsArmed++;
            report.faultsByKind.merge(fault.kind().name(), 1L, Long::sum);
        }
        try {
            double pick = random.nextDouble();
            if (pick < 0.40 && !undelivered.isEmpty()) {
                deliverEvents(fault.budget());
            } else if (pick < 0.72) {
                report.sweeps++;
                RunSummary summary = engine.handle(parser.parse(Fixtures.open("eventbridge-scheduled-event.json")),
                        fault.budget());
                faults.disarm();
                if (fault.kind() == SoakFaults.Kind.CUT_OFF || fault.kind() == SoakFaults.Kind.TIME_BUDGET) {
                    report.cutOffSweeps++;
                }
                if (fault.clean()) {
                    invariants.afterCleanSweep(summary, clock.instant());
                }
            } else if (pick < 0.80) {
                report.garbageInvocations++;
                engine.handle(parser.parse(Fixtures.of(events.garbage())), fault.budget());
            }
            faults.disarm();
            if (random.nextBoolean()) {
                report.copiesCompleted += target.completePendingCopies(random.nextInt(4));
            }
            invariants.afterStep(rds.requests());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + config.seed() + ", step " + step + " (" + fault.kind() + ", "
                    + clock.instant() + "): " + e.getMessage() + "\nengine output of the step:\n"
                    + output.toString(StandardCharsets.UTF_8), e);
        }
    }

    /** One SNS batch of pending events in random order, some twice, sometimes a malformed record. */
    private void deliverEvents(TimeBudget budget) {
        List<Map<String, Object>> records = new ArrayList<>();
        int count = 1 + random.nextInt(Math.min(fleet.databases().size(), undelivered.size()));
        for (int i = 0; i < count; i++) {
            SoakFleet.Created created = undelivered.remove(random.nextInt(undelivered.size()));
            if (!created.manual() && fleet.isStale(created)) {
                report.outOfOrderRecords++;
            }
            Map<String, Object> record = events.record(created);
            records.add(record);
            if (random.nextDouble() < 0.2) {
                report.duplicateRecords++;
                if (random.nextBoolean()) {
                    records.add(record); // SNS delivers at least once: the same message twice in one batch
                } else {
                    undelivered.add(created); // ...or again, later
                }
            }
        }
        if (random.nextDouble() < 0.15) {
            report.malformedRecords++;
            records.add(random.nextInt(records.size() + 1), events.malformed());
        }
        report.eventInvocations++;
        report.eventRecords += records.size();
        engine.handle(parser.parse(Fixtures.of(SoakEvents.batch(records))), budget);
    }

    /** Users take manual snapshots in the source and keep their own snapshots in the target region. */
    private void userActivity(FakeRegion target) {
        if (random.nextDouble() < 0.04) {
            undelivered.add(fleet.manualSnapshot(random, clock.instant()));
        }
        if (random.nextDouble() < 0.04) {
            SoakFleet.Database db = fleet.databases().get(random.nextInt(fleet.databases().size()));
            userSnapshots++;
            DbSnapshot.Builder lookAlike = DbSnapshot.builder().identifier(db.id() + "-copy-" + userSnapshots)
                    .dbInstanceIdentifier(db.id()).createdAt(clock.instant().minus(Duration.ofDays(30)));
            if (random.nextBoolean()) {
                // Another installation's copy: our tag keys, another managed-by value.
                lookAlike.tag(TagKeys.MANAGED_BY, "another-installation").tag(TagKeys.SOURCE_DB_IDENTIFIER, db.id())
                        .tag(TagKeys.SOURCE_REGION, SoakFleet.SOURCE)
                        .tag(TagKeys.SOURCE_CREATED_AT, clock.instant().minus(Duration.ofDays(30)).toString());
            }
            target.addDbSnapshot(lookAlike.build());
        }
    }

    /**
     * The faults stop: every copy in flight finishes, then clean sweeps (each followed by the copies finishing)
     * until every in-scope database's newest snapshot is copied. The quota bounds how many sweeps that may take.
     */
    private void converge(FakeRegion target) {
        faults.disarm();
        report.copiesCompleted += target.completePendingCopies();
        long bound = 1;
        for (SnapshotKind kind : SnapshotKind.values()) {
            long missing = invariants.missing(fleet, kind);
            bound = Math.max(bound, (missing + config.maxConcurrentCopies() - 1) / config.maxConcurrentCopies());
        }
        int sweeps = 0;
        do {
            invariants.beforeStep();
            rds.clearRequests();
            output.reset();
            RunSummary summary = engine.sweep(TimeBudget.unlimited());
            sweeps++;
            invariants.afterCleanSweep(summary, clock.instant());
            report.copiesCompleted += target.completePendingCopies();
            invariants.afterStep(rds.requests());
        } while (sweeps < bound && (invariants.missing(fleet, SnapshotKind.DB_SNAPSHOT) > 0
                || invariants.missing(fleet, SnapshotKind.DB_CLUSTER_SNAPSHOT) > 0));
        int used = sweeps;
        long limit = bound;
        invariants.check(used <= limit, () -> "took " + used + " clean sweeps, bound " + limit);
        try {
            invariants.converged(fleet);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + config.seed() + ", after " + sweeps + " clean sweeps: "
                    + e.getMessage() + "\nengine output of the last sweep:\n"
                    + output.toString(StandardCharsets.UTF_8), e);
        }
        report.convergenceSweeps += sweeps;
        report.maxConvergenceSweeps = Math.max(report.maxConvergenceSweeps, sweeps);
    }

    /** Runs the soak from the command line: {@code [seeds] [first seed] [large|small]}; prints the counts. */
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        boolean large = args.length <= 2 || "large".equals(args[2]);
        long start = System.nanoTime();
        SoakReport report = runSeeds(first, seeds, large);
        System.out.print(report);
        System.out.printf("  wall time    %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
