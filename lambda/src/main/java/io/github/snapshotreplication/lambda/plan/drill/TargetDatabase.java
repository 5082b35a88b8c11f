package io.github.snapshotreplication.lambda.plan.drill;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A DB instance or DB cluster of the target region, with the facts a drill checks. Every database of the region is
 * read this way; only those {@link DrillResources} proves to be this drill's are ever acted on.
 *
 * @param cluster            true for a DB cluster, false for a DB instance
 * @param identifier         DB instance or DB cluster identifier
 * @param arn                its ARN
 * @param status             RDS status: {@code creating}, {@code available}, {@code deleting}...
 * @param engine             engine name
 * @param engineVersion      engine version
 * @param allocatedStorage   allocated storage in GiB; {@code null} when RDS gives none
 * @param storageEncrypted   whether storage is encrypted
 * @param kmsKeyId           the key that encrypts it, or {@code null}
 * @param publiclyAccessible a DB instance's {@code PubliclyAccessible}; false for clusters
 * @param optionGroups       option group name to membership status ({@code in-sync}...), of a DB instance
 * @param parameterGroups    parameter group name to apply status ({@code in-sync}, {@code pending-reboot}...)
 * @param clusterIdentifier  of a DB instance: the cluster it belongs to, or {@code null}
 * @param createdAt          {@code InstanceCreateTime} / {@code ClusterCreateTime}, or {@code null}
 * @param tags               its tags
 */
public record TargetDatabase(boolean cluster, String identifier, String arn, String status, String engine,
                             String engineVersion, Integer allocatedStorage, boolean storageEncrypted,
                             String kmsKeyId, boolean publiclyAccessible, Map<String, String> optionGroups,
                             Map<String, String> parameterGroups, String clusterIdentifier, Instant createdAt,
                             Map<String, String> tags) {

    /** RDS statuses in which a restored database will not become available without someone's help. */
    static final Set<String> FAILURE_STATUSES = Set.of("failed", "incompatible-restore", "incompatible-network",
            "incompatible-option-group", "incompatible-parameters", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "restore-error", "storage-full",
            "incompatible-credentials", "migration-failed");

    /** Copies the maps. */
    public TargetDatabase {
        optionGroups = optionGroups == null ? Map.of() : Map.copyOf(optionGroups);
        parameterGroups = parameterGroups == null ? Map.of() : Map.copyOf(parameterGroups);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    boolean isAvailable() {
        return "available".equals(status);
    }

    boolean isDeleting() {
        return "deleting".equals(status);
    }

    boolean hasFailed() {
        return FAILURE_STATUSES.contains(status);
    }

    /** The kind and identifier, as logs name it: {@code db-instance orders} or {@code db-cluster orders}. */
    public String label() {
        return (cluster ? "db-cluster " : "db-instance ") + identifier;
    }
}
