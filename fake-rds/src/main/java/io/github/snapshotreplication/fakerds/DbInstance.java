package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RDS DB instance as DescribeDBInstances shows it. Immutable; {@code region}/{@code accountId} are stamped on add.
 *
 * @param identifier                            DBInstanceIdentifier
 * @param status                                DBInstanceStatus, e.g. {@code available}
 * @param engine                                e.g. {@code postgres}, {@code oracle-ee}, {@code custom-oracle-ee}
 * @param engineVersion                         may be null
 * @param dbInstanceClass                       DBInstanceClass, e.g. {@code db.r6g.large}, may be null
 * @param allocatedStorage                      AllocatedStorage in GiB
 * @param dbClusterIdentifier                   the Aurora or Multi-AZ DB cluster it belongs to, or null
 * @param optionGroupName                       its option group (OptionGroupMemberships), may be null
 * @param dbSubnetGroupName                     DBSubnetGroup/DBSubnetGroupName, may be null
 * @param backupRetentionPeriod                 days automated backups are kept, 0..35; 0 = automated backups off
 * @param readReplicaSourceDBInstanceIdentifier the source instance of a read replica, else null
 * @param copyTagsToSnapshot                    CopyTagsToSnapshot: its tags go to its snapshots
 * @param storageEncrypted                      StorageEncrypted
 * @param kmsKeyId                              KMS key ARN, null when unencrypted
 * @param dbParameterGroupName                  DBParameterGroups/DBParameterGroupName, may be null
 * @param vpcSecurityGroupIds                   VpcSecurityGroups, in order
 * @param publiclyAccessible                    PubliclyAccessible
 * @param multiAz                               MultiAZ
 * @param deletionProtection                    DeletionProtection: DeleteDBInstance refuses it
 * @param instanceCreateTime                    InstanceCreateTime, null when unknown (shown once not creating)
 * @param tags                                  tags in insertion order
 * @param createdBy                             access key id of the request that created it, or {@code setup}
 * @param region                                region that holds the instance (stamped on add)
 * @param accountId                             owning account (stamped on add)
 */
