package io.github.snapshotreplication.lambda.event;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RDS event ids that mean "a snapshot was created", and how to find an id in the {@code Event ID} field.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html">RDS events</a>
 */
final class RdsEventIds {

    /** The id, wherever it sits: RDS sends a documentation URL ending in {@code #RDS-EVENT-0091}. */
    private static final Pattern EVENT_ID = Pattern.compile("RDS-EVENT-\\d{4}");

    /** Snapshot-created events: kind and whether the snapshot is manual. */
    private static final Map<String, Created> CREATED = Map.of(
            "RDS-EVENT-0091", new Created(SnapshotKind.DB_SNAPSHOT, false),
            "RDS-EVENT-0042", new Created(SnapshotKind.DB_SNAPSHOT, true),
            "RDS-EVENT-0169", new Created(SnapshotKind.DB_CLUSTER_SNAPSHOT, false),
            "RDS-EVENT-0075", new Created(SnapshotKind.DB_CLUSTER_SNAPSHOT, true));

    record Created(SnapshotKind kind, boolean manual) {
    }

    private RdsEventIds() {
    }

    /** The {@code RDS-EVENT-nnnn} in a field value (URL or bare id), if any. */
    static Optional<String> extract(String field) {
        if (field == null) {
            return Optional.empty();
        }
        Matcher m = EVENT_ID.matcher(field);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** What a snapshot-created event id means; empty for every other event. */
    static Optional<Created> created(String eventId) {
        return Optional.ofNullable(CREATED.get(eventId));
    }
}
