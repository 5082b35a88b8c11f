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
 * Arms one random fault for the next invocation and disarms it afterwards: errors the SDK retries (throttling,
 * 5xx), errors it does not (quota, KMS denied), a cut-off endpoint, a Lambda about to time out, an EventBridge
 * that cannot switch the follow-up rule.
 */
final class SoakFaults {

    /** The fault armed for one invocation. {@code NONE} means the invocation runs clean. */
    enum Kind { NONE, THROTTLING, SERVER_ERRORS, UNAVAILABLE_BURST, SNAPSHOT_QUOTA, COPY_QUOTA_LOWERED, KMS_DENIED,
        CUT_OFF, TIME_BUDGET, FOLLOW_UP_RULE_UNAVAILABLE }

    private static final Kind[] FAULTS = {Kind.THROTTLING, Kind.SERVER_ERRORS, Kind.UNAVAILABLE_BURST,
        Kind.SNAPSHOT_QUOTA, Kind.COPY_QUOTA_LOWERED, Kind.KMS_DENIED, Kind.CUT_OFF, Kind.TIME_BUDGET,
        Kind.FOLLOW_UP_RULE_UNAVAILABLE};

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
            return new Armed(Kind.NONE, TimeBudget.unlimited());
        }
        Kind kind = FAULTS[random.nextInt(FAULTS.length)];
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
            default -> throw new IllegalStateException(kind.name());
        }
        return new Armed(kind, budget);
    }

    /** Removes every rule and restores the fake's default in-flight quotas. */
    void disarm() {
        rds.faults().clear();
        rds.eventBridge().failNext(0);
        target.setCopyQuota(FakeRegion.DEFAULT_COPY_QUOTA);
        target.setClusterCopyQuota(FakeRegion.DEFAULT_CLUSTER_COPY_QUOTA);
    }

    /** A budget that reads "plenty of time" {@code actions} times, then "about to time out". */
    private static TimeBudget budgetForActions(int actions) {
        AtomicInteger left = new AtomicInteger(actions);
        return TimeBudget.of(() -> left.getAndDecrement() > 0 ? 600_000L : 1_000L, Duration.ofSeconds(40));
    }

    /** The fault of one invocation. */
    record Armed(Kind kind, TimeBudget budget) {
        boolean clean() {
            return kind == Kind.NONE;
        }
    }
}
