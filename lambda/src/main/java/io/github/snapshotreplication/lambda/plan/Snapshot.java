package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DB snapshot or DB cluster snapshot as described by RDS, in either region.
 *
 * @param kind              DB snapshot or DB cluster snapshot
 * @param identifier        snapshot identifier
 * @param arn               snapshot ARN
 * @param dbIdentifier      DB instance or DB cluster identifier it was taken from
 * @param createdAt         {@code SnapshotCreateTime}
 * @param status            RDS status: {@code available}, {@code creating}, {@code copying}, {@code pending}...
 * @param snapshotType      {@code automated}, {@code manual}, ...
 * @param encrypted         {@code Encrypted} / {@code StorageEncrypted}
 * @param kmsKeyId          KMS key of an encrypted snapshot, or {@code null}
 * @param optionGroupName   option group of a DB snapshot, or {@code null}
 * @param sourceRegion      for a cross-region copy: the region it is copied from, else {@code null}
 * @param sourceSnapshotArn for a copy: the ARN it is copied from, else {@code null}
 * @param tags              its tags
 */
public record Snapshot(SnapshotKind kind, String identifier, String arn, String dbIdentifier, Instant createdAt,
                       String status, String snapshotType, boolean encrypted, String kmsKeyId,
                       String optionGroupName, String sourceRegion, String sourceSnapshotArn,
                       Map<String, String> tags) {

    /** RDS statuses of a snapshot that is still being created or copied. */
    public static final Set<String> IN_PROGRESS_STATUSES = Set.of("creating", "copying", "pending");

    /** Validates and copies. */
    public Snapshot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(status, "status");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** True when the snapshot can be copied, restored or deleted. */
    public boolean isAvailable() {
        return "available".equals(status);
    }

    /** True while the snapshot is being created or copied. */
    public boolean isInProgress() {
        return IN_PROGRESS_STATUSES.contains(status);
    }

    /** True for an automated (system) snapshot. */
    public boolean isAutomated() {
        return "automated".equals(snapshotType);
    }

    /** True for a manual snapshot. */
    public boolean isManual() {
        return "manual".equals(snapshotType);
    }

    /** The region in the snapshot's ARN, or {@code null} if the ARN cannot be parsed. */
    public String region() {
        return SnapshotArn.parse(arn).map(SnapshotArn::region).orElse(null);
    }

    /** The ownership tags, when this snapshot carries the managed-by tag. */
    public Optional<Ownership> ownership() {
        return Ownership.fromTags(tags);
    }

    /**
     * True when this snapshot is a copy still in flight into {@code targetRegion} from another region: it counts
     * against the account's cross-region copy quota, whoever started it.
     */
    public boolean isCrossRegionCopyInFlight(String targetRegion) {
        if (!isInProgress()) {
            return false;
        }
        if (sourceRegion != null && !sourceRegion.equals(targetRegion)) {
            return true;
        }
        String fromArn = SnapshotArn.parse(sourceSnapshotArn).map(SnapshotArn::region).orElse(null);
        if (fromArn != null && !fromArn.equals(targetRegion)) {
            return true;
        }
        return ownership().map(o -> o.sourceRegion() != null && !o.sourceRegion().equals(targetRegion))
                .orElse(false);
    }
}
