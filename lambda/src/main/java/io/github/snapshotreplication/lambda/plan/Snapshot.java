package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DB snapshot or DB cluster snapshot as described by RDS, in either region. An immutable value.
 *
 * <p>Built with {@link #builder()}. A class rather than a record to hold one derived field: the ownership tags,
 * parsed once here instead of on every planner lookup (they were the planner's largest cost on large fleets,
 * {@code Instant.parse} included). Equality, hash code and string form are those of a record over its values.
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
    private final String engine;
    private final String engineVersion;
    private final Integer allocatedStorage;
    private final Instant originalCreatedAt;
    private final Map<String, String> tags;
    private final Optional<OwnershipTags> ownershipTags;

    private Snapshot(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.identifier = Objects.requireNonNull(b.identifier, "identifier");
        this.arn = Objects.requireNonNull(b.arn, "arn");
        this.dbIdentifier = b.dbIdentifier;
        this.createdAt = b.createdAt;
        this.status = Objects.requireNonNull(b.status, "status");
        this.snapshotType = b.snapshotType;
        this.encrypted = b.encrypted;
        this.kmsKeyId = b.kmsKeyId;
        this.optionGroupName = b.optionGroupName;
        this.sourceRegion = b.sourceRegion;
        this.sourceSnapshotArn = b.sourceSnapshotArn;
        this.engine = b.engine;
        this.engineVersion = b.engineVersion;
        this.allocatedStorage = b.allocatedStorage;
        this.originalCreatedAt = b.originalCreatedAt;
        this.tags = b.tags == null ? Map.of() : Map.copyOf(b.tags);
        this.ownershipTags = OwnershipTags.fromTags(this.tags);
    }

    /** @return a builder; kind, identifier, ARN and status are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every value of this snapshot */
    public Builder toBuilder() {
        return new Builder().kind(kind).identifier(identifier).arn(arn).dbIdentifier(dbIdentifier)
                .createdAt(createdAt).status(status).snapshotType(snapshotType).encrypted(encrypted)
                .kmsKeyId(kmsKeyId).optionGroupName(optionGroupName).sourceRegion(sourceRegion)
                .sourceSnapshotArn(sourceSnapshotArn).engine(engine).engineVersion(engineVersion)
                .allocatedStorage(allocatedStorage).originalCreatedAt(originalCreatedAt).tags(tags);
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

    /** The database engine, e.g. {@code postgres}, {@code aurora-mysql}, {@code custom-oracle-ee}; may be null. */
    public String engine() {
        return engine;
    }

    /** The engine version, e.g. {@code 16.4}; may be null. */
    public String engineVersion() {
        return engineVersion;
    }

    /** Allocated storage in GiB, as RDS reports it; may be null (Aurora reports 0 or 1). */
    public Integer allocatedStorage() {
        return allocatedStorage;
    }

    /**
     * For a DB snapshot, RDS's {@code OriginalSnapshotCreateTime}: when the source was taken, unchanged by copies
     * (docs/aws-references.md#o4). Null for cluster snapshots, which have no such field.
     */
    public Instant originalCreatedAt() {
        return originalCreatedAt;
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

    /**
     * What this snapshot's tags claim about its origin, when it carries a managed-by tag. A claim, not a proof:
     * tags travel with copies and restores ({@link OwnershipProof} decides).
     */
    public Optional<OwnershipTags> ownershipTags() {
        return ownershipTags;
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
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Snapshot s && kind == s.kind && identifier.equals(s.identifier)
                && arn.equals(s.arn) && Objects.equals(dbIdentifier, s.dbIdentifier)
                && Objects.equals(createdAt, s.createdAt) && status.equals(s.status)
                && Objects.equals(snapshotType, s.snapshotType) && encrypted == s.encrypted
                && Objects.equals(kmsKeyId, s.kmsKeyId) && Objects.equals(optionGroupName, s.optionGroupName)
                && Objects.equals(sourceRegion, s.sourceRegion)
                && Objects.equals(sourceSnapshotArn, s.sourceSnapshotArn) && Objects.equals(engine, s.engine)
                && Objects.equals(engineVersion, s.engineVersion)
                && Objects.equals(allocatedStorage, s.allocatedStorage)
                && Objects.equals(originalCreatedAt, s.originalCreatedAt) && tags.equals(s.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, identifier, arn, dbIdentifier, createdAt, status, snapshotType, encrypted, kmsKeyId,
                optionGroupName, sourceRegion, sourceSnapshotArn, engine, engineVersion, allocatedStorage,
                originalCreatedAt, tags);
    }

    @Override
    public String toString() {
        return "Snapshot[kind=" + kind + ", identifier=" + identifier + ", arn=" + arn + ", dbIdentifier="
                + dbIdentifier + ", createdAt=" + createdAt + ", status=" + status + ", snapshotType=" + snapshotType
                + ", encrypted=" + encrypted + ", kmsKeyId=" + kmsKeyId + ", optionGroupName=" + optionGroupName
                + ", sourceRegion=" + sourceRegion + ", sourceSnapshotArn=" + sourceSnapshotArn + ", engine=" + engine
                + ", engineVersion=" + engineVersion + ", allocatedStorage=" + allocatedStorage
                + ", originalCreatedAt=" + originalCreatedAt + ", tags=" + tags + "]";
    }

    /** Builder of {@link Snapshot}. */
    public static final class Builder {
        private SnapshotKind kind;
        private String identifier;
        private String arn;
        private String dbIdentifier;
        private Instant createdAt;
        private String status;
        private String snapshotType;
        private boolean encrypted;
        private String kmsKeyId;
        private String optionGroupName;
        private String sourceRegion;
        private String sourceSnapshotArn;
        private String engine;
        private String engineVersion;
        private Integer allocatedStorage;
        private Instant originalCreatedAt;
        private Map<String, String> tags = Map.of();

        private Builder() {
        }

        /** @param v DB snapshot or DB cluster snapshot @return this */
        public Builder kind(SnapshotKind v) {
            kind = v;
            return this;
        }

        /** @param v snapshot identifier @return this */
        public Builder identifier(String v) {
            identifier = v;
            return this;
        }

        /** @param v snapshot ARN @return this */
        public Builder arn(String v) {
            arn = v;
            return this;
        }

        /** @param v DB instance or DB cluster identifier it was taken from @return this */
        public Builder dbIdentifier(String v) {
            dbIdentifier = v;
            return this;
        }

        /** @param v {@code SnapshotCreateTime} @return this */
        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        /** @param v RDS status: {@code available}, {@code creating}, {@code copying}, {@code failed}... @return this */
        public Builder status(String v) {
            status = v;
            return this;
        }

        /** @param v {@code automated}, {@code manual}, ... @return this */
        public Builder snapshotType(String v) {
            snapshotType = v;
            return this;
        }

        /** @param v {@code Encrypted} / {@code StorageEncrypted} @return this */
        public Builder encrypted(boolean v) {
            encrypted = v;
            return this;
        }

        /** @param v KMS key of an encrypted snapshot @return this */
        public Builder kmsKeyId(String v) {
            kmsKeyId = v;
            return this;
        }

        /** @param v option group of a DB snapshot @return this */
        public Builder optionGroupName(String v) {
            optionGroupName = v;
            return this;
        }

        /** @param v RDS's {@code SourceRegion} of a DB snapshot @return this */
        public Builder sourceRegion(String v) {
            sourceRegion = v;
            return this;
        }

        /** @param v for a copy: the ARN RDS says it was copied from @return this */
        public Builder sourceSnapshotArn(String v) {
            sourceSnapshotArn = v;
            return this;
        }

        /** @param v the engine @return this */
        public Builder engine(String v) {
            engine = v;
            return this;
        }

        /** @param v the engine version @return this */
        public Builder engineVersion(String v) {
            engineVersion = v;
            return this;
        }

        /** @param v allocated storage in GiB @return this */
        public Builder allocatedStorage(Integer v) {
            allocatedStorage = v;
            return this;
        }

        /** @param v {@code OriginalSnapshotCreateTime} of a DB snapshot @return this */
        public Builder originalCreatedAt(Instant v) {
            originalCreatedAt = v;
            return this;
        }

        /** @param v its tags @return this */
        public Builder tags(Map<String, String> v) {
            tags = v;
            return this;
        }

        /** @return the snapshot */
        public Snapshot build() {
            return new Snapshot(this);
        }
    }
}
