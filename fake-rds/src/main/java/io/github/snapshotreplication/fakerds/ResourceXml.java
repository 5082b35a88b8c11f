package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;

/** Writes the fake's resources in the element names and order of the RDS 2014-10-31 Query API. */
final class ResourceXml {

    private ResourceXml() {
    }

    static void dbSnapshot(XmlWriter xml, DbSnapshot s) {
        dbSnapshot(xml, s, s.accountId());
    }

    /**
     * The snapshot as the account {@code viewer} sees it. Another account's snapshot, shared with the viewer, shows
     * its ARN as identifier, the type {@code shared} (or {@code public}) and no tags (README: assumptions).
     */
    static void dbSnapshot(XmlWriter xml, DbSnapshot s, String viewer) {
        boolean own = viewer.equals(s.accountId());
        xml.start("DBSnapshot")
                .element("DBSnapshotIdentifier", own ? s.identifier() : s.arn())
                .element("DBSnapshotArn", s.arn())
                .element("DBInstanceIdentifier", s.dbInstanceIdentifier())
                .element("SnapshotCreateTime", s.createdAt())
                .element("OriginalSnapshotCreateTime", s.originalCreatedAt())
                .element("SnapshotType", own ? s.snapshotType() : Sharing.typeSeenBy(s.sharedWith(), viewer))
                .element("Status", s.status())
                .element("PercentProgress", s.percentProgress())
                .element("SourceRegion", s.sourceRegion())
                .element("SourceDBSnapshotIdentifier", s.sourceDbSnapshotIdentifier())
                .element("Engine", s.engine())
                .element("EngineVersion", s.engineVersion())
                .element("AllocatedStorage", s.allocatedStorage())
                .element("OptionGroupName", s.optionGroupName())
                .element("Encrypted", s.encrypted())
                .element("KmsKeyId", s.kmsKeyId());
        tagList(xml, own ? s.tags() : Map.of());
        xml.end();
    }

    static void dbClusterSnapshot(XmlWriter xml, DbClusterSnapshot s) {
        dbClusterSnapshot(xml, s, s.accountId());
    }

    /** The cluster snapshot as the account {@code viewer} sees it, as {@link #dbSnapshot} shows a DB snapshot. */
    static void dbClusterSnapshot(XmlWriter xml, DbClusterSnapshot s, String viewer) {
        boolean own = viewer.equals(s.accountId());
        xml.start("DBClusterSnapshot")
                .element("DBClusterSnapshotIdentifier", own ? s.identifier() : s.arn())
                .element("DBClusterSnapshotArn", s.arn())
                .element("SourceDBClusterSnapshotArn", s.sourceDbClusterSnapshotArn())
                .element("DBClusterIdentifier", s.dbClusterIdentifier())
                .element("SnapshotCreateTime", s.createdAt())
                .element("SnapshotType", own ? s.snapshotType() : Sharing.typeSeenBy(s.sharedWith(), viewer))
                .element("Status", s.status())
                .element("PercentProgress", s.percentProgress())
                .element("Engine", s.engine())
                .element("EngineVersion", s.engineVersion())
                .element("StorageEncrypted", s.storageEncrypted())
                .element("KmsKeyId", s.kmsKeyId());
        tagList(xml, own ? s.tags() : Map.of());
        xml.end();
    }

