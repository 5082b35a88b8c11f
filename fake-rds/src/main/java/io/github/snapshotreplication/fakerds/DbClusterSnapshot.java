package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Aurora DB cluster snapshot as the fake holds it. Immutable; {@code region} and {@code accountId} are stamped
 * by the region it is added to and {@link #arn()} is derived from them.
 *
 * @param identifier                 DBClusterSnapshotIdentifier, e.g. {@code rds:billing-aurora-2024-05-14-02-45}
 * @param dbClusterIdentifier        the cluster the snapshot was taken from
 * @param snapshotType               {@code automated} or {@code manual}
 * @param status                     {@code available}, {@code creating}, {@code copying}...
 * @param percentProgress            0..100
 * @param createdAt                  SnapshotCreateTime
 * @param engine                     e.g. {@code aurora-postgresql}
 * @param engineVersion              may be null
 * @param storageEncrypted           StorageEncrypted
 * @param kmsKeyId                   KMS key ARN, null when unencrypted
 * @param sourceDbClusterSnapshotArn SourceDBClusterSnapshotArn of a copy, else null
 * @param tags                       tags in insertion order
 * @param createdBy                  access key id of the request that created it, {@code setup} or {@code rds}
 * @param region                     region that holds the snapshot (stamped on add)
 * @param accountId                  owning account (stamped on add)
 * @param sharedWith                 the {@code restore} attribute: the account ids (or {@code all}) the owner shared
 *                                   the snapshot with, in the order added; a copy starts with none
 */
public record DbClusterSnapshot(String identifier, String dbClusterIdentifier, String snapshotType, String status,
                                int percentProgress, Instant createdAt, String engine, String engineVersion,
                                boolean storageEncrypted, String kmsKeyId, String sourceDbClusterSnapshotArn,
                                Map<String, String> tags, String createdBy, String region, String accountId,
                                List<String> sharedWith) {

    /** Validates and freezes the record. */
    public DbClusterSnapshot {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(snapshotType, "snapshotType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (percentProgress < 0 || percentProgress > 100) {
            throw new IllegalArgumentException("percentProgress must be 0..100: " + percentProgress);
        }
        tags = Tags.copyOf(tags);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    /** @return a builder with the defaults: manual, available, 100 %, aurora-postgresql, 2024-01-01T00:00:00Z */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code arn:aws:rds:REGION:ACCOUNT:cluster-snapshot:ID}; the snapshot must belong to a region */
    public String arn() {
        if (region == null) {
            throw new IllegalStateException("cluster snapshot " + identifier + " is not in a region yet: no ARN");
        }
        return "arn:aws:rds:" + region + ":" + accountId + ":cluster-snapshot:" + identifier;
    }

    /** @return true while the snapshot is being created or copied */
    public boolean isPending() {
        return SnapshotStatus.isPending(status);
    }

    /** @return the region a cross-region copy came from (parsed from its source ARN), or null */
    public String sourceRegion() {
        return sourceDbClusterSnapshotArn == null ? null : Arn.parse(sourceDbClusterSnapshotArn).region();
    }

    /** @return a builder holding every value of this snapshot */
    public Builder toBuilder() {
        return new Builder().identifier(identifier).dbClusterIdentifier(dbClusterIdentifier)
                .snapshotType(snapshotType).status(status).percentProgress(percentProgress).createdAt(createdAt)
                .engine(engine).engineVersion(engineVersion).storageEncrypted(storageEncrypted).kmsKeyId(kmsKeyId)
                .sourceDbClusterSnapshotArn(sourceDbClusterSnapshotArn).tags(tags).createdBy(createdBy)
                .region(region).accountId(accountId).sharedWith(sharedWith);
    }

    /** @return a copy with another status and progress */
    public DbClusterSnapshot withStatus(String newStatus, int newPercentProgress) {
        return toBuilder().status(newStatus).percentProgress(newPercentProgress).build();
    }

    /** @return a copy with these tags (in this order) */
    public DbClusterSnapshot withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** @return a copy with one tag added or replaced */
    public DbClusterSnapshot withTag(String key, String value) {
        return withTags(Tags.with(tags, key, value));
    }

    /** @return a copy shared with these accounts (the {@code restore} attribute) */
    public DbClusterSnapshot withSharedWith(List<String> accountIds) {
        return toBuilder().sharedWith(accountIds).build();
    }

    /** @return a copy in another region and account (the fake stamps these on add) */
    public DbClusterSnapshot withLocation(String newRegion, String newAccountId) {
        return toBuilder().region(newRegion).accountId(newAccountId).build();
    }

    /** Builder for {@link DbClusterSnapshot}. */
    public static final class Builder {
        private String identifier;
        private String dbClusterIdentifier;
        private String snapshotType = "manual";
        private String status = SnapshotStatus.AVAILABLE;
        private Integer percentProgress;
        private Instant createdAt = Instant.parse("2024-01-01T00:00:00Z");
        private String engine = "aurora-postgresql";
        private String engineVersion;
        private boolean storageEncrypted;
        private String kmsKeyId;
        private String sourceDbClusterSnapshotArn;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String createdBy;
        private String region;
        private String accountId;
        private List<String> sharedWith = List.of();

        private Builder() {
        }

        public Builder identifier(String value) { identifier = value; return this; }
        public Builder dbClusterIdentifier(String value) { dbClusterIdentifier = value; return this; }
        public Builder snapshotType(String value) { snapshotType = value; return this; }
        public Builder status(String value) { status = value; return this; }
        /** Default: 100 when available, else 0. */
        public Builder percentProgress(int value) { percentProgress = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder engine(String value) { engine = value; return this; }
        public Builder engineVersion(String value) { engineVersion = value; return this; }
        public Builder storageEncrypted(boolean value) { storageEncrypted = value; return this; }
        public Builder kmsKeyId(String value) { kmsKeyId = value; return this; }
        public Builder sourceDbClusterSnapshotArn(String value) { sourceDbClusterSnapshotArn = value; return this; }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }
        /** Replaces all tags. */
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        /** Default: {@code setup} when added through {@link FakeRegion}. */
        public Builder createdBy(String value) { createdBy = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder accountId(String value) { accountId = value; return this; }
        /** The {@code restore} attribute: account ids (or {@code all}) to share with; default none. */
        public Builder sharedWith(List<String> value) { sharedWith = value; return this; }

        /** @return the cluster snapshot */
        public DbClusterSnapshot build() {
            int progress = percentProgress != null ? percentProgress : SnapshotStatus.defaultProgress(status);
            return new DbClusterSnapshot(identifier, dbClusterIdentifier, snapshotType, status, progress, createdAt,
                    engine, engineVersion, storageEncrypted, kmsKeyId, sourceDbClusterSnapshotArn, tags, createdBy,
                    region, accountId, sharedWith);
        }
    }
}
