package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.Settings;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.FollowUpRule;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.event.Notification;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunRecorder;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.Inventory;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.ReplicationPlanner;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one invocation: reads the inventory, asks the pure planner what to do, carries the plan out and records
 * every decision. A sweep and an event differ only in what they read and which planner entry point they use.
 */
public final class ReplicationEngine {

    private final ReplicationPolicy policy;
    private final boolean dryRun;
    private final RdsSnapshotGateway source;
    private final InventoryReader inventory;
    private final PlanExecutor executor;
    private final ReplicationPlanner planner = new ReplicationPlanner();
    private final JsonLines out;
    private final Clock clock;
    private final FollowUpRule followUps;

    /** An engine over two gateways (source region, target region), without follow-up sweeps. */
    public ReplicationEngine(ReplicationPolicy policy, boolean dryRun, RdsSnapshotGateway source,
                             RdsSnapshotGateway target, JsonLines out, Clock clock) {
        this(policy, dryRun, source, target, null, out, clock);
    }

    /**
     * An engine over two gateways (source region, target region).
     *
     * @param followUps the rule that starts follow-up sweeps while copies wait, or {@code null}: none
     */
    public ReplicationEngine(ReplicationPolicy policy, boolean dryRun, RdsSnapshotGateway source,
                             RdsSnapshotGateway target, FollowUpRule followUps, JsonLines out, Clock clock) {
        this.policy = policy;
        this.dryRun = dryRun;
        this.source = source;
        this.inventory = new InventoryReader(policy, source, target);
        this.executor = new PlanExecutor(policy, target, dryRun);
        this.followUps = followUps;
        this.out = out;
        this.clock = clock;
    }

    /** An engine for the settings, with one client per region built from {@code clients}. */
    public static ReplicationEngine create(ReplicationSettings settings, ClientSettings clients, JsonLines out,
                                           Clock clock) {
        FollowUpRule followUps = settings.followUpRuleName() == null ? null
                : FollowUpRule.create(settings.sourceRegion(), settings.followUpRuleName(), clients);
        return new ReplicationEngine(settings.policy(), settings.dryRun(),
                RdsSnapshotGateway.create(settings.sourceRegion(), clients),
                RdsSnapshotGateway.create(settings.targetRegion(), clients), followUps, out, clock);
    }

    /** Handles whatever the invocation asked for. */
    public RunSummary handle(InvocationEvent event, TimeBudget budget) {
        if (event instanceof InvocationEvent.Sweep s) {
            return sweep(budget, s.followUp());
        }
        if (event instanceof InvocationEvent.Notifications n) {
            return notifications(n.notifications(), budget);
        }
        RunRecorder recorder = recorder("invalid");
        recorder.invalidInput(event instanceof InvocationEvent.Unrecognised u ? u.reason()
                : "the replication function does not run restore drills: the drill has a function of its own");
        return recorder.finish(clock.instant());
    }

    /** The plan the next sweep would carry out, from read-only calls: for the {@code plan} command. */
    public Plan planSweep() {
        return planner.planSweep(policy, inventory.forSweep(), clock.instant());
    }

    /** Copies what is missing for every in-scope database, then applies retention. */
    public RunSummary sweep(TimeBudget budget) {
        return sweep(budget, false);
    }

    private RunSummary sweep(TimeBudget budget, boolean followUp) {
        return sweepInto(recorder(followUp ? Invocations.FOLLOW_UP : "sweep"), budget, followUp);
    }

    private RunSummary sweepInto(RunRecorder recorder, TimeBudget budget, boolean followUp) {
        Plan plan;
        try {
            plan = planSweep();
        } catch (RdsCallException e) {
            recorder.failure("sweep could not read the inventory: " + e.getMessage(), e.errorCode(),
                    e.isTransient());
            return recorder.finish(clock.instant());
        }
        recorder.recoveryPoints(plan.recoveryPoints());
        recorder.vaultWait(plan.vaultWait());
        if (executor.execute(plan, recorder, budget) == 0) {
            recorder.sweepCompleted();
        }
        followUp(recorder, followUp);
        return recorder.finish(clock.instant());
    }

