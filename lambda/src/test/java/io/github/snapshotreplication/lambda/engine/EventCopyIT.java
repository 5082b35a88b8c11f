package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.NOW;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event route end to end: SNS fixture -> parser -> engine -> real SDK -> fake RDS.
 */
class EventCopyIT {

    private static final String FIXTURE = "sns-db-snapshot-automated-created.json";
    private static final String SNAPSHOT = "rds:orders-db-2024-05-14-03-10";
    private static final String ARN = FakeRdsHarness.sourceArn(SNAPSHOT);

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private final EventParser parser = new EventParser(new ExpectedOrigin("eu-west-1", "123456789012"));

    @AfterEach
    void stop() {
        fake.close();
    }

    private void givenTheFixtureSnapshot(boolean encrypted) {
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier(SNAPSHOT).dbInstanceIdentifier("orders-db")
                .snapshotType("automated").createdAt(NOW.minusSeconds(3600)).encrypted(encrypted)
                .kmsKeyId(encrypted ? FakeRdsHarness.SOURCE_KEY : null).build());
    }

    private RunSummary deliver(ReplicationEngine engine, String fixture) {
        return engine.handle(parser.parse(Fixtures.open(fixture)), TimeBudget.unlimited());
    }

    @Test
    void copiesAnEncryptedSnapshotWithPresignedUrlKmsKeyAndOwnershipTags() {
        givenTheFixtureSnapshot(true);

        RunSummary summary = deliver(fake.engine(), FIXTURE);

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        RecordedRequest copy = fake.rds.requests().stream().filter(r -> r.action().equals("CopyDBSnapshot"))
                .findFirst().orElseThrow();
        assertThat(copy.region()).isEqualTo(TARGET);
        assertThat(copy.param("SourceDBSnapshotIdentifier")).isEqualTo(ARN);
        assertThat(copy.param("KmsKeyId")).isEqualTo(TARGET_KEY);
        assertThat(copy.param("CopyTags")).isEqualTo("false");
        assertThat(copy.param("TargetDBSnapshotIdentifier")).isEqualTo(FakeRdsHarness.copyIdOf(ARN));
        String presigned = URLDecoder.decode(copy.param("PreSignedUrl"), StandardCharsets.UTF_8);
        assertThat(presigned).contains("eu-west-1/rds/aws4_request").contains("DestinationRegion=eu-central-1")
                .contains("Action=CopyDBSnapshot");
        DbSnapshot made = fake.copiesOf(ARN).get(0);
        assertThat(made.tags()).containsEntry(TagKeys.MANAGED_BY, REPLICATION_ID)
                .containsEntry(TagKeys.SOURCE_DB_IDENTIFIER, "orders-db")
                .containsEntry(TagKeys.SOURCE_REGION, "eu-west-1")
                .containsEntry(TagKeys.SOURCE_CREATED_AT, NOW.minusSeconds(3600).toString());
        assertThat(fake.lines("copy_started")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("source_arn", ARN).containsEntry("db_id", "orders-db")
                .containsEntry("target_region", TARGET).containsKey("target_arn"));
    }

    @Test
    void duplicateEventsCopyOnce() {
        givenTheFixtureSnapshot(false);
        ReplicationEngine engine = fake.engine();

        deliver(engine, FIXTURE);
        RunSummary second = deliver(engine, FIXTURE);
        fake.targetRegion().completePendingCopies();
        RunSummary third = deliver(engine, FIXTURE);

        assertThat(second.count(MetricNames.COPIES_ALREADY_PRESENT)).isEqualTo(1);
        assertThat(third.count(MetricNames.COPIES_ALREADY_PRESENT)).isEqualTo(1);
        assertThat(fake.rds.count("CopyDBSnapshot")).isEqualTo(1);
        assertThat(fake.copiesOf(ARN)).hasSize(1);
    }

    @Test
    void theSameSnapshotTwiceInOneBatchCopiesOnce() {
        givenTheFixtureSnapshot(false);
        String one = Fixtures.text(FIXTURE);
        String record = one.substring(one.indexOf('[') + 1, one.lastIndexOf(']'));
        InvocationEvent batch = parser.parse(Fixtures.of("{\"Records\":[" + record + "," + record + "]}"));

        RunSummary summary = fake.engine().handle(batch, TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(fake.rds.count("CopyDBSnapshot")).isEqualTo(1);
    }

    @Test
    void outOfOrderEventsCopyEachNamedSnapshotOnceOneCopyOfADatabaseAtATime() {
        List<String> ids = fake.addInstanceWithSnapshots("orders-db", false, 1, 25);
        ReplicationEngine engine = fake.engine();
        Runnable deliverAll = () -> {
            for (String id : List.of(ids.get(0), ids.get(1), ids.get(0))) {
                engine.handle(parser.parse(Fixtures.withMessage(FIXTURE, m -> {
                    m.put("Source ID", id);
                    m.put("Source ARN", FakeRdsHarness.sourceArn(id));
                })), TimeBudget.unlimited());
            }
        };

        deliverAll.run();

        assertThat(fake.copiesOf(FakeRdsHarness.sourceArn(ids.get(0)))).hasSize(1);
        assertThat(fake.copiesOf(FakeRdsHarness.sourceArn(ids.get(1)))).as("waits while orders-db copies").isEmpty();
        assertThat(fake.lines("copy_deferred")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("waits_for", "database_copy_in_progress"));

        fake.targetRegion().completePendingCopies();
        deliverAll.run();

        assertThat(fake.copiesOf(FakeRdsHarness.sourceArn(ids.get(0)))).hasSize(1);
        assertThat(fake.copiesOf(FakeRdsHarness.sourceArn(ids.get(1)))).hasSize(1);
        assertThat(fake.rds.count("CopyDBSnapshot")).isEqualTo(2);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedBySdk() {
        givenTheFixtureSnapshot(true);
        fake.rds.faults().failNext("DescribeDBSnapshots", 1, FakeError.THROTTLING);
        fake.rds.faults().failNext("CopyDBSnapshot", 2, FakeError.INTERNAL_FAILURE);

        RunSummary summary = deliver(fake.engine(), FIXTURE);

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(summary.hasTransientFailures()).isFalse();
        assertThat(fake.rds.count("CopyDBSnapshot")).isEqualTo(3);
    }

    @Test
    void persistentServerErrorsAreTransientFailuresAndTheOthersStillRun() {
        givenTheFixtureSnapshot(false);
        List<String> other = fake.addInstanceWithSnapshots("users-db", false, 2);
        // Four attempts (1 + 3 retries) of the first describe fail; the second record's describe succeeds.
        fake.rds.faults().failNext("DescribeDBSnapshots", 4, FakeError.SERVICE_UNAVAILABLE);
        String one = Fixtures.text(FIXTURE);
        String first = one.substring(one.indexOf('[') + 1, one.lastIndexOf(']'));
        String second = first.replace("rds:orders-db-2024-05-14-03-10", other.get(0));

        RunSummary summary = fake.engine().handle(parser.parse(Fixtures.of("{\"Records\":[" + first + "," + second
                + "]}")), TimeBudget.unlimited());

        assertThat(summary.hasTransientFailures()).isTrue();
        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(fake.copiesOf(FakeRdsHarness.sourceArn(other.get(0)))).hasSize(1);
    }

    @Test
    void anEncryptedSourceWithoutKeyIsAPermanentCountedFailure() {
        givenTheFixtureSnapshot(true);

        RunSummary summary = deliver(fake.engine("TARGET_KMS_KEY_ARN", ""), FIXTURE);

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(summary.hasTransientFailures()).isFalse();
        assertThat(fake.rds.count("CopyDBSnapshot")).isZero();
        assertThat(fake.lines("copy_failed")).singleElement()
                .satisfies(l -> assertThat((String) l.get("reason")).contains("TARGET_KMS_KEY_ARN"));
    }

    @Test
    void anInaccessibleKmsKeyNamesTheKeyAndTheMissingPermission() {
        givenTheFixtureSnapshot(true);
        fake.targetRegion().makeKmsKeyInaccessible(TARGET_KEY);

        RunSummary summary = deliver(fake.engine(), FIXTURE);

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(summary.hasTransientFailures()).isFalse();
        assertThat(fake.lines("copy_failed")).singleElement().satisfies(l -> assertThat((String) l.get("reason"))
                .contains(TARGET_KEY).contains("kms:CreateGrant").contains(FakeRdsHarness.SOURCE_KEY));
    }

    @Test
    void manualAndClusterEventsAreIgnoredUnlessEnabled() {
        RunSummary manual = deliver(fake.engine(), "sns-db-snapshot-manual-created.json");
        RunSummary cluster = deliver(fake.engine(), "sns-db-cluster-snapshot-automated-created.json");

        assertThat(manual.count(MetricNames.IGNORED_EVENTS)).isEqualTo(1);
        assertThat(cluster.count(MetricNames.IGNORED_EVENTS)).isEqualTo(1);
        assertThat(fake.rds.requests()).isEmpty();
    }

    @Test
    void aSnapshotDeletedBeforeTheEventArrivesIsIgnored() {
        RunSummary summary = deliver(fake.engine(), FIXTURE);

        assertThat(summary.count(MetricNames.IGNORED_EVENTS)).isEqualTo(1);
        assertThat(summary.hasTransientFailures()).isFalse();
        assertThat(fake.rds.mutatingRequestCount()).isZero();
    }
}
