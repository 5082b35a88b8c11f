package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps SDK exceptions to {@link RdsCallException.Failure}, by RDS error code (the SDK picks its exception class
 * from the code too).
 */
final class RdsErrors {

    private static final Map<String, RdsCallException.Failure> BY_CODE = Map.ofEntries(
            Map.entry("DBSnapshotAlreadyExists", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBClusterSnapshotAlreadyExistsFault", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBInstanceAlreadyExists", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBClusterAlreadyExistsFault", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBSnapshotNotFound", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBClusterSnapshotNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBInstanceNotFound", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBClusterNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("OptionGroupNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("KMSKeyNotAccessibleFault", RdsCallException.Failure.KMS_KEY_NOT_ACCESSIBLE),
            Map.entry("InvalidDBSnapshotState", RdsCallException.Failure.INVALID_STATE),
            Map.entry("InvalidDBClusterSnapshotStateFault", RdsCallException.Failure.INVALID_STATE));

    private static final String SNAPSHOT_QUOTA = "SnapshotQuotaExceeded";
    private static final Pattern COPY_SLOTS = Pattern.compile("across regions|in progress|concurrent|copy more than",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MANUAL_SNAPSHOTS = Pattern.compile("manual (db |cluster )?snapshots?",
            Pattern.CASE_INSENSITIVE);

    private RdsErrors() {
    }

    /**
     * RDS answers {@code SnapshotQuotaExceeded} both when too many copies are in progress into a region and when the
     * manual snapshot quota is reached; only the message tells them apart, and it is not documented
     * (docs/aws-references.md#q4). The wordings reported are "Cannot copy more than 5 snapshots across regions" and
     * "Cannot create more than 100 manual snapshots".
     */
    static RdsCallException.Failure quotaCause(String message) {
        String m = message == null ? "" : message;
        boolean slots = COPY_SLOTS.matcher(m).find();
        boolean manual = MANUAL_SNAPSHOTS.matcher(m).find();
        if (slots && !manual) {
            return RdsCallException.Failure.COPY_SLOTS_FULL;
        }
        if (manual && !slots) {
            return RdsCallException.Failure.QUOTA_EXCEEDED;
        }
        return RdsCallException.Failure.QUOTA_UNCLEAR;
    }

    static RdsCallException classify(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            RdsCallException.Failure failure;
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                failure = RdsCallException.Failure.TRANSIENT;
            } else if (SNAPSHOT_QUOTA.equals(code)) {
                failure = quotaCause(message);
            } else {
                failure = BY_CODE.getOrDefault(code, RdsCallException.Failure.PERMANENT);
            }
            return new RdsCallException(failure, operation, code, message, e);
        }
        // Client-side: timeouts, connection errors, unreadable responses.
        String kind = e instanceof SdkClientException ? "client error" : "SDK error";
        return new RdsCallException(RdsCallException.Failure.TRANSIENT, operation, null, kind + ": " + e.getMessage(),
                e);
    }
}