    static void dbInstance(XmlWriter xml, DbInstance i) {
        xml.start("DBInstance")
                .element("DBInstanceIdentifier", i.identifier())
                .element("DBInstanceArn", i.arn())
                .element("DBInstanceClass", i.dbInstanceClass())
                .element("DBInstanceStatus", i.status())
                // RDS shows no InstanceCreateTime while the instance is being created.
                .element("InstanceCreateTime", DatabaseLifecycle.CREATING.equals(i.status()) ? null
                        : i.instanceCreateTime())
                .element("Engine", i.engine())
                .element("EngineVersion", i.engineVersion())
                .element("AllocatedStorage", i.allocatedStorage())
                .element("BackupRetentionPeriod", i.backupRetentionPeriod())
                .element("ReadReplicaSourceDBInstanceIdentifier", i.readReplicaSourceDBInstanceIdentifier())
                .element("DBClusterIdentifier", i.dbClusterIdentifier());
        if (i.dbSubnetGroupName() != null) {
            xml.start("DBSubnetGroup").element("DBSubnetGroupName", i.dbSubnetGroupName()).end();
        }
        if (i.dbParameterGroupName() != null) {
            xml.start("DBParameterGroups").start("DBParameterGroup")
                    .element("DBParameterGroupName", i.dbParameterGroupName())
                    .element("ParameterApplyStatus", "in-sync")
                    .end().end();
        }
        vpcSecurityGroups(xml, i.vpcSecurityGroupIds());
        if (i.optionGroupName() != null) {
            xml.start("OptionGroupMemberships").start("OptionGroupMembership")
                    .element("OptionGroupName", i.optionGroupName())
                    .element("Status", "in-sync")
                    .end().end();
        }
        xml.element("StorageEncrypted", i.storageEncrypted())
                .element("KmsKeyId", i.kmsKeyId())
                .element("CopyTagsToSnapshot", i.copyTagsToSnapshot())
                .element("MultiAZ", i.multiAz())
                .element("PubliclyAccessible", i.publiclyAccessible())
                .element("DeletionProtection", i.deletionProtection());
        tagList(xml, i.tags());
        xml.end();
    }

    static void dbCluster(XmlWriter xml, DbCluster c) {
        xml.start("DBCluster")
                .element("DBClusterIdentifier", c.identifier())
                .element("DBClusterArn", c.arn())
                .element("Status", c.status())
                .element("Engine", c.engine())
                .element("EngineVersion", c.engineVersion())
                .element("StorageEncrypted", c.storageEncrypted())
                .element("KmsKeyId", c.kmsKeyId())
                .element("BackupRetentionPeriod", c.backupRetentionPeriod())
                .element("ReplicationSourceIdentifier", c.replicationSourceIdentifier())
                .element("CopyTagsToSnapshot", c.copyTagsToSnapshot())
                .element("ClusterCreateTime", c.clusterCreateTime())
                .element("DBSubnetGroup", c.dbSubnetGroupName())
                .element("DBClusterParameterGroup", c.parameterGroupName())
                .element("DeletionProtection", c.deletionProtection());
        vpcSecurityGroups(xml, c.vpcSecurityGroupIds());
        xml.start("DBClusterMembers");
        for (int n = 0; n < c.members().size(); n++) {
            xml.start("DBClusterMember")
                    .element("DBInstanceIdentifier", c.members().get(n))
                    .element("IsClusterWriter", n == 0)
                    .end();
        }
        xml.end();
        tagList(xml, c.tags());
        xml.end();
    }

    static void optionGroup(XmlWriter xml, OptionGroup g) {
        xml.start("OptionGroup")
                .element("OptionGroupName", g.name())
                .element("OptionGroupDescription", g.description())
                .element("EngineName", g.engineName())
                .element("MajorEngineVersion", g.majorEngineVersion())
                .start("Options");
        for (OptionGroup.Option option : g.options()) {
            xml.start("Option")
                    .element("OptionName", option.name())
                    .element("Persistent", option.persistent())
                    .element("Permanent", option.permanent())
                    .end();
        }
        xml.end()
                .element("AllowsVpcAndNonVpcInstanceMemberships", true)
                .element("OptionGroupArn", g.arn())
                .end();
    }

    private static void vpcSecurityGroups(XmlWriter xml, List<String> groupIds) {
        xml.start("VpcSecurityGroups");
        groupIds.forEach(id -> xml.start("VpcSecurityGroupMembership").element("VpcSecurityGroupId", id)
                .element("Status", "active").end());
        xml.end();
    }

    static void tagList(XmlWriter xml, Map<String, String> tags) {
        xml.start("TagList");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end());
        xml.end();
    }
}
