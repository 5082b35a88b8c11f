package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DB snapshot or DB cluster snapshot as described by RDS, in either region. An immutable value.
 *
 * <p>A class rather than a record only to hold one derived field: the ownership tags, parsed once here instead of
 * on every planner lookup (they were the planner's largest cost on large fleets, {@code Instant.parse} included).
 * Equality, hash code and string form are those of a record over the constructor's parameters.
 */
public final class Snapshot {

    /** RDS statuses of a snapshot that is still being created or copied. */
    public static final Set<String> IN_PROGRESS_STATUSES = Set.of("creating", "copying", "pending");

    private final SnapshotKind kind;
    private final String identifier;
    private final String arn;
    private final String dbIdentifier;
    private final Instant createdAt;
    private final String status;
    private final String snapshotType;
    private final boolean encrypted;
    private final String kmsKeyId;
    private final String optionGroupName;
    private final String sourceRegion;
    private final String sourceSnapshotArn;
    private final Map<String, String> tags;
    private final Optional<Ownership> ownership;

    /**
     * Validates and copies.
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
    public Snapshot(SnapshotKind kind, String identifier, String arn, String dbIdentifier, Instant createdAt,
                    String status, String snapshotType, boolean encrypted, String kmsKeyId,
                    String optionGroupName, String sourceRegion, String sourceSnapshotArn,
                    Map<String, String> tags) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.identifier = Objects.requireNonNull(identifier, "identifier");
        this.arn = Objects.requireNonNull(arn, "arn");
        this.dbIdentifier = dbIdentifier;
        this.createdAt = createdAt;
        this.status = Objects.requireNonNull(status, "status");
        this.snapshotType = snapshotType;
        this.encrypted = encrypted;
        this.kmsKeyId = kmsKeyId;
        this.optionGroupName = optionGroupName;
        this.sourceRegion = sourceRegion;
        this.sourceSnapshotArn = sourceSnapshotArn;
        this.tags = tags == null ? Map.of() : Map.copyOf(tags);
        this.ownership = Ownership.fromTags(this.tags);
    }

    public SnapshotKind kind() {
        return kind;
    }

    public String identifier() {
        return identifier;
    }

    public String arn() {
        return arn;
    }

    public String dbIdentifier() {
        return dbIdentifier;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String status() {
        return status;
    }

    public String snapshotType() {
        return snapshotType;
    }

    public boolean encrypted() {
        return encrypted;
    }

    public String kmsKeyId() {
        return kmsKeyId;
    }

    public String optionGroupName() {
        return optionGroupName;
    }

    public String sourceRegion() {
        return sourceRegion;
    }

    public String sourceSnapshotArn() {
        return sourceSnapshotArn;
    }

    public Map<String, String> tags() {
        return tags;
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
        return ownership;
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

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Snapshot s && kind == s.kind && identifier.equals(s.identifier)
                && arn.equals(s.arn) && Objects.equals(dbIdentifier, s.dbIdentifier)
                && Objects.equals(createdAt, s.createdAt) && status.equals(s.status)
                && Objects.equals(snapshotType, s.snapshotType) && encrypted == s.encrypted
                && Objects.equals(kmsKeyId, s.kmsKeyId) && Objects.equals(optionGroupName, s.optionGroupName)
                && Objects.equals(sourceRegion, s.sourceRegion)
                && Objects.equals(sourceSnapshotArn, s.sourceSnapshotArn) && tags.equals(s.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, identifier, arn, dbIdentifier, createdAt, status, snapshotType, encrypted, kmsKeyId,
                optionGroupName, sourceRegion, sourceSnapshotArn, tags);
    }

    @Override
    public String toString() {
        return "Snapshot[kind=" + kind + ", identifier=" + identifier + ", arn=" + arn + ", dbIdentifier="
                + dbIdentifier + ", createdAt=" + createdAt + ", status=" + status + ", snapshotType=" + snapshotType
                + ", encrypted=" + encrypted + ", kmsKeyId=" + kmsKeyId + ", optionGroupName=" + optionGroupName
                + ", sourceRegion=" + sourceRegion + ", sourceSnapshotArn=" + sourceSnapshotArn + ", tags=" + tags
                + "]";
    }
}
