package io.github.snapshotreplication.lambda.event;

import io.github.snapshotreplication.contract.Invocations;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Lambda's input: an SNS batch of RDS notifications, an EventBridge Scheduled Event, an EventBridge
 * RDS snapshot event, or a manual {@code {"action": "sweep"}}. Never throws: malformed input is a typed value.
 */
public final class EventParser {

    private final NotificationReader reader;

    /** A parser that trusts only snapshots of the expected region and account. */
    public EventParser(ExpectedOrigin origin) {
        this.reader = new NotificationReader(origin);
    }

    /** Parses a whole invocation input. */
    public InvocationEvent parse(InputStream input) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(input);
        } catch (IOException | RuntimeException e) {
            return new InvocationEvent.Unrecognised("input is not a JSON object: " + e.getMessage());
        }
        if (root == null) {
            return new InvocationEvent.Unrecognised("input is empty");
        }
        if (root.get("Records") instanceof List<?> records) {
            return snsBatch(records);
        }
        Object detailType = root.get("detail-type");
        if ("Scheduled Event".equals(detailType)) {
            return new InvocationEvent.Sweep(Json.string(root, "id"));
        }
        if (detailType != null && "aws.rds".equals(root.get("source"))) {
            return new InvocationEvent.Notifications(List.of(reader.fromEventBridge(root)));
        }
        if (Invocations.SWEEP.equals(root.get(Invocations.ACTION))) {
            boolean followUp = Invocations.FOLLOW_UP.equals(root.get(Invocations.TRIGGER));
            return new InvocationEvent.Sweep(followUp ? Invocations.FOLLOW_UP : "manual", followUp);
        }
        Object action = root.get(Invocations.ACTION);
        if (Invocations.DRILL_ROUND.equals(action) || Invocations.DRILL_ADVANCE.equals(action)) {
            return new InvocationEvent.Drill(Invocations.DRILL_ROUND.equals(action));
        }
        return new InvocationEvent.Unrecognised("input is neither an SNS batch, an EventBridge event,"
                + " {\"action\": \"sweep\"} nor a drill action (detail-type " + detailType + ")");
    }

    private InvocationEvent snsBatch(List<?> records) {
        List<Notification> notifications = new ArrayList<>();
        for (Object record : records) {
            notifications.add(reader.fromSnsRecord(record));
        }
        return new InvocationEvent.Notifications(notifications);
    }
}
