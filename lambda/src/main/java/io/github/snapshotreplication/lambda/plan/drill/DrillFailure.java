package io.github.snapshotreplication.lambda.plan.drill;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Why a drill failed, in the terms of the runbook: each cause has a section of docs/runbook.md (its {@link #anchor})
 * that says what to check. Classified from the error code of a refused call (docs/aws-references.md#r7) or from the
 * failure status a restored database went to (#r6).
 */
public enum DrillFailure {
    /** The target key cannot be used: disabled, deleted, or no grant for RDS. */
    KMS_KEY("kms-key"),
    /** The engine version of the copy is not offered in the target region (any more). */
    ENGINE_VERSION("engine-version"),
    /** The option group of the copy is missing or does not fit. */
    OPTION_GROUP("option-group"),
    /** The parameter group does not fit the engine. */
    PARAMETER_GROUP("parameter-group"),
    /** A DB instance, cluster, storage or capacity quota of the target region is reached. */
    QUOTA("quota"),
    /** The drill's subnet group or security groups do not work. */
    SUBNET_GROUP("subnet-group"),
    /** The instance class of the drill is not offered for the engine, version or edition. */
    INSTANCE_CLASS("instance-class"),
    /** The database did not become available within the maximum drill duration. */
    TIMEOUT("timeout"),
    /** The database restored but a check failed: engine, storage, encryption, groups or public access. */
    CHECK("check"),
    /** RDS could not restore the database, for a reason it does not name. */
    RESTORE("restore"),
    /** The drill's role may not make the call. */
    PERMISSION("permission"),
    /** Another database holds the drill's identifier. */
    IDENTIFIER_TAKEN("identifier-taken");

    private static final Map<String, DrillFailure> BY_CODE = Map.ofEntries(
            Map.entry("KMSKeyNotAccessibleFault", KMS_KEY),
            Map.entry("OptionGroupNotFoundFault", OPTION_GROUP),
            Map.entry("DBParameterGroupNotFound", PARAMETER_GROUP),
            Map.entry("DBClusterParameterGroupNotFound", PARAMETER_GROUP),
            Map.entry("InstanceQuotaExceeded", QUOTA),
            Map.entry("StorageQuotaExceeded", QUOTA),
            Map.entry("DBClusterQuotaExceededFault", QUOTA),
            Map.entry("InsufficientDBInstanceCapacity", QUOTA),
            Map.entry("InsufficientDBClusterCapacityFault", QUOTA),
            Map.entry("InsufficientStorageClusterCapacity", QUOTA),
            Map.entry("DBSubnetGroupNotFoundFault", SUBNET_GROUP),
            Map.entry("InvalidSubnet", SUBNET_GROUP),
            Map.entry("InvalidVPCNetworkStateFault", SUBNET_GROUP),
            Map.entry("DBSubnetGroupDoesNotCoverEnoughAZs", SUBNET_GROUP),
            Map.entry("DBInstanceAlreadyExists", IDENTIFIER_TAKEN),
            Map.entry("DBClusterAlreadyExistsFault", IDENTIFIER_TAKEN),
            Map.entry("AccessDenied", PERMISSION),
            Map.entry("AccessDeniedException", PERMISSION),
            Map.entry("StorageTypeNotSupported", INSTANCE_CLASS));

    private static final Map<String, DrillFailure> BY_STATUS = Map.of(
            "inaccessible-encryption-credentials", KMS_KEY,
            "inaccessible-encryption-credentials-recoverable", KMS_KEY,
            "incompatible-network", SUBNET_GROUP,
            "incompatible-option-group", OPTION_GROUP,
            "incompatible-parameters", PARAMETER_GROUP,
            "storage-full", QUOTA);

    /** Errors that say the copy went away or is not restorable yet: no failure of the drill, the next run retries. */
    private static final Set<String> COPY_GONE = Set.of("DBSnapshotNotFound",
            "DBClusterSnapshotNotFoundFault", "InvalidDBSnapshotState", "InvalidDBClusterSnapshotStateFault");

    private final String anchor;

    DrillFailure(String anchor) {
        this.anchor = anchor;
    }

    /** The cause as logs and metrics name it, e.g. {@code kms-key}; also its runbook anchor {@code drill-kms-key}. */
    public String code() {
        return anchor;
    }

    /** Where the runbook explains it. */
    public String runbook() {
        return "docs/runbook.md#drill-" + anchor;
    }

    /**
     * The cause of a refused restore or create call. {@code InvalidParameterCombination} and
     * {@code InvalidParameterValue} carry no code of their own for the engine version or the class: their message
     * tells (docs/aws-references.md#r7).
     */
    public static DrillFailure ofError(String errorCode, String message) {
        DrillFailure known = errorCode == null ? null : BY_CODE.get(errorCode);
        if (known != null) {
            return known;
        }
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("cannot find version") || text.contains("engine version")) {
            return ENGINE_VERSION;
        }
        if (text.contains("instance class") || text.contains("following combination")) {
            return INSTANCE_CLASS;
        }
        if (text.contains("option group")) {
            return OPTION_GROUP;
        }
        return RESTORE;
    }

    /** True when a refused restore only means the copy is gone (e.g. retention deleted it): try the next copy. */
    public static boolean meansCopyGone(String errorCode) {
        return errorCode != null && COPY_GONE.contains(errorCode);
    }

    /** The cause a failure status of a restored database stands for. */
    public static DrillFailure ofStatus(String status) {
        return BY_STATUS.getOrDefault(status, RESTORE);
    }
}
