package io.github.snapshotreplication.lambda.soak;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SNS records as RDS sends them, built from the event fixtures, and the malformed ones it must survive.
 */
final class SoakEvents {

    private static final String DB = "sns-db-snapshot-automated-created.json";
    private static final String DB_MANUAL = "sns-db-snapshot-manual-created.json";
    private static final String CLUSTER = "sns-db-cluster-snapshot-automated-created.json";
    private static final String CLUSTER_MANUAL = "sns-db-cluster-snapshot-manual-created.json";
    private static final String NOTICE = "sns-subscription-confirmation-or-test-message.json";

    private final Random random;

    SoakEvents(Random random) {
        this.random = random;
    }

    /** The SNS record announcing {@code created}, with a fresh message id. */
    Map<String, Object> record(SoakFleet.Created created) {
        String fixture = created.kind() == SnapshotKind.DB_SNAPSHOT ? (created.manual() ? DB_MANUAL : DB)
                : (created.manual() ? CLUSTER_MANUAL : CLUSTER);
        return edit(fixture, message -> {
            message.put("Source ID", created.id());
            message.put("Source ARN", SoakFleet.arn(created.kind(), created.id()));
        });
    }

    /** One of the malformed or foreign records a topic can carry. */
    Map<String, Object> malformed() {
        return switch (random.nextInt(5)) {
            case 0 -> withRawMessage("{\"Event Source\": \"db-snapshot\", truncated");
            case 1 -> edit(DB, message -> message.remove("Event ID"));
            case 2 -> edit(DB, message -> message.put("Source ARN",
                    "arn:aws:rds:eu-west-1:210987654321:snapshot:rds:db-00-2024-05-01-03-00"));
            case 3 -> edit(CLUSTER, message -> message.put("Source ARN",
                    "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:rds:aurora-00-2024-05-01-03-00"));
            default -> record(NOTICE);
        };
    }

    /** A whole invocation input that is not an event at all. */
    String garbage() {
        return switch (random.nextInt(4)) {
            case 0 -> "not json at all";
            case 1 -> "{}";
            case 2 -> "[1, 2, 3]";
            default -> "{\"Records\": [{\"EventSource\": \"aws:sns\"}, 42]}";
        };
    }

    /** An SNS batch of these records. */
    static String batch(List<Map<String, Object>> records) {
        try {
            return JSON.std.asString(Map.of("Records", records));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> withRawMessage(String raw) {
        Map<String, Object> record = record(DB);
        sns(record).put("Message", raw);
        return record;
    }

    private Map<String, Object> edit(String fixture, Consumer<Map<String, Object>> edit) {
        Map<String, Object> record = record(fixture);
        try {
            Map<String, Object> message = JSON.std.mapFrom((String) sns(record).get("Message"));
            edit.accept(message);
            sns(record).put("Message", JSON.std.asString(message));
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> record(String fixture) {
        try {
            Map<String, Object> root = JSON.std.mapFrom(Fixtures.text(fixture));
            Map<String, Object> record = (Map<String, Object>) ((List<Object>) root.get("Records")).get(0);
            sns(record).put("MessageId", new UUID(random.nextLong(), random.nextLong()).toString());
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sns(Map<String, Object> record) {
        return (Map<String, Object>) record.get("Sns");
    }
}
