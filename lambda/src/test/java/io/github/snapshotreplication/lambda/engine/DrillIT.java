package io.github.snapshotreplication.lambda.engine;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.ACCOUNT;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.SOURCE_KEY;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.output.DrillRecorder;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Restore drills end to end through the real SDK against the fake RDS: copies made by the replication engine are
 * restored, waited for, checked, recorded and deleted; each failure cause ends a drill with its cause and leaves
 * nothing behind; nothing that is not the drill's is ever created, changed or deleted.
 */
class DrillIT {

    private static final String DRILL_START = CopyIdentifiers.drillIdentifierStart(FakeRdsHarness.REPLICATION_ID);
    private static final Duration ADVANCE = Duration.ofMinutes(5);

    private final FakeRdsHarness fake = new FakeRdsHarness();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aDrillRestoresTheNewestCopyWaitsChecksRecordsAndDeletesEverything() {
        replicateInstance("orders", true);
        fake.targetRegion().restoreTiming(Duration.ofMinutes(23), Duration.ofMinutes(4));
        DrillEngine drill = fake.drillEngine();

        RunSummary round = drill.run(true, TimeBudget.unlimited());

        assertThat(round.hasTransientFailures()).isFalse();
        DbInstance restoring = fake.targetRegion().dbInstance(DRILL_START + "db-orders").orElseThrow();
        assertThat(restoring.status()).isEqualTo("creating");
        assertThat(restoring.publiclyAccessible()).isFalse();
        assertThat(restoring.deletionProtection()).isFalse();
        assertThat(restoring.dbSubnetGroupName()).isEqualTo(FakeRdsHarness.DRILL_SUBNET_GROUP);
        assertThat(restoring.vpcSecurityGroupIds()).containsExactly(FakeRdsHarness.DRILL_SECURITY_GROUP);
        assertThat(restoring.dbInstanceClass()).isEqualTo("db.t4g.micro");
        assertThat(restoring.tags()).containsEntry(TagKeys.DRILL, FakeRdsHarness.REPLICATION_ID)
                .doesNotContainKey(TagKeys.MANAGED_BY);

        int runs = advanceUntil(drill, () -> !fake.lines("drill_passed").isEmpty());

        assertThat(runs).as("advance runs until the drill passed").isEqualTo(5);
        Map<String, Object> passed = fake.lines("drill_passed").get(0);
        assertThat(passed).containsEntry("db_id", "orders")
                .containsEntry("restore_duration_seconds", (int) Duration.ofMinutes(25).toSeconds());
        DbSnapshot copy = newestCopy("orders");
        assertThat(copy.tags()).containsKeys(TagKeys.DRILL_PASSED_AT, TagKeys.DRILL_ENDED_AT,
                TagKeys.DRILL_REQUESTED_AT, TagKeys.DRILL_FIRST_REQUESTED_AT);
        assertThat(emf(MetricNames.DRILLS_SUCCEEDED)).anySatisfy(doc -> assertThat(doc)
                .containsEntry(MetricNames.DIMENSION_DB_IDENTIFIER, "orders")
                .containsEntry(MetricNames.RESTORE_DURATION_SECONDS, 1500));

        fake.advance(Duration.ofMinutes(5));
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).isEmpty();
        assertThat(fake.lines("drill_passed")).as("counted once").hasSize(1);
        List<Map<String, Object>> summaries = fake.lines("summary");
        assertThat(summaries.get(summaries.size() - 2)).as("the run that deleted it").containsEntry("drills_alive", 1);
        assertThat(summaries.get(summaries.size() - 1)).containsEntry("drills_alive", 0);
        assertOnlyDrillResourcesWereTouched();
    }

    @Test
    void anAuroraDrillRestoresTheClusterAddsItsInstanceAndDeletesBoth() {
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("ledger").engineVersion("16.4").build());
        fake.sourceRegion().addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("rds:ledger-h2")
                .dbClusterIdentifier("ledger").snapshotType("automated").engineVersion("16.4")
                .createdAt(FakeRdsHarness.NOW.minus(Duration.ofHours(2))).storageEncrypted(true)
                .kmsKeyId(SOURCE_KEY).build());
        fake.engine("INCLUDE_AURORA_CLUSTERS", "true").sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        fake.targetRegion().restoreTiming(Duration.ofMinutes(12), Duration.ofMinutes(3));
        DrillEngine drill = fake.drillEngine();

        drill.run(true, TimeBudget.unlimited());
        advanceUntil(drill, () -> !fake.lines("drill_passed").isEmpty());

        assertThat(fake.rds.mutatingRequests()).extracting(RecordedRequest::action)
                .containsSubsequence("RestoreDBClusterFromSnapshot", "CreateDBInstance", "DeleteDBInstance",
                        "DeleteDBCluster");
        DbCluster restored = fake.targetRegion().dbCluster(DRILL_START + "cl-ledger").orElseThrow();
        assertThat(restored.engineVersion()).isEqualTo("16.4");
        assertThat(restored.kmsKeyId()).isEqualTo(TARGET_KEY);
        fake.advance(Duration.ofMinutes(10));
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.targetRegion().dbCluster(DRILL_START + "cl-ledger")).isEmpty();
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "cl-ledger")).isEmpty();
        assertOnlyDrillResourcesWereTouched();
    }

    @Test
    void eachRefusedRestoreEndsTheDrillWithItsCauseAndLeavesNothing() {
        replicateInstance("kms", true);
        replicateInstance("quota", false);
        DrillEngine drill = fake.drillEngine("DRILL_MAX_CONCURRENT", "5");
        fake.targetRegion().makeKmsKeyInaccessible(TARGET_KEY);
        fake.targetRegion().setDbInstanceQuota(0);

        drill.run(true, TimeBudget.unlimited());

        assertThat(fake.lines("drill_failed")).extracting(l -> l.get("db_id") + ":" + l.get("cause"))
                .containsExactlyInAnyOrder("kms:kms-key", "quota:quota");
        assertThat(fake.lines("drill_failed")).allSatisfy(l -> assertThat((String) l.get("reason"))
                .contains("docs/runbook.md#drill-"));
        assertThat(fake.targetRegion().dbInstances()).isEmpty();
        assertThat(emf(MetricNames.DRILLS_FAILED)).hasSize(3);  // the counters and one per database

        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.lines("drill_failed")).as("a refused drill waits for the next round").hasSize(2);
    }

    @Test
    void aMissingSubnetGroupAndARetiredEngineVersionAreNamed() {
        replicateInstance("retired", false);
        DrillEngine drill = fake.drillEngine("DRILL_SUBNET_GROUP", "no-such-group");
        drill.run(true, TimeBudget.unlimited());
        assertThat(fake.lines("drill_failed")).singleElement().satisfies(l ->
                assertThat(l).containsEntry("cause", "subnet-group"));

        fake.clearOutput();
        DrillEngine fixed = fake.drillEngine();
        fake.targetRegion().restoreFaults().retireEngineVersion("postgres", "16.4");
        fake.advance(Duration.ofDays(7));
        fixed.run(true, TimeBudget.unlimited());
        assertThat(fake.lines("drill_failed")).singleElement().satisfies(l ->
                assertThat(l).containsEntry("cause", "engine-version"));
    }

    @Test
    void aDatabaseThatEndsInAFailureStatusOrNeverComesUpIsFailedAndDeleted() {
        replicateInstance("options", false);
        replicateInstance("stuck", false);
        fake.targetRegion().restoreTiming(Duration.ofMinutes(10), Duration.ZERO);
        fake.targetRegion().restoreFaults().endIn(DRILL_START + "db-options", "incompatible-option-group")
                .neverFinish(DRILL_START + "db-stuck");
        DrillEngine drill = fake.drillEngine("DRILL_MAX_DURATION", "PT1H");

        drill.run(true, TimeBudget.unlimited());
        advanceUntil(drill, () -> fake.lines("drill_failed").size() == 2);

        assertThat(fake.lines("drill_failed")).extracting(l -> l.get("db_id") + ":" + l.get("cause"))
                .containsExactly("options:option-group", "stuck:timeout");
        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.targetRegion().dbInstances()).isEmpty();
    }

    @Test
    void aLostLedgerWriteKeepsTheDatabasesAndTheNextRunRecordsTheOutcomeOnce() {
        replicateInstance("orders", false);
        DrillEngine drill = fake.drillEngine();
        drill.run(true, TimeBudget.unlimited());
        fake.rds.faults().failNext("AddTagsToResource", 10, FakeError.THROTTLING);

        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());

        assertThat(fake.lines("drill_passed")).isEmpty();
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).isPresent();
        fake.rds.faults().clear();
        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.lines("drill_passed")).hasSize(1);
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).isEmpty();
    }

    @Test
    void aDrillPastItsCapIsDeletedEvenWhenItsOutcomeCannotBeRecorded() {
        replicateInstance("orders", false);
        fake.targetRegion().restoreFaults().neverFinish(DRILL_START + "db-orders");
        DrillEngine drill = fake.drillEngine("DRILL_MAX_DURATION", "PT1H");
        drill.run(true, TimeBudget.unlimited());
        fake.rds.faults().failWithProbability("AddTagsToResource", 1.0, FakeError.INVALID_PARAMETER_VALUE, 1);

        fake.advance(Duration.ofMinutes(30));
        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).as("within the cap: waits")
                .isPresent();
        fake.advance(Duration.ofMinutes(35));
        drill.run(false, TimeBudget.unlimited());

        assertThat(fake.lines("drill_ledger_failed")).isNotEmpty();
        assertThat(fake.lines("drill_failed")).singleElement().satisfies(l ->
                assertThat(l).containsEntry("cause", "timeout"));
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).isEmpty();
    }

    @Test
    void aDrillPastItsCapWhoseLedgerAndDeleteBothFailIsCountedOnceWhenItIsFinallyDeleted() {
        replicateInstance("orders", false);
        fake.targetRegion().restoreFaults().neverFinish(DRILL_START + "db-orders");
        DrillEngine drill = fake.drillEngine("DRILL_MAX_DURATION", "PT1H");
        drill.run(true, TimeBudget.unlimited());
        fake.advance(Duration.ofMinutes(65));
        fake.rds.faults().failNext("AddTagsToResource", 10, FakeError.THROTTLING);
        fake.rds.faults().failNext("DeleteDBInstance", 10, FakeError.THROTTLING);

        drill.run(false, TimeBudget.unlimited());
        assertThat(fake.lines("drill_failed")).as("not counted while nothing marks it ended").isEmpty();
        fake.rds.faults().clear();
        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());
        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());

        assertThat(fake.lines("drill_failed")).singleElement().satisfies(l ->
                assertThat(l).containsEntry("cause", "timeout").containsEntry("drill_kind", "db-instance")
                        .containsEntry("drill_database", DRILL_START + "db-orders"));
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).isEmpty();
    }

    @Test
    void aDryRunPlansAndLogsButNeverCreatesTagsOrDeletes() {
        replicateInstance("orders", false);
        fake.rds.clearRequests();
        DrillEngine drill = fake.drillEngine("DRY_RUN", "true");

        drill.run(true, TimeBudget.unlimited());
        fake.advance(ADVANCE);
        drill.run(false, TimeBudget.unlimited());

        assertThat(fake.lines("drill_planned")).isNotEmpty();
        assertThat(fake.rds.mutatingRequests()).isEmpty();
        assertThat(fake.targetRegion().dbInstances()).isEmpty();
    }

    @Test
    void aRunThatActsOnWhatAnotherRunJustDeletedCountsNoCleanupFailure() {
        replicateInstance("orders", false);
        fake.targetRegion().restoreTiming(Duration.ZERO, Duration.ofMinutes(10));
        DrillEngine drill = fake.drillEngine();
        drill.run(true, TimeBudget.unlimited());
        fake.advance(ADVANCE);
        DrillPlan stale = drill.plan(false);

        drill.run(false, TimeBudget.unlimited());
        DrillRecorder recorder = new DrillRecorder(fake.out(), FakeRdsHarness.REPLICATION_ID, FakeRdsHarness.TARGET,
                "drill-advance", false);
        new DrillExecutor(fake.drillGateway(), DrillSettings.fromEnvironment(FakeRdsHarness.env(
                "DRILL_SUBNET_GROUP", FakeRdsHarness.DRILL_SUBNET_GROUP, "DRILL_SECURITY_GROUP_IDS",
                "[\"" + FakeRdsHarness.DRILL_SECURITY_GROUP + "\"]")).policy(), false)
                .execute(stale, recorder, TimeBudget.unlimited());

        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-orders")).hasValueSatisfying(db ->
                assertThat(db.status()).isEqualTo("deleting"));
        assertThat(fake.lines("drill_cleanup_failed")).isEmpty();
        assertThat(recorder.finish(FakeRdsHarness.NOW).count(MetricNames.DRILL_CLEANUP_FAILURES)).isZero();
    }

    @Test
    void databasesThatAreNotTheDrillsAreNeverTouchedEvenWhenNamedOrTaggedLikeIt() {
        replicateInstance("orders", false);
        fake.targetRegion().addDbInstance(DbInstance.builder().identifier(DRILL_START + "db-imposter").build());
        fake.targetRegion().addDbInstance(DbInstance.builder().identifier("users-restore")
                .tags(Map.of(TagKeys.DRILL, FakeRdsHarness.REPLICATION_ID)).build());
        DrillEngine drill = fake.drillEngine();

        drill.run(true, TimeBudget.unlimited());
        advanceUntil(drill, () -> fake.targetRegion().dbInstance(DRILL_START + "db-orders").isEmpty());

        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-imposter")).isPresent();
        assertThat(fake.targetRegion().dbInstance("users-restore")).isPresent();
        assertThat(fake.lines("drill_look_alike_ignored")).isNotEmpty();
        assertOnlyDrillResourcesWereTouched();
    }

    // --- helpers ---

    private void replicateInstance(String db, boolean encrypted) {
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier(db).engineVersion("16.4").build());
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:" + db + "-h2")
                .dbInstanceIdentifier(db).snapshotType("automated").engineVersion("16.4")
                .createdAt(FakeRdsHarness.NOW.minus(Duration.ofHours(2))).encrypted(encrypted)
                .kmsKeyId(encrypted ? SOURCE_KEY : null).build());
        fake.engine().sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
    }

    private DbSnapshot newestCopy(String db) {
        return fake.targetRegion().dbSnapshots().stream().filter(s -> db.equals(s.dbInstanceIdentifier()))
                .findFirst().orElseThrow();
    }

    /** Advance runs, {@link #ADVANCE} apart, until {@code done}; returns how many ran. */
    private int advanceUntil(DrillEngine drill, java.util.function.BooleanSupplier done) {
        int runs = 0;
        while (!done.getAsBoolean()) {
            assertThat(runs++).as("runs before giving up").isLessThan(100);
            fake.advance(ADVANCE);
            drill.run(false, TimeBudget.unlimited());
        }
        return runs;
    }

    private List<Map<String, Object>> emf(String metric) {
        return fake.lines().stream().filter(l -> l.containsKey("_aws") && l.containsKey(metric)).toList();
    }

    /** Every create, change or delete in the target region names a drill database or one of our copies. */
    private void assertOnlyDrillResourcesWereTouched() {
        String copyStart = CopyIdentifiers.identifierStart(FakeRdsHarness.REPLICATION_ID);
        assertThat(fake.rds.mutatingRequests()).filteredOn(r -> FakeRdsHarness.TARGET.equals(r.region()))
                .allSatisfy(r -> {
                    String target = r.target().substring(r.target().lastIndexOf(':') + 1);
                    assertThat(target).as(r.action() + " " + r.target()).satisfiesAnyOf(
                            t -> assertThat(t).startsWith(DRILL_START),
                            t -> assertThat(t).startsWith(copyStart));
                });
        assertThat(ACCOUNT).isNotBlank();
    }
}
