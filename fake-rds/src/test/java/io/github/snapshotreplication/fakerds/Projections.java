package io.github.snapshotreplication.fakerds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/** The fields of parsed SDK objects that the fake models, by name (null values allowed). */
final class Projections {

    private Projections() {
    }

    static Map<String, Object> of(DBSnapshot s) {
        Map<String, Object> m = new HashMap<>();
        m.put("DBSnapshotIdentifier", s.dbSnapshotIdentifier());
        m.put("DBSnapshotArn", s.dbSnapshotArn());
        m.put("DBInstanceIdentifier", s.dbInstanceIdentifier());
        m.put("SnapshotCreateTime", s.snapshotCreateTime());
        m.put("OriginalSnapshotCreateTime", s.originalSnapshotCreateTime());
        m.put("SnapshotType", s.snapshotType());
        m.put("Status", s.status());
        m.put("PercentProgress", s.percentProgress());
        m.put("SourceRegion", s.sourceRegion());
        m.put("SourceDBSnapshotIdentifier", s.sourceDBSnapshotIdentifier());
        m.put("Engine", s.engine());
        m.put("EngineVersion", s.engineVersion());
        m.put("AllocatedStorage", s.allocatedStorage());
        m.put("Encrypted", s.encrypted());
        m.put("KmsKeyId", s.kmsKeyId());
        m.put("TagList", tags(s.tagList()));
        return m;
    }

    static Map<String, Object> of(DBClusterSnapshot s) {
        Map<String, Object> m = new HashMap<>();
        m.put("DBClusterSnapshotIdentifier", s.dbClusterSnapshotIdentifier());
        m.put("DBClusterSnapshotArn", s.dbClusterSnapshotArn());
        m.put("SourceDBClusterSnapshotArn", s.sourceDBClusterSnapshotArn());
        m.put("DBClusterIdentifier", s.dbClusterIdentifier());
        m.put("SnapshotCreateTime", s.snapshotCreateTime());
        m.put("SnapshotType", s.snapshotType());
        m.put("Status", s.status());
        m.put("PercentProgress", s.percentProgress());
        m.put("Engine", s.engine());
        m.put("EngineVersion", s.engineVersion());
        m.put("StorageEncrypted", s.storageEncrypted());
        m.put("KmsKeyId", s.kmsKeyId());
        m.put("TagList", tags(s.tagList()));
        return m;
    }

    static Map<String, Object> of(DBInstance i) {
        Map<String, Object> m = new HashMap<>();
        m.put("DBInstanceIdentifier", i.dbInstanceIdentifier());
        m.put("DBInstanceArn", i.dbInstanceArn());
        m.put("DBInstanceStatus", i.dbInstanceStatus());
        m.put("DBInstanceClass", i.dbInstanceClass());
        m.put("Engine", i.engine());
        m.put("EngineVersion", i.engineVersion());
        m.put("AllocatedStorage", i.allocatedStorage());
        m.put("BackupRetentionPeriod", i.backupRetentionPeriod());
        m.put("ReadReplicaSourceDBInstanceIdentifier", i.readReplicaSourceDBInstanceIdentifier());
        m.put("DBSubnetGroupName", i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName());
        m.put("OptionGroupMemberships", i.optionGroupMemberships().stream()
                .map(o -> o.optionGroupName()).toList());
        m.put("CopyTagsToSnapshot", i.copyTagsToSnapshot());
        m.put("StorageEncrypted", i.storageEncrypted());
        m.put("KmsKeyId", i.kmsKeyId());
        m.put("TagList", tags(i.tagList()));
        return m;
    }

    static Map<String, Object> of(DBCluster c) {
        Map<String, Object> m = new HashMap<>();
        m.put("DBClusterIdentifier", c.dbClusterIdentifier());
        m.put("DBClusterArn", c.dbClusterArn());
        m.put("Status", c.status());
        m.put("Engine", c.engine());
        m.put("EngineVersion", c.engineVersion());
        m.put("StorageEncrypted", c.storageEncrypted());
        m.put("KmsKeyId", c.kmsKeyId());
        m.put("BackupRetentionPeriod", c.backupRetentionPeriod());
        m.put("ReplicationSourceIdentifier", c.replicationSourceIdentifier());
        m.put("CopyTagsToSnapshot", c.copyTagsToSnapshot());
        m.put("DBClusterMembers", c.dbClusterMembers().stream()
                .map(member -> member.dbInstanceIdentifier() + "/writer=" + member.isClusterWriter()).toList());
        m.put("TagList", tags(c.tagList()));
        return m;
    }

    /** The fixture's non-null, non-empty fields: the fake must produce every one of them with the same value. */
    static Map<String, Object> present(Map<String, Object> fixture) {
        return fixture.entrySet().stream().filter(e -> e.getValue() != null && !List.of().equals(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String tags(List<Tag> tags) {
        return tags.stream().map(t -> t.key() + "=" + t.value()).collect(Collectors.joining(", ", "[", "]"));
    }
}
