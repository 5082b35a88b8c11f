package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.VaultSettings;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunRecorder;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.vault.VaultPlanner;
import io.github.snapshotreplication.lambda.plan.vault.VaultPolicy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Runs one invocation of the vault account's function: lists the snapshots the accepted source accounts share with
 * it and its own snapshots, asks the pure {@link VaultPlanner}, carries the plan out (copies within the region,
 * receipts, deletes) and records every decision. It has no right in any source account: everything it learns comes
 * from what they share.
 */
public final class VaultEngine {

    private final VaultPolicy policy;
    private final boolean dryRun;
    private final RdsSnapshotGateway rds;
    private final PlanExecutor executor;
    private final VaultPlanner planner = new VaultPlanner();
    private final JsonLines out;
    private final Clock clock;

    /** A vault engine over the gateway of its region. */
    public VaultEngine(VaultSettings settings, RdsSnapshotGateway rds, JsonLines out, Clock clock) {
        this.policy = new VaultPolicy(settings.region(), settings.vaultId(), new HashSet<>(settings.sourceAccounts()),
                settings.kmsKeyArn(), settings.includeAurora(), settings.retention(), null);
        this.dryRun = settings.dryRun();
        this.rds = rds;
        // Copies of shared snapshots are made within the region: nothing to presign.
        this.executor = new PlanExecutor(policy.region(), null, rds, dryRun,
                (snapshot, sourceArn) -> VaultPlanner.isVaultCopyOf(policy, snapshot, sourceArn));
        this.out = out;
        this.clock = clock;
    }

    /** A vault engine for the settings, with a client built from {@code clients}. */
    public static VaultEngine create(VaultSettings settings, ClientSettings clients, JsonLines out, Clock clock) {
        return new VaultEngine(settings, RdsSnapshotGateway.create(settings.region(), clients), out, clock);
    }

    /** Handles what the invocation asked for: the vault only sweeps. */
    public RunSummary handle(InvocationEvent event, TimeBudget budget) {
        if (event instanceof InvocationEvent.Sweep) {
            return sweep(budget);
        }
        RunRecorder recorder = recorder("invalid");
        recorder.invalidInput("the vault only runs sweeps: an EventBridge Scheduled Event or"
                + " {\"action\": \"sweep\"}");
        return recorder.finish(clock.instant());
    }

    /** The plan the next vault sweep would carry out, from read-only calls. */
    public Plan plan() {
        List<Snapshot> shared = new ArrayList<>();
        List<Snapshot> own = new ArrayList<>();
        for (SnapshotKind kind : kinds()) {
            shared.addAll(rds.describeSharedSnapshots(kind));
            own.addAll(rds.describeSnapshots(kind));
        }
        return planner.plan(policy, shared, own, clock.instant());
    }

    /** Copies what the source accounts shared and the vault lacks, sends receipts, applies the vault's retention. */
    public RunSummary sweep(TimeBudget budget) {
        RunRecorder recorder = recorder("vault-sweep");
        Plan plan;
        try {
            plan = plan();
        } catch (RdsCallException e) {
            recorder.failure("vault sweep could not read the snapshots: " + e.getMessage(), e.errorCode(),
                    e.isTransient());
            return recorder.finish(clock.instant());
        }
        recorder.recoveryPoints(plan.recoveryPoints());
        if (executor.execute(plan, recorder, budget) == 0) {
            recorder.sweepCompleted();
        }
        return recorder.finish(clock.instant());
    }

    private List<SnapshotKind> kinds() {
        return policy.includeAurora() ? List.of(SnapshotKind.DB_SNAPSHOT, SnapshotKind.DB_CLUSTER_SNAPSHOT)
                : List.of(SnapshotKind.DB_SNAPSHOT);
    }

    private RunRecorder recorder(String trigger) {
        return new RunRecorder(out, policy.vaultId(), policy.region(), policy.region(), trigger, dryRun);
    }
}
