package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;

/**
 * Maps SDK exceptions to {@link RdsCallException.Failure}, by RDS error code (the SDK picks its exception class
 * from the code too).
 */
final class RdsErrors {

    private static final Map<String, RdsCallException.Failure> BY_CODE = Map.ofEntries(
            Map.entry("DBSnapshotAlreadyExists", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBClusterSnapshotAlreadyExistsFault", RdsCallException.Failure.ALREADY_EXISTS),
            Map.entry("DBSnapshotNotFound", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBClusterSnapshotNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBInstanceNotFound", RdsCallException.Failure.NOT_FOUND),
            Map.entry("DBClusterNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("OptionGroupNotFoundFault", RdsCallException.Failure.NOT_FOUND),
            Map.entry("SnapshotQuotaExceeded", RdsCallException.Failure.QUOTA_EXCEEDED),
            Map.entry("KMSKeyNotAccessibleFault", RdsCallException.Failure.KMS_KEY_NOT_ACCESSIBLE),
            Map.entry("InvalidDBSnapshotState", RdsCallException.Failure.INVALID_STATE),
            Map.entry("InvalidDBClusterSnapshotStateFault", RdsCallException.Failure.INVALID_STATE));

    private RdsErrors() {
    }

    static RdsCallException classify(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            RdsCallException.Failure failure;
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                failure = RdsCallException.Failure.TRANSIENT;
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
