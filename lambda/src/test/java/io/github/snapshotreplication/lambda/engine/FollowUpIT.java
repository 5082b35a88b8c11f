package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.fakerds.FakeEventBridge;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.ACCOUNT;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.FOLLOW_UP_RULE;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follow-up sweeps: the run that leaves copies waiting turns the follow-up rule on (EnableRule through the real
 * SDK client against the fake's EventBridge), a follow-up that finds none waiting turns it off, an idle installation
 * makes no call at all, and a failure to schedule never fails the run.
 */
class FollowUpIT {

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private final EventParser parser = new EventParser(new ExpectedOrigin(SOURCE, ACCOUNT));
    private final InvocationEvent followUp = parser.parse(Fixtures.of(Invocations.FOLLOW_UP_INPUT));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theFollowUpInputIsAFollowUpSweep() {
        assertThat(followUp).isEqualTo(new InvocationEvent.Sweep(Invocations.FOLLOW_UP, true));
        assertThat(parser.parse(Fixtures.of("{\"action\":\"sweep\"}"))).isEqualTo(new InvocationEvent.Sweep("manual"));
    }

    @Test
    void waitingCopiesTurnTheRuleOnUntilAFollowUpFindsNoneWaiting() {
        for (String db : new String[] {"a", "b", "c"}) {
            fake.addInstanceWithSnapshots(db, false, 1);
        }
        ReplicationEngine engine = fake.engineWithFollowUps("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "2");

        RunSummary sweep = engine.sweep(TimeBudget.unlimited());

        assertThat(sweep.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(fake.rds.eventBridge().isEnabled(FOLLOW_UP_RULE)).isTrue();
        assertThat(fake.lines("follow_up_requested")).hasSize(1);

        fake.rds.eventBridge().clearCalls();
        RunSummary stillWaiting = engine.handle(followUp, TimeBudget.unlimited());

        assertThat(stillWaiting.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(fake.rds.eventBridge().calls()).as("the rule that started it stays on").isEmpty();

        fake.targetRegion().completePendingCopies();
        RunSummary caughtUp = engine.handle(followUp, TimeBudget.unlimited());

        assertThat(caughtUp.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(caughtUp.count(MetricNames.COPIES_DEFERRED)).isZero();
        assertThat(fake.rds.eventBridge().isEnabled(FOLLOW_UP_RULE)).as("nothing waits any more").isFalse();
        assertThat(fake.rds.eventBridge().calls()).extracting(FakeEventBridge.Call::operation,
                FakeEventBridge.Call::region).containsExactly(org.assertj.core.groups.Tuple.tuple("DisableRule",
                SOURCE));
        assertThat(fake.lines("follow_up_done")).hasSize(1);
    }

    @Test
    void anIdleInstallationMakesNoFollowUpCallAndNoExtraRdsCall() {
        fake.addInstanceWithSnapshots("a", false, 1);
        fake.engine().sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        fake.rds.clearRequests();
        fake.engine().sweep(TimeBudget.unlimited());
        long withoutFollowUps = fake.rds.requests().size();
        fake.rds.clearRequests();

        RunSummary idle = fake.engineWithFollowUps().sweep(TimeBudget.unlimited());

        assertThat(idle.count(MetricNames.COPIES_ALREADY_PRESENT)).isEqualTo(1);
        assertThat(fake.rds.requests()).hasSize((int) withoutFollowUps);
        assertThat(fake.rds.eventBridge().calls()).isEmpty();
    }

    @Test
    void aFailureToScheduleIsCountedAndNeverFailsTheRun() {
        fake.addInstanceWithSnapshots("a", false, 1);
        fake.addInstanceWithSnapshots("b", false, 1);
        fake.rds.eventBridge().failNext(100);

        RunSummary sweep = fake.engineWithFollowUps("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "1")
                .sweep(TimeBudget.unlimited());

        assertThat(sweep.count(MetricNames.FOLLOW_UP_FAILURES)).isEqualTo(1);
        assertThat(sweep.hasTransientFailures()).isFalse();
        assertThat(sweep.count(MetricNames.SWEEPS_COMPLETED)).isEqualTo(1);
        assertThat(fake.rds.eventBridge().calls()).as("the SDK retried").hasSizeGreaterThan(1);
        assertThat(fake.lines("follow_up_failed")).singleElement().satisfies(l -> assertThat((String) l.get("reason"))
                .contains("next scheduled sweep"));
    }

    @Test
    void anEventThatLeavesACopyWaitingTurnsTheRuleOnAndADryRunNever() {
        fake.addInstanceWithSnapshots("orders-db", false, 1);
        fake.targetRegion().setCopyQuota(0);
        InvocationEvent event = parser.parse(Fixtures.withMessage("sns-db-snapshot-automated-created.json", m -> {
            m.put("Source ID", "rds:orders-db-h1");
            m.put("Source ARN", FakeRdsHarness.sourceArn("rds:orders-db-h1"));
        }));

        fake.engineWithFollowUps("DRY_RUN", "true").handle(event, TimeBudget.unlimited());
        assertThat(fake.rds.eventBridge().calls()).extracting(FakeEventBridge.Call::operation)
                .as("a dry run reads the rule, never switches it").containsOnly("DescribeRule");

        RunSummary run = fake.engineWithFollowUps().handle(event, TimeBudget.unlimited());

        assertThat(run.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(fake.rds.eventBridge().isEnabled(FOLLOW_UP_RULE)).isTrue();
    }

    @Test
    void whileCopiesWaitAnEventGivesAFreeSlotToTheDatabaseFurthestBehind() {
        for (String db : new String[] {"a", "b"}) {
            fake.addInstanceWithSnapshots(db, false, 30);
        }
        ReplicationEngine engine = fake.engineWithFollowUps("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "1");
        engine.sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        assertThat(fake.rds.eventBridge().isEnabled(FOLLOW_UP_RULE)).as("b waits for a slot").isTrue();
        // The slot is free again, and a fresh snapshot of c arrives before the next follow-up.
        fake.addInstanceWithSnapshots("c", false, 1);
        fake.rds.eventBridge().clearCalls();

        RunSummary run = engine.handle(eventFor("rds:c-h1"), TimeBudget.unlimited());

        assertThat(run.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(fake.lines("copy_started")).last().satisfies(l -> assertThat(l.get("db_id")).isEqualTo("b"));
        assertThat(fake.lines("copy_deferred")).last().satisfies(l -> assertThat(l.get("db_id")).isEqualTo("c"));
        assertThat(fake.rds.eventBridge().calls()).extracting(FakeEventBridge.Call::operation)
                .startsWith("DescribeRule");

        // No free slot: the event reads no rule and defers its snapshot, which a follow-up copies in its turn.
        fake.rds.eventBridge().clearCalls();
        RunSummary full = engine.handle(eventFor("rds:c-h1"), TimeBudget.unlimited());

        assertThat(full.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(fake.rds.eventBridge().calls()).extracting(FakeEventBridge.Call::operation)
                .doesNotContain("DescribeRule");
        fake.targetRegion().completePendingCopies();
        engine.handle(followUp, TimeBudget.unlimited());
        assertThat(fake.lines("copy_started")).last().satisfies(l -> assertThat(l.get("db_id")).isEqualTo("c"));
    }

    private InvocationEvent eventFor(String snapshotId) {
        return parser.parse(Fixtures.withMessage("sns-db-snapshot-automated-created.json", m -> {
            m.put("Source ID", snapshotId);
            m.put("Source ARN", FakeRdsHarness.sourceArn(snapshotId));
        }));
    }
}
