package io.github.snapshotreplication.benchmarks;

import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.plan.Inventory;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.ReplicationPlanner;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pure planner alone ({@code planSweep}), steady state, on the inventory of the sweep benchmark's fleet as the
 * real SDK reads it from the fake (7 snapshots per database in each region).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PlannerBenchmark {

    @Param({"100", "1000", "5000"})
    public int databases;

    private final ReplicationPlanner planner = new ReplicationPlanner();
    private ReplicationPolicy policy;
    private Inventory inventory;
    private Instant now;

    @Setup
    public void readTheFleet() {
        try (FakeRdsServer rds = FakeRdsServer.start()) {
            rds.setRecordRequests(false);
            FleetScenario.seed(rds, databases);
            inventory = FleetScenario.readInventory(rds);
        }
        Map<String, String> env = new HashMap<>(FleetScenario.settings());
        env.put("AWS_REGION", FleetScenario.SOURCE);
        env.put("TARGET_REGION", FleetScenario.TARGET);
        policy = ReplicationSettings.fromEnvironment(env).policy();
        now = Instant.now();
    }

    @Benchmark
    public Plan planSweep() {
        return planner.planSweep(policy, inventory, now);
    }
}