    /**
     * Keeps follow-up sweeps coming while copies wait, and stops them when a follow-up finds none waiting. A run that
     * the rule itself started leaves it on. A failure is logged and counted, never fatal: the scheduled sweep still
     * finds every waiting copy.
     */
    private void followUp(RunRecorder recorder, boolean isFollowUp) {
        if (followUps == null || dryRun) {
            return;
        }
        if (recorder.hasWaitingCopies() && !isFollowUp) {
            followUps.enable().ifPresentOrElse(
                    e -> recorder.followUp("follow_up_failed", "could not enable rule " + followUps.name()
                            + "; waiting copies start at the next scheduled sweep: " + e, true),
                    () -> recorder.followUp("follow_up_requested", "copies wait; rule " + followUps.name()
                            + " starts a sweep every " + Invocations.FOLLOW_UP_INTERVAL_MINUTES + " minutes", false));
        } else if (!recorder.hasWaitingCopies() && isFollowUp) {
            followUps.disable().ifPresentOrElse(
                    e -> recorder.followUp("follow_up_failed", "could not disable rule " + followUps.name()
                            + "; the next follow-up tries again: " + e, true),
                    () -> recorder.followUp("follow_up_done", "no copy waits; rule " + followUps.name()
                            + " is off", false));
        }
    }

    /**
     * True when the follow-up rule is on, i.e. copies wait for a slot. Unknown (no rule, or DescribeRule failed,
     * which is logged and counted) is false: the event then copies its own snapshot, within the caps.
     */
    private boolean copiesWait(RunRecorder recorder) {
        if (followUps == null) {
            return false;
        }
        FollowUpRule.Result<Boolean> state = followUps.isEnabled();
        if (state.error() != null) {
            recorder.followUp("follow_up_failed", "could not read rule " + followUps.name() + "; copying as if no"
                    + " copy waited: " + state.error(), true);
            return false;
        }
        return state.value();
    }

    /** Copies the snapshots the notifications name; ignored and invalid ones are logged and counted. */
    public RunSummary notifications(List<Notification> notifications, TimeBudget budget) {
        RunRecorder recorder = recorder("event");
        Map<String, Notification.SnapshotCreated> wanted = new LinkedHashMap<>();
        for (Notification notification : notifications) {
            Notification filtered = filter(notification);
            recorder.notification(filtered);
            if (filtered instanceof Notification.SnapshotCreated created) {
                wanted.putIfAbsent(created.snapshotArn().value(), created);
            }
        }
        if (wanted.isEmpty()) {
            return recorder.finish(clock.instant());
        }
        List<Snapshot> snapshots = new ArrayList<>();
        List<SourceDatabase> databases = new ArrayList<>();
        Set<SnapshotKind> kinds = EnumSet.noneOf(SnapshotKind.class);
        for (Notification.SnapshotCreated created : wanted.values()) {
            try {
                var snapshot = source.describeSnapshot(created.kind(), created.snapshotArn().identifier());
                if (snapshot.isEmpty()) {
                    recorder.notification(new Notification.Ignored(created.messageId(), created.eventId(),
                            "snapshot " + created.snapshotArn() + " no longer exists"));
                    continue;
                }
                snapshots.add(snapshot.get());
                kinds.add(created.kind());
                // The tag filter, replica and backup rules need the database itself.
                source.describeDatabase(created.kind(), snapshot.get().dbIdentifier()).ifPresent(databases::add);
            } catch (RdsCallException e) {
                recorder.failure("describing " + created.snapshotArn() + " failed: " + e.getMessage(),
                        e.errorCode(), e.isTransient());
            }
        }
        if (!snapshots.isEmpty()) {
            try {
                List<Snapshot> targets = inventory.targetSnapshots(kinds);
                if (planner.hasFreeSlot(policy, targets, kinds) && copiesWait(recorder)) {
                    // Copies wait and a slot is free: it goes to the database furthest behind, as in a follow-up,
                    // not to this fresh snapshot.
                    return sweepInto(recorder, budget, false);
                }
                Inventory inv = new Inventory(databases, snapshots, targets, inventory.optionGroupsOf(snapshots));
                executor.execute(planner.planEvents(policy, inv, clock.instant()), recorder, budget);
                followUp(recorder, false);
            } catch (RdsCallException e) {
                recorder.failure("reading the snapshots of " + policy.targetRegion() + " failed: "
                        + e.getMessage(), e.errorCode(), e.isTransient());
            }
        }
        return recorder.finish(clock.instant());
    }

    /** Events for kinds or types this installation does not copy are ignored before any call is made. */
    private Notification filter(Notification notification) {
        if (notification instanceof Notification.SnapshotCreated c) {
            if (!policy.replicates(c.kind())) {
                return new Notification.Ignored(c.messageId(), c.eventId(),
                        "Aurora cluster snapshots are not copied (" + Settings.INCLUDE_AURORA.label() + " is false)");
            }
            if (c.manual() && !policy.copyManualSnapshots()) {
                return new Notification.Ignored(c.messageId(), c.eventId(),
                        "manual snapshots are not copied (" + Settings.COPY_MANUAL_SNAPSHOTS.label() + " is false)");
            }
        }
        return notification;
    }

    private RunRecorder recorder(String trigger) {
        return new RunRecorder(out, policy.replicationId(), policy.sourceRegion(), policy.targetRegion(), trigger,
                dryRun);
    }
}
