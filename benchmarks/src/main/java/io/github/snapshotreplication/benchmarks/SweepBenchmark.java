package io.github.snapshotreplication.benchmarks;

import io.github.snapshotreplication.contract.Settings;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.plan.Inventory;
import io.github.snapshotreplication.lambda.plan.ReplicationPlanner;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The sweep of a whole fleet by the shipped jar against the fake RDS endpoint with a per-call latency: RDS calls
 * by type against their lower bound, wall time, planner CPU time, peak heap; then a sweep cut off by the Lambda's
 * time budget and the next sweep that finishes it.
 */
final class SweepBenchmark {

    static final Duration LATENCY = Duration.ofMillis(20);
    private static final int DB_SLOTS = Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES.defaultInt();
    private static final int CLUSTER_SLOTS = Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES.defaultInt();
    private static final long LAMBDA_LIMIT_MS = 900_000;
    private static final String[] DESCRIBES = {"DescribeDBInstances", "DescribeDBClusters", "DescribeDBSnapshots",
        "DescribeDBClusterSnapshots", "ListTagsForResource"};

    private final ChildSweep child;
    private final Map<Integer, Long> sweepMillis = new HashMap<>();

    SweepBenchmark(ChildSweep child) {
        this.child = child;
    }

    void run(int... sizes) {
        System.out.printf("%n== Sweep: shipped jar in a Lambda-like JVM, fake RDS with %d ms per call,"
                + " copy slots %d DB / %d cluster, RETENTION_KEEP_LAST=7 ==%n", LATENCY.toMillis(), DB_SLOTS,
                CLUSTER_SLOTS);
        for (int size : sizes) {
            try (FakeRdsServer rds = FakeRdsServer.start()) {
                rds.setRecordRequests(false);
                FleetScenario.Fleet fleet = FleetScenario.seed(rds, size);
                long[] planner = plannerCpu(rds);
                rds.clearRequests();
                rds.setLatency(LATENCY);
                ChildSweep.Outcome outcome = child.run(rds, LAMBDA_LIMIT_MS);
                sweepMillis.put(size, outcome.eventMs());
                print(size, fleet, rds, outcome, planner);
            }
        }
    }

