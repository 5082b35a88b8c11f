package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.aws.RdsDrillGateway;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.DrillRecorder;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.ProvenCopies;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlanner;
import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one invocation of the restore drill's function: reads the replicated databases of the source region and the
 * copies and databases of the target region, asks the pure {@link DrillPlanner}, carries the plan out and records
 * it. Holds no state between runs: everything it knows it reads from RDS each time.
 */
public final class DrillEngine {

    private final DrillPolicy policy;
    private final boolean dryRun;
    private final RdsSnapshotGateway source;
    private final RdsSnapshotGateway target;
    private final RdsDrillGateway drills;
    private final DrillPlanner planner = new DrillPlanner();
    private final DrillExecutor executor;
    private final JsonLines out;
    private final Clock clock;

    /** A drill engine over gateways of both regions. */
    public DrillEngine(DrillSettings settings, RdsSnapshotGateway source, RdsSnapshotGateway target,
                       RdsDrillGateway drills, JsonLines out, Clock clock) {
        this.policy = settings.policy();
        this.dryRun = settings.dryRun();
        this.source = source;
        this.target = target;
        this.drills = drills;
        this.executor = new DrillExecutor(drills, policy, dryRun);
        this.out = out;
        this.clock = clock;
    }

    /** A drill engine for the settings, with clients built from {@code clients}. */
    public static DrillEngine create(DrillSettings settings, ClientSettings clients, JsonLines out, Clock clock) {
        RdsSnapshotGateway target = RdsSnapshotGateway.create(settings.replication().targetRegion(), clients);
        return new DrillEngine(settings, RdsSnapshotGateway.create(settings.replication().sourceRegion(), clients),
                target, RdsDrillGateway.sharing(target), out, clock);
    }

    /** Handles what the invocation asked for: the drill's function only runs drills. */
    public RunSummary handle(InvocationEvent event, TimeBudget budget) {
        if (event instanceof InvocationEvent.Drill drill) {
            return run(drill.round(), budget);
        }
        DrillRecorder recorder = recorder("invalid");
        recorder.failed(null, "invalid_input", "the restore drill's function runs only {\"action\": \""
                + Invocations.DRILL_ROUND + "\"} or {\"action\": \"" + Invocations.DRILL_ADVANCE + "\"}", null, false);
        return recorder.finish(clock.instant());
    }

    /** The plan the next run would carry out, from read-only calls. */
    public DrillPlan plan(boolean round) {
        List<SourceDatabase> databases = new ArrayList<>(source.describeDbInstances());
        List<Snapshot> copies = new ArrayList<>(target.describeSnapshots(SnapshotKind.DB_SNAPSHOT));
        List<TargetDatabase> clusters = List.of();
        if (policy.replication().includeAuroraClusters()) {
            databases.addAll(source.describeClusters());
            copies.addAll(target.describeSnapshots(SnapshotKind.DB_CLUSTER_SNAPSHOT));
            clusters = drills.describeClusters();
        }
        return planner.plan(policy, databases, new ProvenCopies(policy.replication(), copies),
                drills.describeInstances(), clusters, round, clock.instant());
    }

    /** One run: a round run picks the databases of a new round first; every run moves the drills on. */
    public RunSummary run(boolean round, TimeBudget budget) {
        DrillRecorder recorder = recorder(round ? Invocations.DRILL_ROUND : Invocations.DRILL_ADVANCE);
        DrillPlan plan;
        try {
            plan = plan(round);
        } catch (RdsCallException e) {
            recorder.failed(null, "drill_read_failed", "the drill could not read RDS: " + e.getMessage(),
                    e.errorCode(), e.isTransient());
            return recorder.finish(clock.instant());
        }
        recorder.planned(plan);
        executor.execute(plan, recorder, budget);
        return recorder.finish(clock.instant());
    }

    private DrillRecorder recorder(String trigger) {
        return new DrillRecorder(out, policy.replicationId(), policy.replication().targetRegion(), trigger, dryRun);
    }
}
