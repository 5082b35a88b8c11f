package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.NOW;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.SOURCE;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET_KEY;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.copyIdOf;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.sourceArn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sweeps end to end against the fake: catch-up copies, the in-flight quota, pagination, faults, retention, Aurora.
 */
class SweepIT {

    private final FakeRdsHarness fake = new FakeRdsHarness();

    @AfterEach
    void stop() {
        fake.close();
    }

    private long targetPending() {
        return fake.targetRegion().dbSnapshots().stream().filter(DbSnapshot::isPending).count();
    }

    @Test
    void copiesTheNewestSnapshotOfEachDatabaseNeverExceedingTheQuota() {
        for (int i = 0; i < 7; i++) {
            fake.addInstanceWithSnapshots("db" + i, true, 1, 25);
        }
        ReplicationEngine engine = fake.engine("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "3");

        int sweeps = 0;
        while (fake.targetRegion().dbSnapshots().size() < 7 && sweeps++ < 10) {
            RunSummary summary = engine.sweep(TimeBudget.unlimited());
            assertThat(targetPending()).isLessThanOrEqualTo(3);
            assertThat(summary.count(MetricNames.COPIES_STARTED) + summary.count(MetricNames.COPIES_DEFERRED))
                    .isGreaterThan(0);
            fake.targetRegion().completePendingCopies(2);
        }

        assertThat(sweeps).isEqualTo(3);
        for (int i = 0; i < 7; i++) {
            assertThat(fake.copiesOf(sourceArn("rds:db" + i + "-h1"))).hasSize(1);
            assertThat(fake.copiesOf(sourceArn("rds:db" + i + "-h25"))).isEmpty();
        }
        assertThat(fake.rds.requests().stream().filter(r -> r.action().equals("CopyDBSnapshot")))
                .allSatisfy(r -> assertThat(r.param("KmsKeyId")).isEqualTo(TARGET_KEY));
    }

    @Test
    void readsWithPaginatedDescribesNeverOnePerDatabase() {
        for (int i = 0; i < 130; i++) {
            fake.addInstanceWithSnapshots(String.format("db%03d", i), false, 1, 2);
        }

        fake.engine("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "1").sweep(TimeBudget.unlimited());

        List<RecordedRequest> sourceSnapshotPages = fake.rds.requests().stream()
                .filter(r -> r.region().equals(SOURCE) && r.action().equals("DescribeDBSnapshots")).toList();
        assertThat(sourceSnapshotPages).hasSize(3).allSatisfy(r -> assertThat(r.param("MaxRecords")).isEqualTo("100"));
        assertThat(fake.rds.count("DescribeDBInstances")).isEqualTo(2);
        assertThat(fake.rds.requests().stream().filter(r -> r.region().equals(TARGET))
                .filter(r -> r.action().equals("DescribeDBSnapshots"))).hasSize(1);
    }

    @Test
    void theManualSnapshotQuotaIsACopyFailureWithQuotaAdviceAndTheOtherCopiesGoOn() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.addInstanceWithSnapshots("users", false, 1);
        fake.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier("someone-s-manual-snapshot").build());
        fake.targetRegion().setManualSnapshotQuota(2);

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPIES_DEFERRED)).isZero();
        assertThat(summary.count(MetricNames.DELETES)).isZero();
        assertThat(summary.hasTransientFailures()).isFalse();
        assertThat(fake.lines("copy_failed")).singleElement().satisfies(l -> assertThat((String) l.get("reason"))
                .contains("manual snapshot quota").contains("Service Quotas").contains("Nothing is deleted")
                .doesNotContain("RETENTION").doesNotContain("retention"));
    }

    @Test
    void fullCopySlotsOfRdsAreADeferralNotAFailure() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.addInstanceWithSnapshots("users", false, 1);
        fake.targetRegion().setCopyQuota(1);

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPY_FAILURES)).isZero();
        assertThat(summary.count(MetricNames.COPY_BACKLOG)).isEqualTo(1);
        assertThat(fake.lines("copy_deferred")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("waits_for", "copy_slot").containsEntry("error_code", "SnapshotQuotaExceeded"));
    }

    @Test
    void aQuotaErrorNamingNeitherCauseWaitsAndAlerts() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.rds.faults().failNext("CopyDBSnapshot", 1, FakeError.SNAPSHOT_QUOTA_EXCEEDED);

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(fake.lines("copy_deferred")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("level", "ERROR"));
    }

    @Test
    void aSweepCutOffAfterAnyNumberOfCallsConvergesOnRerun() {
        for (int cut = 0; cut <= 12; cut++) {
            try (FakeRdsHarness run = new FakeRdsHarness()) {
                for (int i = 0; i < 4; i++) {
                    run.addInstanceWithSnapshots("db" + i, i % 2 == 0, 1, 30, 60);
                }
                seedOldCopies(run, "db0", 3);
                run.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier("db0-h100-eu-west-1")
                        .dbInstanceIdentifier("db0").createdAt(NOW.minus(Duration.ofDays(30))).build());
                ReplicationEngine engine = run.engine("RETENTION_KEEP_LAST", "2");
                run.rds.faults().cutOffAfter(cut);

                engine.sweep(TimeBudget.unlimited());
                run.rds.faults().clear();
                run.targetRegion().completePendingCopies();
                engine.sweep(TimeBudget.unlimited());
                run.targetRegion().completePendingCopies();
                RunSummary last = engine.sweep(TimeBudget.unlimited());

                for (int i = 0; i < 4; i++) {
                    assertThat(run.copiesOf(sourceArn("rds:db" + i + "-h1"))).as("cut after %d", cut).hasSize(1);
                }
                assertThat(run.targetRegion().dbSnapshot("db0-h100-eu-west-1")).as("unmanaged kept").isPresent();
                assertThat(run.copiesOf(sourceArn("rds:db0-old-1"))).as("kept: second newest").hasSize(1);
                assertThat(last.count(MetricNames.COPIES_STARTED)).isZero();
                assertThat(last.count(MetricNames.SWEEPS_COMPLETED)).isEqualTo(1);
            }
        }
    }

    /** Copies of old db snapshots that this installation made earlier (sources long gone). */
    private static void seedOldCopies(FakeRdsHarness run, String db, int count) {
        for (int n = 1; n <= count; n++) {
            String sourceId = "rds:" + db + "-old-" + n;
            Map<String, String> tags = Map.of(TagKeys.MANAGED_BY, REPLICATION_ID,
                    TagKeys.SOURCE_SNAPSHOT_ARN, sourceArn(sourceId), TagKeys.SOURCE_DB_IDENTIFIER, db,
                    TagKeys.SOURCE_REGION, SOURCE,
                    TagKeys.SOURCE_CREATED_AT, NOW.minus(Duration.ofDays(n)).toString());
            run.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier(copyIdOf(sourceArn(sourceId)))
                    .dbInstanceIdentifier(db).createdAt(NOW.minus(Duration.ofDays(n))).sourceRegion(SOURCE)
                    .sourceDbSnapshotIdentifier(sourceArn(sourceId)).tags(tags).build());
        }
    }

    @Test
    void retentionDeletesOnlyManagedExpiredCopies() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        seedOldCopies(fake, "orders", 4);
        fake.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier("orders-old-9-copy-by-hand")
                .dbInstanceIdentifier("orders").createdAt(NOW.minus(Duration.ofDays(90))).build());
        fake.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier("other-install-copy")
                .dbInstanceIdentifier("orders").createdAt(NOW.minus(Duration.ofDays(90)))
                .tags(Map.of(TagKeys.MANAGED_BY, "someone-else", TagKeys.SOURCE_DB_IDENTIFIER, "orders",
                        TagKeys.SOURCE_REGION, SOURCE, TagKeys.SOURCE_CREATED_AT, NOW.minus(Duration.ofDays(90))
                                .toString())).build());

        RunSummary summary = fake.engine("RETENTION_KEEP_LAST", "2").sweep(TimeBudget.unlimited());

        assertThat(fake.rds.requests().stream().filter(r -> r.action().equals("DeleteDBSnapshot"))
                .map(r -> r.param("DBSnapshotIdentifier")))
                .containsExactlyInAnyOrder(copyIdOf(sourceArn("rds:orders-old-3")),
                        copyIdOf(sourceArn("rds:orders-old-4")));
        assertThat(summary.count(MetricNames.DELETES)).isEqualTo(2);
        assertThat(fake.targetRegion().dbSnapshot("orders-old-9-copy-by-hand")).isPresent();
        assertThat(fake.targetRegion().dbSnapshot("other-install-copy")).isPresent();
    }

    @Test
    void copiesAuroraClustersWithKmsKeyOnlyWhenEncrypted() {
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("billing").build());
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("events").build());
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("graph").engine("neptune").build());
        String billing = fake.addClusterSnapshot("billing", true, 2);
        String events = fake.addClusterSnapshot("events", false, 3);
        fake.addClusterSnapshot("graph", false, 3);

        RunSummary summary = fake.engine("INCLUDE_AURORA_CLUSTERS", "true").sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(2);
        List<RecordedRequest> copies = fake.rds.requests().stream()
                .filter(r -> r.action().equals("CopyDBClusterSnapshot")).toList();
        assertThat(copies).hasSize(2);
        assertThat(copies).filteredOn(r -> r.param("SourceDBClusterSnapshotIdentifier").endsWith(billing))
                .singleElement().satisfies(r -> {
                    assertThat(r.param("KmsKeyId")).isEqualTo(TARGET_KEY);
                    assertThat(r.param("PreSignedUrl")).isNotBlank();
                    assertThat(r.param("TargetDBClusterSnapshotIdentifier").length()).isLessThanOrEqualTo(63);
                });
        assertThat(copies).filteredOn(r -> r.param("SourceDBClusterSnapshotIdentifier").endsWith(events))
                .singleElement().satisfies(r -> assertThat(r.param("KmsKeyId")).isNull());
        assertThat(fake.targetRegion().dbClusterSnapshots()).allSatisfy(s ->
                assertThat(s.tags()).containsEntry(TagKeys.MANAGED_BY, REPLICATION_ID));
    }

    @Test
    void dryRunMakesNoMutatingCall() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        seedOldCopies(fake, "orders", 4);

        RunSummary summary = fake.engine("DRY_RUN", "true", "RETENTION_KEEP_LAST", "1").sweep(TimeBudget.unlimited());

        assertThat(fake.rds.mutatingRequestCount()).isZero();
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(fake.lines("copy_planned")).hasSize(1);
        assertThat(fake.lines("delete_planned")).hasSize(3);
    }

    @Test
    void stopsStartingActionsWhenTimeRunsLowAndTheNextSweepFinishes() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.addInstanceWithSnapshots("users", false, 1);
        long[] remaining = {60_000};
        TimeBudget budget = TimeBudget.of(() -> remaining[0] -= 15_000, Duration.ofSeconds(40));
        ReplicationEngine engine = fake.engine();

        RunSummary first = engine.sweep(budget);
        RunSummary second = engine.sweep(TimeBudget.unlimited());

        assertThat(first.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(first.stoppedEarly()).isEqualTo(1);
        assertThat(first.count(MetricNames.SWEEPS_COMPLETED)).isZero();
        assertThat(second.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(second.count(MetricNames.COPIES_ALREADY_PRESENT)).isEqualTo(1);
        assertThat(second.count(MetricNames.SWEEPS_COMPLETED)).isEqualTo(1);
    }

    @Test
    void emitsRecoveryPointMetricsPerDatabase() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.addInstanceWithSnapshots("users", false, 1);
        seedOldCopies(fake, "orders", 2);

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.DATABASES_WITHOUT_COPY)).isEqualTo(1);
        Map<String, Object> orders = fake.lines().stream()
                .filter(l -> "orders".equals(l.get(MetricNames.DIMENSION_DB_IDENTIFIER))).findFirst().orElseThrow();
        assertThat(((Number) orders.get(MetricNames.NEWEST_COPY_AGE_SECONDS)).longValue())
                .isEqualTo(Duration.ofDays(1).getSeconds());
        assertThat(orders).containsEntry(MetricNames.DIMENSION_REPLICATION_ID, REPLICATION_ID).containsKey("_aws");
    }

    @Test
    void unmanagedLookAlikeInTheTargetRegionBlocksTheCopyWithAClearError() {
        List<String> ids = fake.addInstanceWithSnapshots("orders", false, 1);
        String expectedId = copyIdOf(sourceArn(ids.get(0)));
        fake.engine("DRY_RUN", "true").sweep(TimeBudget.unlimited());
        String targetId = (String) fake.lines("copy_planned").get(0).get("target_snapshot_id");
        assertThat(targetId).isEqualTo(expectedId);
        fake.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier(targetId).dbInstanceIdentifier("orders")
                .build());

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(fake.rds.mutatingRequestCount()).isZero();
        assertThat(fake.copiesOf(sourceArn(ids.get(0)))).isEmpty();
    }

    @Test
    void alreadyExistsForASnapshotThatIsNotOursIsAnError() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.rds.faults().failNext("CopyDBSnapshot", 1, FakeError.DB_SNAPSHOT_ALREADY_EXISTS);

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPIES_ALREADY_PRESENT)).isZero();
    }
}
