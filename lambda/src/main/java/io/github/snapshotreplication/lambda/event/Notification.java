package io.github.snapshotreplication.lambda.event;

import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

/**
 * One RDS event notification, classified.
 */
public sealed interface Notification {

    /** SNS {@code MessageId} or EventBridge event {@code id}, for the log. */
    String messageId();

    /**
     * A snapshot-created event of one of the four ids this library acts on.
     *
     * @param messageId   SNS message id or EventBridge event id
     * @param eventId     {@code RDS-EVENT-0091}, {@code -0042}, {@code -0169} or {@code -0075}
     * @param snapshotArn the snapshot the event names
     * @param manual      true for a manual snapshot event (0042, 0075)
     */
    record SnapshotCreated(String messageId, String eventId, SnapshotArn snapshotArn, boolean manual)
            implements Notification {

        /** DB snapshot or DB cluster snapshot. */
        public SnapshotKind kind() {
            return snapshotArn.kind();
        }
    }

    /**
     * A well-formed notification this library does not act on.
     *
     * @param messageId id of the message
     * @param eventId   the RDS event id, or {@code null} (the plain-text subscription notice)
     * @param reason    why it is ignored
     */
    record Ignored(String messageId, String eventId, String reason) implements Notification {
    }

    /**
     * A notification that cannot be understood or must not be trusted.
     *
     * @param messageId id of the message, or {@code unknown}
     * @param reason    what is wrong
     */
    record Invalid(String messageId, String reason) implements Notification {
    }
}
