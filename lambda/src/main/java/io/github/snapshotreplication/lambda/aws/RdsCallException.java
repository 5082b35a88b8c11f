package io.github.snapshotreplication.lambda.aws;

/**
 * An RDS call failed after the SDK's retries; {@link #failure()} says what kind of failure it is.
 */
public final class RdsCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms the engine decides on. */
    public enum Failure {
        /** Throttling, 5xx, timeout or I/O error that outlived the retries: a later attempt may succeed. */
        TRANSIENT,
        /** The target identifier is taken. */
        ALREADY_EXISTS,
        /** The snapshot or database does not exist (any more). */
        NOT_FOUND,
        /** The account's manual snapshot quota in the region is reached ({@code SnapshotQuotaExceeded}). */
        QUOTA_EXCEEDED,
        /** Too many cross-region copies are in progress into the region ({@code SnapshotQuotaExceeded} too). */
        COPY_SLOTS_FULL,
        /** {@code SnapshotQuotaExceeded} with a message that names neither cause. */
        QUOTA_UNCLEAR,
        /** The KMS key does not exist, is disabled, or the role may not use it. */
        KMS_KEY_NOT_ACCESSIBLE,
        /** The snapshot is not in a state that allows the call. */
        INVALID_STATE,
        /** Any other error: access denied, invalid parameter... Retrying will not help. */
        PERMANENT
    }

    private final Failure failure;
    private final String operation;
    private final String errorCode;

    /** An exception for one failed call. */
    public RdsCallException(Failure failure, String operation, String errorCode, String message, Throwable cause) {
        super(operation + " failed: " + (errorCode == null ? "" : errorCode + ": ") + message, cause);
        this.failure = failure;
        this.operation = operation;
        this.errorCode = errorCode;
    }

    /** The kind of failure. */
    public Failure failure() {
        return failure;
    }

    /** The RDS operation, e.g. {@code CopyDBSnapshot}. */
    public String operation() {
        return operation;
    }

    /** The RDS error code, e.g. {@code KMSKeyNotAccessibleFault}, or {@code null} for client-side errors. */
    public String errorCode() {
        return errorCode;
    }

    /** True when a later attempt may succeed. */
    public boolean isTransient() {
        return failure == Failure.TRANSIENT;
    }
}
