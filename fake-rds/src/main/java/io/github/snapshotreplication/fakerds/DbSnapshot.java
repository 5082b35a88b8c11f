package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RDS DB snapshot as the fake holds it. Immutable: change it with the {@code with...} methods or
 * {@link #toBuilder()} and put it back with {@link FakeRegion#addDbSnapshot(DbSnapshot)}.
 *
 * <p>{@code region} and {@code accountId} are stamped by the region the snapshot is added to; {@link #arn()} is
 * derived from them. The copy rules look the snapshot's option group up in its region ({@link OptionGroup}); the older
 * {@code optionGroupRequiresMapping} flag marks a snapshot whose option group that region does not know as having
 * persistent or permanent options (Oracle TDE, SQL Server TDE).
 *
 * @param identifier                 DBSnapshotIdentifier, e.g. {@code rds:orders-db-2024-05-14-03-10}
 * @param dbInstanceIdentifier       the instance the snapshot was taken from
 * @param snapshotType               {@code automated} or {@code manual}
 * @param status                     {@code available}, {@code creating}, {@code copying}, {@code pending}...
 * @param percentProgress            0..100
 * @param createdAt                  SnapshotCreateTime
 * @param originalCreatedAt          OriginalSnapshotCreateTime (a copy keeps the source's)
 * @param engine                     e.g. {@code postgres}
 * @param engineVersion              e.g. {@code 16.2}, may be null
 * @param allocatedStorage           GiB
 * @param encrypted                  Encrypted
 * @param kmsKeyId                   KMS key ARN, null when unencrypted
 * @param optionGroupName            option group of the source instance, may be null
 * @param optionGroupRequiresMapping true when a cross-region copy must name a target option group (used only when
 *                                   the option group is not known in the snapshot's region)
 * @param sourceRegion               SourceRegion of a cross-region copy, else null
 * @param sourceDbSnapshotIdentifier SourceDBSnapshotIdentifier (the source ARN) of a cross-region copy, else null
 * @param tags                       tags in insertion order
 * @param instanceTags               the source DB instance's tags when the snapshot was taken (a copy keeps its
 *                                   source's), null when unknown; RestoreDBInstanceFromDBSnapshot without Tags gives
 *                                   them to the restored instance. Not part of the API's DBSnapshot.
 * @param createdBy                  access key id of the request that created it, {@code setup} or {@code rds}
 * @param region                     region that holds the snapshot (stamped on add)
 * @param accountId                  owning account (stamped on add)
 * @param sharedWith                 the {@code restore} attribute: the account ids (or {@code all}) the owner shared
 *                                   the snapshot with, in the order added; a copy starts with none
 */
public record DbSnapshot(String identifier, String dbInstanceIdentifier, String snapshotType, String status,
                         int percentProgress, Instant createdAt, Instant originalCreatedAt, String engine,
                         String engineVersion, int allocatedStorage, boolean encrypted, String kmsKeyId,
                         String optionGroupName, boolean optionGroupRequiresMapping, String sourceRegion,
                         String sourceDbSnapshotIdentifier, Map<String, String> tags,
                         Map<String, String> instanceTags, String createdBy, String region, String accountId,
                         List<String> sharedWith) {

    /** Validates and freezes the record. */
    public DbSnapshot {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(snapshotType, "snapshotType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (percentProgress < 0 || percentProgress > 100) {
            throw new IllegalArgumentException("percentProgress must be 0..100: " + percentProgress);
        }
        originalCreatedAt = originalCreatedAt == null ? createdAt : originalCreatedAt;
        tags = Tags.copyOf(tags);
        instanceTags = instanceTags == null ? null : Tags.copyOf(instanceTags);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    /** @return a builder with the defaults: manual, available, 100 %, postgres, created 2024-01-01T00:00:00Z */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the ARN {@code arn:aws:rds:REGION:ACCOUNT:snapshot:ID}; the snapshot must belong to a region */
    public String arn() {
        if (region == null) {
            throw new IllegalStateException("snapshot " + identifier + " is not in a region yet: no ARN");
        }
        return "arn:aws:rds:" + region + ":" + accountId + ":snapshot:" + identifier;
    }

    /** @return true while the snapshot is being created or copied */
    public boolean isPending() {
        return SnapshotStatus.isPending(status);
    }

    /** @return a builder holding every value of this snapshot */
    public Builder toBuilder() {
        return new Builder().identifier(identifier).dbInstanceIdentifier(dbInstanceIdentifier)
                .snapshotType(snapshotType).status(status).percentProgress(percentProgress).createdAt(createdAt)
                .originalCreatedAt(originalCreatedAt).engine(engine).engineVersion(engineVersion)
                .allocatedStorage(allocatedStorage).encrypted(encrypted).kmsKeyId(kmsKeyId)
                .optionGroupName(optionGroupName).optionGroupRequiresMapping(optionGroupRequiresMapping)
                .sourceRegion(sourceRegion).sourceDbSnapshotIdentifier(sourceDbSnapshotIdentifier).tags(tags)
                .instanceTags(instanceTags).createdBy(createdBy).region(region).accountId(accountId)
                .sharedWith(sharedWith);
    }

    /** @return a copy with another status and progress */
    public DbSnapshot withStatus(String newStatus, int newPercentProgress) {
        return toBuilder().status(newStatus).percentProgress(newPercentProgress).build();
    }

    /** @return a copy with these tags (in this order) */
    public DbSnapshot withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** @return a copy with one tag added or replaced */
    public DbSnapshot withTag(String key, String value) {
        return withTags(Tags.with(tags, key, value));
    }

    /** @return a copy shared with these accounts (the {@code restore} attribute) */
    public DbSnapshot withSharedWith(List<String> accountIds) {
        return toBuilder().sharedWith(accountIds).build();
    }

    /** @return a copy in another region and account (the fake stamps these on add) */
    public DbSnapshot withLocation(String newRegion, String newAccountId) {
        return toBuilder().region(newRegion).accountId(newAccountId).build();
    }

    /** Builder for {@link DbSnapshot}. */
    public static final class Builder {
        private String identifier;
        private String dbInstanceIdentifier;
        private String snapshotType = "manual";
        private String status = SnapshotStatus.AVAILABLE;
        private Integer percentProgress;
        private Instant createdAt = Instant.parse("2024-01-01T00:00:00Z");
        private Instant originalCreatedAt;
        private String engine = "postgres";
        private String engineVersion;
        private int allocatedStorage = 20;
        private boolean encrypted;
        private String kmsKeyId;
        private String optionGroupName;
        private boolean optionGroupRequiresMapping;
        private String sourceRegion;
        private String sourceDbSnapshotIdentifier;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Map<String, String> instanceTags;
        private String createdBy;
        private String region;
        private String accountId;
        private List<String> sharedWith = List.of();

        private Builder() {
        }

        public Builder identifier(String value) { identifier = value; return this; }
        public Builder dbInstanceIdentifier(String value) { dbInstanceIdentifier = value; return this; }
        public Builder snapshotType(String value) { snapshotType = value; return this; }
        public Builder status(String value) { status = value; return this; }
        /** Default: 100 when available, else 0. */
        public Builder percentProgress(int value) { percentProgress = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /** Default: createdAt. */
        public Builder originalCreatedAt(Instant value) { originalCreatedAt = value; return this; }
        public Builder engine(String value) { engine = value; return this; }
        public Builder engineVersion(String value) { engineVersion = value; return this; }
        public Builder allocatedStorage(int value) { allocatedStorage = value; return this; }
        public Builder encrypted(boolean value) { encrypted = value; return this; }
        public Builder kmsKeyId(String value) { kmsKeyId = value; return this; }
        public Builder optionGroupName(String value) { optionGroupName = value; return this; }
        public Builder optionGroupRequiresMapping(boolean value) { optionGroupRequiresMapping = value; return this; }
        public Builder sourceRegion(String value) { sourceRegion = value; return this; }
        public Builder sourceDbSnapshotIdentifier(String value) { sourceDbSnapshotIdentifier = value; return this; }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }
        /** Replaces all tags. */
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        /** The source instance's tags when the snapshot was taken; default null (unknown). */
        public Builder instanceTags(Map<String, String> value) { instanceTags = value; return this; }
        /** Default: {@code setup} when added through {@link FakeRegion}. */
        public Builder createdBy(String value) { createdBy = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder accountId(String value) { accountId = value; return this; }
        /** The {@code restore} attribute: account ids (or {@code all}) to share with; default none. */
        public Builder sharedWith(List<String> value) { sharedWith = value; return this; }

        /** @return the snapshot */
        public DbSnapshot build() {
            int progress = percentProgress != null ? percentProgress : SnapshotStatus.defaultProgress(status);
            return new DbSnapshot(identifier, dbInstanceIdentifier, snapshotType, status, progress, createdAt,
                    originalCreatedAt, engine, engineVersion, allocatedStorage, encrypted, kmsKeyId,
                    optionGroupName, optionGroupRequiresMapping, sourceRegion, sourceDbSnapshotIdentifier, tags,
                    instanceTags, createdBy, region, accountId, sharedWith);
        }
    }
}