public record DbInstance(String identifier, String status, String engine, String engineVersion,
                         String dbInstanceClass, int allocatedStorage, String dbClusterIdentifier,
                         String optionGroupName, String dbSubnetGroupName, int backupRetentionPeriod,
                         String readReplicaSourceDBInstanceIdentifier, boolean copyTagsToSnapshot,
                         boolean storageEncrypted, String kmsKeyId, String dbParameterGroupName,
                         List<String> vpcSecurityGroupIds, boolean publiclyAccessible, boolean multiAz,
                         boolean deletionProtection, Instant instanceCreateTime, Map<String, String> tags,
                         String createdBy, String region, String accountId) {

    /** Validates and freezes the record. */
    public DbInstance {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(status, "status");
        // RDS API reference, CreateDBInstance BackupRetentionPeriod: 0 to 35; 0 disables automated backups.
        if (backupRetentionPeriod < 0 || backupRetentionPeriod > 35) {
            throw new IllegalArgumentException("backupRetentionPeriod must be 0..35: " + backupRetentionPeriod);
        }
        vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds == null ? List.of() : vpcSecurityGroupIds);
        tags = Tags.copyOf(tags);
    }

    /** @return a builder with the defaults: available, postgres, 20 GiB, backups kept 7 days, unencrypted */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code arn:aws:rds:REGION:ACCOUNT:db:ID}; the instance must belong to a region */
    public String arn() {
        if (region == null) {
            throw new IllegalStateException("instance " + identifier + " is not in a region yet: no ARN");
        }
        return "arn:aws:rds:" + region + ":" + accountId + ":db:" + identifier;
    }

    /** @return true for an RDS Custom engine ({@code custom-oracle-ee}, {@code custom-sqlserver-se}...) */
    public boolean isRdsCustom() {
        return Engines.isRdsCustom(engine);
    }

    /** @return a builder holding every value of this instance */
    public Builder toBuilder() {
        return new Builder().identifier(identifier).status(status).engine(engine).engineVersion(engineVersion)
                .dbInstanceClass(dbInstanceClass).allocatedStorage(allocatedStorage)
                .dbClusterIdentifier(dbClusterIdentifier).optionGroupName(optionGroupName)
                .dbSubnetGroupName(dbSubnetGroupName).backupRetentionPeriod(backupRetentionPeriod)
                .readReplicaSourceDBInstanceIdentifier(readReplicaSourceDBInstanceIdentifier)
                .copyTagsToSnapshot(copyTagsToSnapshot).storageEncrypted(storageEncrypted).kmsKeyId(kmsKeyId)
                .dbParameterGroupName(dbParameterGroupName).vpcSecurityGroupIds(vpcSecurityGroupIds)
                .publiclyAccessible(publiclyAccessible).multiAz(multiAz).deletionProtection(deletionProtection)
                .instanceCreateTime(instanceCreateTime).tags(tags).createdBy(createdBy).region(region)
                .accountId(accountId);
    }

    /** @return a copy with these tags (in this order) */
    public DbInstance withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** @return a copy with another status */
    public DbInstance withStatus(String newStatus) {
        return toBuilder().status(newStatus).build();
    }

    /** @return a copy in another region and account (the fake stamps these on add) */
    public DbInstance withLocation(String newRegion, String newAccountId) {
        return toBuilder().region(newRegion).accountId(newAccountId).build();
    }

    /** Builder for {@link DbInstance}. */
    public static final class Builder {
        private String identifier;
        private String status = "available";
        private String engine = "postgres";
        private String engineVersion;
        private String dbInstanceClass;
        private int allocatedStorage = 20;
        private String dbClusterIdentifier;
        private String optionGroupName;
        private String dbSubnetGroupName;
        private int backupRetentionPeriod = 7;
        private String readReplicaSourceDBInstanceIdentifier;
        private boolean copyTagsToSnapshot;
        private boolean storageEncrypted;
        private String kmsKeyId;
        private String dbParameterGroupName;
        private final List<String> vpcSecurityGroupIds = new ArrayList<>();
        private boolean publiclyAccessible;
        private boolean multiAz;
        private boolean deletionProtection;
        private Instant instanceCreateTime;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String createdBy;
        private String region;
        private String accountId;

        private Builder() {
        }

        public Builder identifier(String value) { identifier = value; return this; }
        public Builder status(String value) { status = value; return this; }
        public Builder engine(String value) { engine = value; return this; }
        public Builder engineVersion(String value) { engineVersion = value; return this; }
        public Builder dbInstanceClass(String value) { dbInstanceClass = value; return this; }
        public Builder allocatedStorage(int value) { allocatedStorage = value; return this; }
        public Builder dbClusterIdentifier(String value) { dbClusterIdentifier = value; return this; }
        public Builder optionGroupName(String value) { optionGroupName = value; return this; }
        public Builder dbSubnetGroupName(String value) { dbSubnetGroupName = value; return this; }
        /** Default 7; 0 turns automated backups off. */
        public Builder backupRetentionPeriod(int value) { backupRetentionPeriod = value; return this; }
        /** Makes this instance a read replica of {@code value}. */
        public Builder readReplicaSourceDBInstanceIdentifier(String value) {
            readReplicaSourceDBInstanceIdentifier = value;
            return this;
        }
        public Builder copyTagsToSnapshot(boolean value) { copyTagsToSnapshot = value; return this; }
        public Builder storageEncrypted(boolean value) { storageEncrypted = value; return this; }
        public Builder kmsKeyId(String value) { kmsKeyId = value; return this; }
        public Builder dbParameterGroupName(String value) { dbParameterGroupName = value; return this; }
        /** Replaces the VPC security groups. */
        public Builder vpcSecurityGroupIds(List<String> value) {
            vpcSecurityGroupIds.clear();
            vpcSecurityGroupIds.addAll(value);
            return this;
        }
        public Builder publiclyAccessible(boolean value) { publiclyAccessible = value; return this; }
        public Builder multiAz(boolean value) { multiAz = value; return this; }
        public Builder deletionProtection(boolean value) { deletionProtection = value; return this; }
        public Builder instanceCreateTime(Instant value) { instanceCreateTime = value; return this; }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }
        /** Replaces all tags. */
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        /** Default: {@code setup} when added through {@link FakeRegion}. */
        public Builder createdBy(String value) { createdBy = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder accountId(String value) { accountId = value; return this; }

        /** @return the instance */
        public DbInstance build() {
            return new DbInstance(identifier, status, engine, engineVersion, dbInstanceClass, allocatedStorage,
                    dbClusterIdentifier, optionGroupName, dbSubnetGroupName, backupRetentionPeriod,
                    readReplicaSourceDBInstanceIdentifier, copyTagsToSnapshot, storageEncrypted, kmsKeyId,
                    dbParameterGroupName, vpcSecurityGroupIds, publiclyAccessible, multiAz, deletionProtection,
                    instanceCreateTime, tags, createdBy, region, accountId);
        }
    }
}
