package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times this library writes into tags, ISO-8601 in UTC, read back leniently: a value it cannot read is unknown. */
public final class TagTime {

    private TagTime() {
    }

    /** The time a tag value holds, or {@code null} when it is missing or not a time (someone else's value). */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
