package io.github.snapshotreplication.lambda.event;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture, and every way a notification can be malformed or untrusted.
 */
class EventParserTest {

    private static final ExpectedOrigin ORIGIN = new ExpectedOrigin("eu-west-1", "123456789012");
    private final EventParser parser = new EventParser(ORIGIN);

    private Notification single(InputStream input) {
        InvocationEvent event = parser.parse(input);
        assertThat(event).isInstanceOf(InvocationEvent.Notifications.class);
        List<Notification> notifications = ((InvocationEvent.Notifications) event).notifications();
        assertThat(notifications).hasSize(1);
        return notifications.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sns-db-snapshot-automated-created.json, RDS-EVENT-0091, DB_SNAPSHOT, false, "
                    + "arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2024-05-14-03-10",
            "sns-db-snapshot-manual-created.json, RDS-EVENT-0042, DB_SNAPSHOT, true, "
                    + "arn:aws:rds:eu-west-1:123456789012:snapshot:orders-db-before-migration-42",
            "sns-db-cluster-snapshot-automated-created.json, RDS-EVENT-0169, DB_CLUSTER_SNAPSHOT, false, "
                    + "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:rds:billing-aurora-2024-05-14-02-45",
            "sns-db-cluster-snapshot-manual-created.json, RDS-EVENT-0075, DB_CLUSTER_SNAPSHOT, true, "
                    + "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:billing-aurora-pre-release-2024-05-14",
            "eventbridge-rds-db-snapshot-event.json, RDS-EVENT-0091, DB_SNAPSHOT, false, "
                    + "arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2024-05-14-03-10"})
    void readsSnapshotCreatedFixtures(String fixture, String eventId, SnapshotKind kind, boolean manual,
                                      String arn) {
        Notification n = single(Fixtures.open(fixture));

        assertThat(n).isInstanceOfSatisfying(Notification.SnapshotCreated.class, c -> {
            assertThat(c.eventId()).isEqualTo(eventId);
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.manual()).isEqualTo(manual);
            assertThat(c.snapshotArn().value()).isEqualTo(arn);
        });
    }

    @Test
    void ignoresAnUnrelatedEventById() {
        assertThat(single(Fixtures.open("sns-db-instance-unrelated-event.json")))
                .isInstanceOfSatisfying(Notification.Ignored.class, i -> {
                    assertThat(i.eventId()).isEqualTo("RDS-EVENT-0006");
                    assertThat(i.messageId()).isEqualTo("e2f7b3c8-1a6d-5049-8d3e-6b7c0a9f1e55");
                });
    }

    @Test
    void ignoresThePlainTextSubscriptionNotice() {
        assertThat(single(Fixtures.open("sns-subscription-confirmation-or-test-message.json")))
                .isInstanceOf(Notification.Ignored.class);
    }

    @Test
    void aScheduledEventStartsASweep() {
        assertThat(parser.parse(Fixtures.open("eventbridge-scheduled-event.json")))
                .isEqualTo(new InvocationEvent.Sweep("6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"));
        assertThat(parser.parse(Fixtures.of("{\"action\":\"sweep\"}"))).isEqualTo(new InvocationEvent.Sweep("manual"));
    }

    @Test
    void takesTheIdFromTheEventIdUrlNeverFromTheMessageText() {
        Notification n = single(Fixtures.withMessage("sns-db-snapshot-automated-created.json",
                m -> m.put("Event Message", "see RDS-EVENT-0006 for details")));

        assertThat(n).isInstanceOfSatisfying(Notification.SnapshotCreated.class,
                c -> assertThat(c.eventId()).isEqualTo("RDS-EVENT-0091"));
    }

    @Test
    void buildsTheArnFromSourceIdWhenSourceArnIsMissing() {
        Notification n = single(Fixtures.withMessage("sns-db-snapshot-automated-created.json",
                m -> m.remove("Source ARN")));

        assertThat(n).isInstanceOfSatisfying(Notification.SnapshotCreated.class, c -> assertThat(
                c.snapshotArn().value())
                .isEqualTo("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2024-05-14-03-10"));
    }

    @Test
    void fallsBackToTheTopicAccountWhenTheFunctionAccountIsUnknown() {
        EventParser withoutAccount = new EventParser(new ExpectedOrigin("eu-west-1", null));
        InvocationEvent event = withoutAccount.parse(Fixtures.withMessage(
                "sns-db-cluster-snapshot-automated-created.json", m -> m.remove("Source ARN")));

        assertThat(((InvocationEvent.Notifications) event).notifications().get(0))
                .isInstanceOfSatisfying(Notification.SnapshotCreated.class, c -> assertThat(c.snapshotArn().value())
                        .isEqualTo("arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:rds:billing-aurora-2024-05-14"
                                + "-02-45"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another account|Source ARN|arn:aws:rds:eu-west-1:999999999999:snapshot:rds:x|belongs to account",
            "another region|Source ARN|arn:aws:rds:us-east-1:123456789012:snapshot:rds:x|not in the source region",
            "not a snapshot ARN|Source ARN|arn:aws:rds:eu-west-1:123456789012:db:orders|not an RDS snapshot ARN",
            "cluster ARN in a DB snapshot event|Source ARN|arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:x"
                    + "|not a db-snapshot",
            "no event id|Event ID|http://docs.amazonwebservices.com/USER_Events.html|no RDS-EVENT-nnnn",
            "wrong event source|Event Source|db-instance|must come from db-snapshot"})
    void rejectsUntrustedOrMalformedMessages(String why, String key, String value, String reason) {
        Notification n = single(Fixtures.withMessage("sns-db-snapshot-automated-created.json",
                m -> m.put(key, value)));

        assertThat(n).as(why).isInstanceOfSatisfying(Notification.Invalid.class, i -> {
            assertThat(i.reason()).contains(reason);
            assertThat(i.messageId()).isEqualTo("3e1f9d2a-6c4b-5a7e-8f10-2b9c4d6e8a01");
        });
    }

    @Test
    void rejectsAMessageWithNeitherArnNorId() {
        Notification n = single(Fixtures.withMessage("sns-db-snapshot-automated-created.json", m -> {
            m.remove("Source ARN");
            m.remove("Source ID");
        }));

        assertThat(n).isInstanceOf(Notification.Invalid.class);
    }

    @Test
    void rejectsANonJsonMessageThatIsNotTheSubscriptionNotice() {
        assertThat(single(Fixtures.withRawMessage("sns-db-snapshot-automated-created.json", "{oops")))
                .isInstanceOfSatisfying(Notification.Invalid.class,
                        i -> assertThat(i.reason()).contains("not JSON"));
    }

    @Test
    void oneBadRecordDoesNotSpoilTheBatch() {
        String good = Fixtures.text("sns-db-snapshot-automated-created.json");
        String record = good.substring(good.indexOf('[') + 1, good.lastIndexOf(']'));
        InvocationEvent event = parser.parse(Fixtures.of("{\"Records\":[42," + record + ",{\"Sns\":{}}]}"));

        assertThat(((InvocationEvent.Notifications) event).notifications())
                .extracting(n -> n.getClass().getSimpleName())
                .containsExactly("Invalid", "SnapshotCreated", "Invalid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not json", "[1,2]", "{\"detail-type\":\"Something\"}", "''"})
    void unrecognisedInputIsAValueNotAnException(String input) {
        assertThat(parser.parse(Fixtures.of(input))).isInstanceOf(InvocationEvent.Unrecognised.class);
    }

    @Test
    void readsAnEventBridgeClusterSnapshotEvent() {
        String json = Fixtures.text("eventbridge-rds-db-snapshot-event.json")
                .replace("RDS DB Snapshot Event", "RDS DB Cluster Snapshot Event")
                .replace("RDS-EVENT-0091", "RDS-EVENT-0169")
                .replace(":snapshot:", ":cluster-snapshot:");

        assertThat(single(Fixtures.of(json))).isInstanceOfSatisfying(Notification.SnapshotCreated.class,
                c -> assertThat(c.kind()).isEqualTo(SnapshotKind.DB_CLUSTER_SNAPSHOT));
    }

    @Test
    void everyFixtureParsesWithoutException() {
        for (String fixture : Fixtures.ALL) {
            assertThat(parser.parse(Fixtures.open(fixture))).as(fixture)
                    .isNotInstanceOf(InvocationEvent.Unrecognised.class);
        }
    }

    @Test
    void accountOfReadsTheFunctionArn() {
        assertThat(ExpectedOrigin.accountOf("arn:aws:lambda:eu-west-1:123456789012:function:replicate"))
                .isEqualTo("123456789012");
        assertThat(ExpectedOrigin.accountOf("nonsense")).isNull();
        assertThat(ExpectedOrigin.accountOf(null)).isNull();
    }
}
