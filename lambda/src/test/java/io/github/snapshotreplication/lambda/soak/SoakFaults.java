package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.FaultInjector;
import io.github.snapshotreplication.lambda.engine.TimeBudget;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Arms one random fault for the next invocation, the engine's or the vault's, and disarms it afterwards: errors the
 * SDK retries (throttling, 5xx), errors it does not (quota, KMS denied), a cut-off endpoint, a Lambda about to time
 * out, an EventBridge that cannot switch the follow-up rule, a hand-over to the vault refused (sharing, or tagging
 * throttled past the SDK's retries). The fake injects faults by action, not by account: the engine and the vault
 * meet the same kinds.
 */
final class SoakFaults {

    /**
     * The fault armed for one invocation. {@code NONE} means the invocation runs clean. The restore drill's runs meet
     * their own set ({@link #armDrill}): the SDK's errors, cut-offs and time budget, the region's DB instance and
     * cluster quotas reached, its ledger writes throttled past the SDK's retries, and runs lost altogether.
     */
    enum Kind { NONE, THROTTLING, SERVER_ERRORS, UNAVAILABLE_BURST, SNAPSHOT_QUOTA, COPY_QUOTA_LOWERED, KMS_DENIED,
        CUT_OFF, TIME_BUDGET, FOLLOW_UP_RULE_UNAVAILABLE, HAND_OVER_REFUSED, DATABASE_QUOTA, LEDGER_REFUSED,
        RUN_LOST }

    private static final Kind[] FAULTS = {Kind.THROTTLING, Kind.SERVER_ERRORS, Kind.UNAVAILABLE_BURST,
        Kind.SNAPSHOT_QUOTA, Kind.COPY_QUOTA_LOWERED, Kind.KMS_DENIED, Kind.CUT_OFF, Kind.TIME_BUDGET,
        Kind.FOLLOW_UP_RULE_UNAVAILABLE, Kind.HAND_OVER_REFUSED};
    private static final Kind[] DRILL_FAULTS = {Kind.THROTTLING, Kind.SERVER_ERRORS, Kind.UNAVAILABLE_BURST,
        Kind.CUT_OFF, Kind.TIME_BUDGET, Kind.DATABASE_QUOTA, Kind.LEDGER_REFUSED, Kind.RUN_LOST};
    private static final String[] HAND_OVER = {"ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute",
        "AddTagsToResource"};

    private final FakeRdsServer rds;
    private final FakeRegion target;
    private final Random random;

    SoakFaults(FakeRdsServer rds, FakeRegion target, Random random) {
        this.rds = rds;
        this.target = target;
        this.random = random;
    }

    /** With probability {@code p}, arms a random fault; returns it with the time budget the invocation gets. */
    Armed arm(double p) {
        if (random.nextDouble() >= p) {
            return Armed.NONE;
        }
        return arm(FAULTS[random.nextInt(FAULTS.length)]);
    }

    /**
     * With probability {@code p}, arms a random fault for a run of the restore drill; {@code RUN_LOST} arms nothing:
     * the run is not invoked at all (a Lambda invocation lost).
     */
    Armed armDrill(double p) {
        if (random.nextDouble() >= p) {
            return Armed.NONE;
        }
        Kind kind = DRILL_FAULTS[random.nextInt(DRILL_FAULTS.length)];
        return switch (kind) {
            case CUT_OFF -> {
                rds.faults().cutOffAfter(random.nextInt(12));
                yield new Armed(kind, TimeBudget.unlimited());
            }
            case DATABASE_QUOTA -> {
                // RDS counts the databases being created or deleted too: no room for one more.
                target.setDbInstanceQuota(target.dbInstances().size());
                target.setDbClusterQuota(target.dbClusters().size());
                yield new Armed(kind, TimeBudget.unlimited());
            }
            case LEDGER_REFUSED -> {
                refuseHandOver("AddTagsToResource");
                yield new Armed(kind, TimeBudget.unlimited());
            }
            case RUN_LOST -> new Armed(kind, TimeBudget.unlimited());
            default -> arm(kind);
        };
    }

    private Armed arm(Kind kind) {
        FaultInjector faults = rds.faults();
        String copy = random.nextBoolean() ? "CopyDBSnapshot" : "CopyDBClusterSnapshot";
        TimeBudget budget = TimeBudget.unlimited();
        switch (kind) {
            case THROTTLING -> faults.failWithProbability(FaultInjector.ANY_ACTION, 0.3, FakeError.THROTTLING,
                    random.nextLong());
            case SERVER_ERRORS -> faults.failWithProbability(FaultInjector.ANY_ACTION, 0.25,
                    FakeError.INTERNAL_FAILURE, random.nextLong());
            case UNAVAILABLE_BURST -> faults.failNext(FaultInjector.ANY_ACTION, 1 + random.nextInt(6),
                    FakeError.SERVICE_UNAVAILABLE);
            case SNAPSHOT_QUOTA -> faults.failNext(copy, 1 + random.nextInt(3), FakeError.SNAPSHOT_QUOTA_EXCEEDED);
            case COPY_QUOTA_LOWERED -> {
                target.setCopyQuota(1);
                target.setClusterCopyQuota(1);
            }
            case KMS_DENIED -> faults.failNext(copy, 1 + random.nextInt(3), FakeError.KMS_KEY_NOT_ACCESSIBLE);
            case CUT_OFF -> faults.cutOffAfter(random.nextInt(20));
            case TIME_BUDGET -> budget = budgetForActions(random.nextInt(4));
            // More failures than the SDK retries: the rule stays as it was until a later run.
            case FOLLOW_UP_RULE_UNAVAILABLE -> rds.eventBridge().failNext(100);
            case HAND_OVER_REFUSED -> refuseHandOver(HAND_OVER[random.nextInt(HAND_OVER.length)]);
            default -> throw new IllegalStateException(kind.name());
        }
        return new Armed(kind, budget);
    }

    /** Sharing refused (the share limit), or tagging throttled more times than the SDK retries. */
    private void refuseHandOver(String action) {
        if (action.equals("AddTagsToResource")) {
            rds.faults().failNext(action, 5 + random.nextInt(6), FakeError.THROTTLING);
        } else {
            rds.faults().failNext(action, 1 + random.nextInt(3), FakeError.SHARED_SNAPSHOT_QUOTA_EXCEEDED);
        }
    }

    /** Removes every rule and restores the fake's default in-flight and database quotas. */
    void disarm() {
        rds.faults().clear();
        rds.eventBridge().failNext(0);
        target.setCopyQuota(FakeRegion.DEFAULT_COPY_QUOTA);
        target.setClusterCopyQuota(FakeRegion.DEFAULT_CLUSTER_COPY_QUOTA);
        target.setDbInstanceQuota(Integer.MAX_VALUE);
        target.setDbClusterQuota(Integer.MAX_VALUE);
    }

    /** A budget that reads "plenty of time" {@code actions} times, then "about to time out". */
    private static TimeBudget budgetForActions(int actions) {
        AtomicInteger left = new AtomicInteger(actions);
        return TimeBudget.of(() -> left.getAndDecrement() > 0 ? 600_000L : 1_000L, Duration.ofSeconds(40));
    }

    /** The fault of one invocation. */
    record Armed(Kind kind, TimeBudget budget) {
        static final Armed NONE = new Armed(Kind.NONE, TimeBudget.unlimited());

        boolean clean() {
            return kind == Kind.NONE;
        }
    }
}
