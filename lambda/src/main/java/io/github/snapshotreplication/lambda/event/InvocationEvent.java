package io.github.snapshotreplication.lambda.event;

import java.util.List;

/**
 * What one Lambda invocation asks for, decoded from its input. Parsing never throws: bad input is a value.
 */
public sealed interface InvocationEvent {

    /**
     * Run a sweep: an EventBridge Scheduled Event, a manual invocation with {@code {"action": "sweep"}}, or the
     * follow-up rule's {@code {"action": "sweep", "trigger": "follow-up"}}.
     *
     * @param eventId  id of the scheduled event, {@code manual} or {@code follow-up}
     * @param followUp true when the follow-up rule started it: it turns the rule off once no copy waits
     */
    record Sweep(String eventId, boolean followUp) implements InvocationEvent {

        /** A sweep that is not a follow-up. */
        public Sweep(String eventId) {
            this(eventId, false);
        }
    }

    /**
     * RDS event notifications: the records of an SNS batch, or one EventBridge RDS snapshot event.
     *
     * @param notifications one per record, each parsed on its own
     */
    record Notifications(List<Notification> notifications) implements InvocationEvent {

        /** Copies the list. */
        public Notifications {
            notifications = List.copyOf(notifications);
        }
    }

    /**
     * A run of the restore drill, from one of its two schedules.
     *
     * @param round true for the round schedule ({@code {"action": "drill-round"}}): pick the databases of a new
     *              round, then advance; false for the advance schedule ({@code {"action": "drill-advance"}})
     */
    record Drill(boolean round) implements InvocationEvent {
    }

    /**
     * Input that is neither: not JSON, or of an unknown shape.
     *
     * @param reason what is wrong
     */
    record Unrecognised(String reason) implements InvocationEvent {
    }
}
