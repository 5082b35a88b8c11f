package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DB cluster as DescribeDBClusters shows it: Aurora ({@code aurora-mysql}, {@code aurora-postgresql}) or a
 * Multi-AZ DB cluster ({@code mysql}, {@code postgres}). Immutable; {@code region}/{@code accountId} are stamped on
 * add.
 *
 * @param identifier                  DBClusterIdentifier
 * @param status                      e.g. {@code available}
 * @param engine                      e.g. {@code aurora-postgresql}, or {@code postgres} for a Multi-AZ DB cluster
 * @param engineVersion               may be null
 * @param storageEncrypted            StorageEncrypted
 * @param kmsKeyId                    KMS key ARN, null when unencrypted
 * @param members                     DB instance identifiers of the members; the first one is the writer
 * @param backupRetentionPeriod       days automated backups are kept, 1..35
 * @param replicationSourceIdentifier ARN of the source of a replica cluster, else null
 * @param copyTagsToSnapshot          CopyTagsToSnapshot: its tags go to its snapshots
 * @param dbSubnetGroupName           DBSubnetGroup (a name), may be null
 * @param vpcSecurityGroupIds         VpcSecurityGroups, in order
 * @param parameterGroupName          DBClusterParameterGroup, may be null
 * @param deletionProtection          DeletionProtection: DeleteDBCluster refuses it
 * @param clusterCreateTime           ClusterCreateTime, null when unknown
 * @param tags                        tags in insertion order
 * @param createdBy                   access key id of the request that created it, or {@code setup}
 * @param region                      region that holds the cluster (stamped on add)
 * @param accountId                   owning account (stamped on add)
 */
public record DbCluster(String identifier, String status, String engine, String engineVersion,
                        boolean storageEncrypted, String kmsKeyId, List<String> members, int backupRetentionPeriod,
                        String replicationSourceIdentifier, boolean copyTagsToSnapshot, String dbSubnetGroupName,
                        List<String> vpcSecurityGroupIds, String parameterGroupName, boolean deletionProtection,
                        Instant clusterCreateTime, Map<String, String> tags, String createdBy, String region,
                        String accountId) {

    /** Validates and freezes the record. */
    public DbCluster {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(status, "status");
        // RDS API reference, CreateDBCluster BackupRetentionPeriod: must be a value from 1 to 35 (a cluster always
        // has automated backups).
        if (backupRetentionPeriod < 1 || backupRetentionPeriod > 35) {
            throw new IllegalArgumentException("backupRetentionPeriod must be 1..35: " + backupRetentionPeriod);
        }
        members = List.copyOf(members == null ? List.of() : members);
        vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds == null ? List.of() : vpcSecurityGroupIds);
        tags = Tags.copyOf(tags);
    }

    /** @return a builder with the defaults: available, aurora-postgresql, backups kept 7 days, unencrypted */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code arn:aws:rds:REGION:ACCOUNT:cluster:ID}; the cluster must belong to a region */
    public String arn() {
        if (region == null) {
            throw new IllegalStateException("cluster " + identifier + " is not in a region yet: no ARN");
        }
        return "arn:aws:rds:" + region + ":" + accountId + ":cluster:" + identifier;
    }

    /** @return true for a Multi-AZ DB cluster: a cluster whose engine is not Aurora */
    public boolean isMultiAz() {
        return !Engines.isAurora(engine);
    }

    /** @return a builder holding every value of this cluster */
    public Builder toBuilder() {
        Builder builder = new Builder().identifier(identifier).status(status).engine(engine)
                .engineVersion(engineVersion).storageEncrypted(storageEncrypted).kmsKeyId(kmsKeyId)
                .backupRetentionPeriod(backupRetentionPeriod).replicationSourceIdentifier(replicationSourceIdentifier)
                .copyTagsToSnapshot(copyTagsToSnapshot).dbSubnetGroupName(dbSubnetGroupName)
                .vpcSecurityGroupIds(vpcSecurityGroupIds).parameterGroupName(parameterGroupName)
                .deletionProtection(deletionProtection).clusterCreateTime(clusterCreateTime).tags(tags)
                .createdBy(createdBy).region(region).accountId(accountId);
        members.forEach(builder::member);
        return builder;
    }

    /** @return a copy with these tags (in this order) */
    public DbCluster withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** @return a copy with these member instances (the first one is the writer) */
    public DbCluster withMembers(List<String> newMembers) {
        return toBuilder().members(newMembers).build();
    }

    /** @return a copy with another status */
    public DbCluster withStatus(String newStatus) {
        return toBuilder().status(newStatus).build();
    }

    /** @return a copy in another region and account (the fake stamps these on add) */
    public DbCluster withLocation(String newRegion, String newAccountId) {
        return toBuilder().region(newRegion).accountId(newAccountId).build();
    }

    /** Builder for {@link DbCluster}. */
    public static final class Builder {
        private String identifier;
        private String status = "available";
        private String engine = "aurora-postgresql";
        private String engineVersion;
        private boolean storageEncrypted;
        private String kmsKeyId;
        private final List<String> members = new ArrayList<>();
        private int backupRetentionPeriod = 7;
        private String replicationSourceIdentifier;
        private boolean copyTagsToSnapshot;
        private String dbSubnetGroupName;
        private final List<String> vpcSecurityGroupIds = new ArrayList<>();
        private String parameterGroupName;
        private boolean deletionProtection;
        private Instant clusterCreateTime;
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
        public Builder storageEncrypted(boolean value) { storageEncrypted = value; return this; }
        public Builder kmsKeyId(String value) { kmsKeyId = value; return this; }
        /** Adds a member instance; the first one added is the writer. */
        public Builder member(String dbInstanceIdentifier) { members.add(dbInstanceIdentifier); return this; }
        /** Replaces all members. */
        public Builder members(List<String> value) { members.clear(); members.addAll(value); return this; }
        /** Default 7. */
        public Builder backupRetentionPeriod(int value) { backupRetentionPeriod = value; return this; }
        /** Makes this cluster a replica of the cluster (ARN) {@code value}. */
        public Builder replicationSourceIdentifier(String value) { replicationSourceIdentifier = value; return this; }
        public Builder copyTagsToSnapshot(boolean value) { copyTagsToSnapshot = value; return this; }
        public Builder dbSubnetGroupName(String value) { dbSubnetGroupName = value; return this; }
        /** Replaces the VPC security groups. */
        public Builder vpcSecurityGroupIds(List<String> value) {
            vpcSecurityGroupIds.clear();
            vpcSecurityGroupIds.addAll(value);
            return this;
        }
        public Builder parameterGroupName(String value) { parameterGroupName = value; return this; }
        public Builder deletionProtection(boolean value) { deletionProtection = value; return this; }
        public Builder clusterCreateTime(Instant value) { clusterCreateTime = value; return this; }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }
        /** Replaces all tags. */
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        /** Default: {@code setup} when added through {@link FakeRegion}. */
        public Builder createdBy(String value) { createdBy = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder accountId(String value) { accountId = value; return this; }

        /** @return the cluster */
        public DbCluster build() {
            return new DbCluster(identifier, status, engine, engineVersion, storageEncrypted, kmsKeyId, members,
                    backupRetentionPeriod, replicationSourceIdentifier, copyTagsToSnapshot, dbSubnetGroupName,
                    vpcSecurityGroupIds, parameterGroupName, deletionProtection, clusterCreateTime, tags, createdBy,
                    region, accountId);
        }
    }
}
