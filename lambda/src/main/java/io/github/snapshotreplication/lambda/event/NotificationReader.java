package io.github.snapshotreplication.lambda.event;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one RDS notification, from an SNS record or an EventBridge event, and checks it can be trusted.
 */
final class NotificationReader {

    private static final String UNKNOWN = "unknown";

    private final ExpectedOrigin origin;

    NotificationReader(ExpectedOrigin origin) {
        this.origin = origin;
    }

    Notification fromSnsRecord(Object record) {
        Map<String, Object> sns = record instanceof Map<?, ?> m ? Json.object(m, "Sns") : null;
        if (sns == null) {
            return new Notification.Invalid(UNKNOWN, "SNS record has no Sns object");
        }
        String messageId = Optional.ofNullable(Json.string(sns, "MessageId")).orElse(UNKNOWN);
        String message = Json.string(sns, "Message");
        if (message == null) {
            return new Notification.Invalid(messageId, "SNS message has no Message");
        }
        Map<String, Object> body;
        try {
            body = JSON.std.mapFrom(message);
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null) {
            // RDS's first message on a new subscription is plain text, not JSON.
            if (message.contains("RDS") && message.contains("notif")) {
                return new Notification.Ignored(messageId, null, "plain-text RDS subscription notice");
            }
            return new Notification.Invalid(messageId, "message is not JSON: " + abbreviate(message));
        }
        TopicArn topic = TopicArn.parse(Json.string(sns, "TopicArn"));
        return read(messageId, Json.string(body, "Event ID"), Json.string(body, "Event Source"),
                Json.string(body, "Source ARN"), Json.string(body, "Source ID"),
                topic == null ? "aws" : topic.partition(), topic == null ? null : topic.accountId());
    }

    Notification fromEventBridge(Map<String, Object> event) {
        String messageId = Optional.ofNullable(Json.string(event, "id")).orElse(UNKNOWN);
        Map<String, Object> detail = Json.object(event, "detail");
        if (detail == null) {
            return new Notification.Invalid(messageId, "EventBridge event has no detail");
        }
        String detailType = Json.string(event, "detail-type");
        String source = "RDS DB Cluster Snapshot Event".equals(detailType) ? "db-cluster-snapshot"
                : "RDS DB Snapshot Event".equals(detailType) ? "db-snapshot" : detailType;
        return read(messageId, Json.string(detail, "EventID"), source, Json.string(detail, "SourceArn"),
                Json.string(detail, "SourceIdentifier"), "aws", Json.string(event, "account"));
    }

    private Notification read(String messageId, String eventIdField, String eventSource, String sourceArn,
                              String sourceId, String partition, String envelopeAccount) {
        Optional<String> eventId = RdsEventIds.extract(eventIdField);
        if (eventId.isEmpty()) {
            return new Notification.Invalid(messageId, "no RDS-EVENT-nnnn in Event ID '" + eventIdField + "'");
        }
        Optional<RdsEventIds.Created> created = RdsEventIds.created(eventId.get());
        if (created.isEmpty()) {
            return new Notification.Ignored(messageId, eventId.get(), eventId.get() + " (" + eventSource
                    + ") is not a snapshot-created event");
        }
        SnapshotKind kind = created.get().kind();
        if (eventSource != null && !eventSource.equals(sourceName(kind))) {
            return new Notification.Invalid(messageId, eventId.get() + " must come from " + sourceName(kind)
                    + ", not " + eventSource);
        }
        String account = origin.accountId() != null ? origin.accountId() : envelopeAccount;
        SnapshotArn arn;
        if (sourceArn != null) {
            arn = SnapshotArn.parse(sourceArn).orElse(null);
            if (arn == null) {
                return new Notification.Invalid(messageId, "Source ARN '" + sourceArn
                        + "' is not an RDS snapshot ARN");
            }
        } else if (sourceId != null && account != null) {
            arn = SnapshotArn.of(partition, origin.region(), account, kind, sourceId);
        } else {
            return new Notification.Invalid(messageId, "message has no Source ARN, and no Source ID with a known"
                    + " account to build it from");
        }
        if (arn.kind() != kind) {
            return new Notification.Invalid(messageId, eventId.get() + " names " + arn + ", not a "
                    + sourceName(kind));
        }
        if (!arn.region().equals(origin.region())) {
            return new Notification.Invalid(messageId, "snapshot " + arn + " is in region " + arn.region()
                    + ", not in the source region " + origin.region());
        }
        if (account != null && !arn.accountId().equals(account)) {
            return new Notification.Invalid(messageId, "snapshot " + arn + " belongs to account " + arn.accountId()
                    + ", not to this account " + account);
        }
        return new Notification.SnapshotCreated(messageId, eventId.get(), arn, created.get().manual());
    }

    private static String sourceName(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? "db-snapshot" : "db-cluster-snapshot";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** The parts of an SNS topic ARN this reader needs. */
    private record TopicArn(String partition, String accountId) {
        static TopicArn parse(String arn) {
            String[] parts = arn == null ? new String[0] : arn.split(":");
            if (parts.length < 6 || !"sns".equals(parts[2]) || !parts[4].matches("\\d{12}")) {
                return null;
            }
            return new TopicArn(parts[1], parts[4]);
        }
    }
}
