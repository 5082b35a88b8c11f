package io.github.snapshotreplication.lambda.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.lambda.engine.FakeRdsHarness;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.packaging.LambdaLauncher.LauncherContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler fed every fixture file, end to end through the real SDK against the fake RDS endpoint.
 */
class SnapshotReplicationHandlerIT {

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private SnapshotReplicationHandler handler;

    @BeforeEach
    void givenTheSourceOfEveryFixture() {
        Instant taken = Instant.parse("2024-05-14T03:10:42.512Z");
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("orders-db").build());
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:orders-db-2024-05-14-03-10")
                .dbInstanceIdentifier("orders-db").snapshotType("automated").createdAt(taken).encrypted(true)
                .kmsKeyId(FakeRdsHarness.SOURCE_KEY).build());
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("orders-db-before-migration-42")
                .dbInstanceIdentifier("orders-db").snapshotType("manual").createdAt(taken.plusSeconds(60)).build());
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("billing-aurora").build());
        fake.sourceRegion().addDbClusterSnapshot(DbClusterSnapshot.builder()
                .identifier("rds:billing-aurora-2024-05-14-02-45").dbClusterIdentifier("billing-aurora")
                .snapshotType("automated").createdAt(taken).build());
        fake.sourceRegion().addDbClusterSnapshot(DbClusterSnapshot.builder()
                .identifier("billing-aurora-pre-release-2024-05-14").dbClusterIdentifier("billing-aurora")
                .snapshotType("manual").createdAt(taken).build());
        handler = new SnapshotReplicationHandler(fake.engine("INCLUDE_AURORA_CLUSTERS", "true",
                "COPY_MANUAL_SNAPSHOTS", "true"), FakeRdsHarness.SOURCE);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Map<String, Object> invoke(String fixture) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(Fixtures.open(fixture), out, LauncherContext.withRemainingMillis(300_000));
        return JSON.std.mapFrom(out.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sns-db-snapshot-automated-created.json, event, 1, 0, 0, 0",
            "sns-db-snapshot-manual-created.json, event, 1, 0, 0, 0",
            "sns-db-cluster-snapshot-automated-created.json, event, 1, 0, 0, 0",
            "sns-db-cluster-snapshot-manual-created.json, event, 1, 0, 0, 0",
            "eventbridge-rds-db-snapshot-event.json, event, 1, 0, 0, 0",
            "sns-db-instance-unrelated-event.json, event, 0, 1, 0, 0",
            "sns-subscription-confirmation-or-test-message.json, event, 0, 1, 0, 0",
            "eventbridge-scheduled-event.json, sweep, 2, 0, 0, 1"})
    void handlesEveryFixture(String fixture, String trigger, long copies, long ignored, long invalid, long sweeps)
            throws IOException {
        Map<String, Object> summary = invoke(fixture);

        assertThat(summary).containsEntry("trigger", trigger)
                .containsEntry("copies_started", (int) copies)
                .containsEntry("ignored_events", (int) ignored)
                .containsEntry("invalid_events", (int) invalid)
                .containsEntry("sweeps_completed", (int) sweeps);
        assertThat(fake.rds.count("CopyDBSnapshot") + fake.rds.count("CopyDBClusterSnapshot")).isEqualTo(copies);
    }

    @Test
    void aReplayedFixtureStartsNoSecondCopy() throws IOException {
        invoke("sns-db-snapshot-automated-created.json");
        Map<String, Object> replay = invoke("eventbridge-rds-db-snapshot-event.json");

        assertThat(replay).containsEntry("copies_started", 0).containsEntry("copies_already_present", 1);
    }

    @Test
    void invalidInputIsCountedAndDoesNotThrow() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(Fixtures.of("not json"), out, LauncherContext.withRemainingMillis(300_000));

        assertThat(JSON.std.mapFrom(out.toByteArray())).containsEntry("invalid_events", 1);
    }

    @Test
    void transientFailuresFailTheInvocationAfterProcessingSoLambdaRetries() {
        fake.rds.faults().failNext("DescribeDBSnapshots", 20, FakeError.THROTTLING);

        assertThatThrownBy(() -> invoke("sns-db-snapshot-automated-created.json"))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("Throttling");
    }
}
