package io.github.snapshotreplication.lambda.event;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the event fixtures of {@code src/test/resources/fixtures/events}, optionally with the RDS message edited.
 */
public final class Fixtures {

    /** Every event fixture file. */
    public static final List<String> ALL = List.of(
            "sns-db-snapshot-automated-created.json", "sns-db-snapshot-manual-created.json",
            "sns-db-cluster-snapshot-automated-created.json", "sns-db-cluster-snapshot-manual-created.json",
            "sns-db-instance-unrelated-event.json", "sns-subscription-confirmation-or-test-message.json",
            "eventbridge-scheduled-event.json", "eventbridge-rds-db-snapshot-event.json");

    private Fixtures() {
    }

    /** The fixture's bytes as a stream. */
    public static InputStream open(String name) {
        return new ByteArrayInputStream(text(name).getBytes(StandardCharsets.UTF_8));
    }

    /** The fixture as text. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SNS fixture whose RDS message (the JSON inside {@code Sns.Message}) is edited by {@code edit}. */
    @SuppressWarnings("unchecked")
    public static InputStream withMessage(String name, Consumer<Map<String, Object>> edit) {
        try {
            Map<String, Object> root = JSON.std.mapFrom(text(name));
            Map<String, Object> sns = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) root
                    .get("Records")).get(0)).get("Sns");
            Map<String, Object> message = JSON.std.mapFrom((String) sns.get("Message"));
            edit.accept(message);
            sns.put("Message", JSON.std.asString(message));
            return new ByteArrayInputStream(JSON.std.asBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SNS fixture whose {@code Sns.Message} is replaced by raw text. */
    @SuppressWarnings("unchecked")
    public static InputStream withRawMessage(String name, String raw) {
        try {
            Map<String, Object> root = JSON.std.mapFrom(text(name));
            ((Map<String, Object>) ((Map<String, Object>) ((List<Object>) root.get("Records")).get(0)).get("Sns"))
                    .put("Message", raw);
            return new ByteArrayInputStream(JSON.std.asBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream over a literal string. */
    public static InputStream of(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
