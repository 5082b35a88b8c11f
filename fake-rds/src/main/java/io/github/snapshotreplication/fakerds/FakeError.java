package io.github.snapshotreplication.fakerds;

/**
 * The RDS errors the fake can return, with the HTTP status and {@code <Code>} real RDS uses. The AWS SDK picks its
 * exception class from the code alone (e.g. {@code KMSKeyNotAccessibleFault} becomes
 * {@code KmsKeyNotAccessibleException}). Use them with {@link FaultInjector} to inject faults.
 */
public enum FakeError {
    /** Retried by the SDK. */
    THROTTLING(400, "Throttling", "Rate exceeded"),
    /** The spelling of the RDS throttling guide; the SDK retries it too. */
    THROTTLING_EXCEPTION(400, "ThrottlingException", "Rate exceeded"),
    /** Server fault, retried by the SDK. */
    INTERNAL_FAILURE(500, "InternalFailure", "An internal error has occurred. Please try your query again."),
    /** Server fault, retried by the SDK. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The service is unavailable. Please try again later."),
    SNAPSHOT_QUOTA_EXCEEDED(400, "SnapshotQuotaExceeded", "The request would exceed the snapshot quota."),
    SHARED_SNAPSHOT_QUOTA_EXCEEDED(400, "SharedSnapshotQuotaExceeded",
            "You have exceeded the maximum number of accounts that you can share a manual DB snapshot with."),
    KMS_KEY_NOT_ACCESSIBLE(400, "KMSKeyNotAccessibleFault",
            "The specified KMS key does not exist, is not enabled or you do not have permissions to access it."),
    DB_SNAPSHOT_ALREADY_EXISTS(400, "DBSnapshotAlreadyExists", "The snapshot already exists."),
    DB_INSTANCE_ALREADY_EXISTS(400, "DBInstanceAlreadyExists", "The DB instance already exists."),
    DB_CLUSTER_ALREADY_EXISTS(400, "DBClusterAlreadyExistsFault", "The DB cluster already exists."),
    INVALID_DB_INSTANCE_STATE(400, "InvalidDBInstanceState", "The DB instance isn't in a valid state."),
    INVALID_DB_CLUSTER_STATE(400, "InvalidDBClusterStateFault",
            "The requested operation can't be performed while the cluster is in this state."),
    DB_CLUSTER_SNAPSHOT_ALREADY_EXISTS(400, "DBClusterSnapshotAlreadyExistsFault",
            "The cluster snapshot already exists."),
    DB_SNAPSHOT_NOT_FOUND(404, "DBSnapshotNotFound", "DBSnapshot not found."),
    DB_CLUSTER_SNAPSHOT_NOT_FOUND(404, "DBClusterSnapshotNotFoundFault", "DBClusterSnapshot not found."),
    DB_INSTANCE_NOT_FOUND(404, "DBInstanceNotFound", "DBInstance not found."),
    DB_CLUSTER_NOT_FOUND(404, "DBClusterNotFoundFault", "DBCluster not found."),
    OPTION_GROUP_NOT_FOUND(404, "OptionGroupNotFoundFault", "The specified option group could not be found."),
    // Codes and HTTP statuses of the four below as the RDS API reference (RestoreDBInstanceFromDBSnapshot,
    // RestoreDBClusterFromSnapshot, CreateDBInstance: Errors) and the SDK's model give them.
    DB_SUBNET_GROUP_NOT_FOUND(404, "DBSubnetGroupNotFoundFault",
            "DBSubnetGroupName doesn't refer to an existing DB subnet group."),
    INSTANCE_QUOTA_EXCEEDED(400, "InstanceQuotaExceeded",
            "The request would result in the user exceeding the allowed number of DB instances."),
    DB_CLUSTER_QUOTA_EXCEEDED(403, "DBClusterQuotaExceededFault",
            "The user attempted to create a new DB cluster and the user has already reached the maximum allowed DB"
                    + " cluster quota."),
    STORAGE_QUOTA_EXCEEDED(400, "StorageQuotaExceeded",
            "The request would result in the user exceeding the allowed amount of storage available across all DB"
                    + " instances."),
    INVALID_DB_SNAPSHOT_STATE(400, "InvalidDBSnapshotState", "The snapshot is not in the available state."),
    INVALID_DB_CLUSTER_SNAPSHOT_STATE(400, "InvalidDBClusterSnapshotStateFault",
            "The cluster snapshot is not in the available state."),
    INVALID_PARAMETER_VALUE(400, "InvalidParameterValue", "An invalid or out-of-range value was supplied."),
    INVALID_PARAMETER_COMBINATION(400, "InvalidParameterCombination", "Parameters that must not be used together."),
    MISSING_PARAMETER(400, "MissingParameter", "A required parameter is missing."),
    INVALID_ACTION(400, "InvalidAction", "The action is not valid for this web service."),
    MISSING_ACTION(400, "MissingAction", "The request is missing an action."),
    MISSING_AUTHENTICATION_TOKEN(403, "MissingAuthenticationToken",
            "Request is missing Authentication Token");

    private final int status;
    private final String code;
    private final String defaultMessage;

    FakeError(int status, String code, String defaultMessage) {
        this.status = status;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the {@code <Code>} of the error response */
    public String code() {
        return code;
    }

    /** @return the message used when none is given */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** @return {@code Receiver} for 5xx faults, {@code Sender} otherwise */
    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