    /** The planner's CPU time for this fleet: first call in this JVM, then the median of ten. */
    private static long[] plannerCpu(FakeRdsServer rds) {
        Inventory inventory = FleetScenario.readInventory(rds);
        Map<String, String> env = new HashMap<>(FleetScenario.settings());
        env.put("AWS_REGION", FleetScenario.SOURCE);
        env.put("TARGET_REGION", FleetScenario.TARGET);
        ReplicationPolicy policy = ReplicationSettings.fromEnvironment(env).policy();
        ReplicationPlanner planner = new ReplicationPlanner();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] samples = new long[11];
        for (int i = 0; i < samples.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            planner.planSweep(policy, inventory, Instant.now());
            samples[i] = threads.getCurrentThreadCpuTime() - start;
        }
        long first = samples[0];
        long[] rest = Arrays.copyOfRange(samples, 1, samples.length);
        Arrays.sort(rest);
        return new long[] {first, rest[rest.length / 2]};
    }

    private static void print(int size, FleetScenario.Fleet fleet, FakeRdsServer rds, ChildSweep.Outcome outcome,
                              long[] planner) {
        long copiesBound = Math.min(fleet.missingDb(), DB_SLOTS) + Math.min(fleet.missingCluster(), CLUSTER_SLOTS);
        long deletesBound = fleet.expiredDb() + fleet.expiredCluster();
        long[] bound = {FleetScenario.pages(fleet.listedInstances()), FleetScenario.pages(fleet.clusters()),
            FleetScenario.pages(fleet.sourceDbSnapshots()) + FleetScenario.pages(fleet.targetDbSnapshots()),
            FleetScenario.pages(fleet.sourceClusterSnapshots()) + FleetScenario.pages(fleet.targetClusterSnapshots()),
            0};
        System.out.printf("%n%,d DB instances + %,d Aurora clusters; %,d + %,d source snapshots, %,d + %,d in the"
                + " target; %d + %d newest copies missing, %d + %d expired copies%n", fleet.instances(),
                fleet.clusters(), fleet.sourceDbSnapshots(), fleet.sourceClusterSnapshots(),
                fleet.targetDbSnapshots(), fleet.targetClusterSnapshots(), fleet.missingDb(), fleet.missingCluster(),
                fleet.expiredDb(), fleet.expiredCluster());
        System.out.printf("  %-28s %8s %12s%n", "RDS call", "calls", "lower bound");
        long total = 0;
        for (int i = 0; i < DESCRIBES.length; i++) {
            long calls = rds.count(DESCRIBES[i]);
            total += calls;
            System.out.printf("  %-28s %8d %12d%s%n", DESCRIBES[i], calls, bound[i], i < 2 ? "  (listing)" : "");
        }
        long copies = rds.count("CopyDBSnapshot") + rds.count("CopyDBClusterSnapshot");
        long deletes = rds.count("DeleteDBSnapshot") + rds.count("DeleteDBClusterSnapshot");
        long other = rds.mutatingRequestCount() - copies - deletes;
        total += copies + deletes + other;
        System.out.printf("  %-28s %8d %12d%n", "Copy*Snapshot", copies, copiesBound);
        System.out.printf("  %-28s %8d %12d%n", "Delete*Snapshot", deletes, deletesBound);
        System.out.printf("  %-28s %8d %12d%n", "other (tags...)", other, 0);
        long issueBound = bound[2] + bound[3] + copiesBound + deletesBound;
        long fullBound = issueBound + bound[0] + bound[1];
        System.out.printf("  %-28s %8d %12d   ratio %.3f (target <= 1.1); with the database listings in the"
                + " bound: %.3f%n", "total", total, issueBound, (double) total / issueBound,
                (double) total / fullBound);
        System.out.printf("  sweep wall time %,d ms (%.1f %% of the 15-minute limit); planner CPU %.1f ms first"
                + " call, %.1f ms median of 10; peak heap %d MB; log %,d lines / %,d KB%n", outcome.eventMs(),
                100.0 * outcome.eventMs() / LAMBDA_LIMIT_MS, planner[0] / 1e6, planner[1] / 1e6,
                outcome.peakHeapMb(), outcome.logLines(), outcome.logBytes() / 1024);
        System.out.printf("  summary: started %d, already present %d, deferred %d, deletes %d, failures %d,"
                + " completed %d%n", outcome.count("copies_started"), outcome.count("copies_already_present"),
                outcome.count("copies_deferred"), outcome.count("deletes"), outcome.count("copy_failures")
                        + outcome.count("delete_failures"), outcome.count("sweeps_completed"));
        if (copies != copiesBound || deletes != deletesBound) {
            // Figures of a sweep that does something else than the scenario says are worthless: fail loudly.
            throw new IllegalStateException("the sweep started " + copies + " copies and made " + deletes
                    + " deletes where the scenario expects " + copiesBound + " and " + deletesBound + ": does"
                    + " FleetScenario still seed copies that the engine proves to be its own?");
        }
    }

    /**
     * A 5,000-database sweep whose invocation runs out of time part-way (the handler's TimeBudget stops starting
     * actions 40 s before the end), then the next scheduled sweep, after the started copies finished.
     */
    void resume(int size) {
        long full = sweepMillis.getOrDefault(size, 60_000L);
        long remaining = TimeBudget.DEFAULT_RESERVE.toMillis() + full * 8 / 10;
        System.out.printf("%n== Resume: %,d databases, first invocation given %,d ms (40 s reserve + 80 %% of the"
                + " full sweep's %,d ms) ==%n", size, remaining, full);
        try (FakeRdsServer rds = FakeRdsServer.start()) {
            rds.setRecordRequests(false);
            FleetScenario.Fleet fleet = FleetScenario.seed(rds, size);
            rds.setLatency(LATENCY);
            ChildSweep.Outcome first = child.run(rds, remaining);
            long firstCalls = totalCalls(rds);
            rds.clearRequests();
            int finished = rds.region(FleetScenario.TARGET).completePendingCopies();
            ChildSweep.Outcome second = child.run(rds, LAMBDA_LIMIT_MS);
            long secondCalls = totalCalls(rds);
            System.out.printf("  %-22s %8s %8s %9s %8s %12s %9s %10s%n", "run", "calls", "started", "deferred",
                    "deletes", "not started", "complete", "wall ms");
            row("1 (cut by TimeBudget)", firstCalls, first);
            System.out.printf("  (between the runs %d started copies finished)%n", finished);
            row("2 (next sweep)", secondCalls, second);
            long deletes = first.count("deletes") + second.count("deletes");
            boolean resumed = first.count("sweeps_completed") == 0 && second.count("sweeps_completed") == 1
                    && deletes == fleet.expiredDb() + fleet.expiredCluster();
            System.out.printf("  expired copies %d, deleted over both runs %d: %s%n",
                    fleet.expiredDb() + fleet.expiredCluster(), deletes,
                    resumed ? "the second sweep resumed and finished" : "NOT DEMONSTRATED (see the counts)");
        }
    }

    private static void row(String name, long calls, ChildSweep.Outcome o) {
        System.out.printf("  %-22s %8d %8d %9d %8d %12d %9s %10d%n", name, calls, o.count("copies_started"),
                o.count("copies_deferred"), o.count("deletes"), o.count("stopped_early"),
                o.count("sweeps_completed") == 1 ? "yes" : "no", o.eventMs());
    }

    private static long totalCalls(FakeRdsServer rds) {
        long total = rds.mutatingRequestCount();
        for (String describe : DESCRIBES) {
            total += rds.count(describe);
        }
        return total;
    }
}
