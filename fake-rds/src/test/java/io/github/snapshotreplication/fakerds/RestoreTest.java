package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.OptionGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/** RestoreDBInstanceFromDBSnapshot and RestoreDBClusterFromSnapshot. */
class RestoreTest {

    private static final String USER_KEY = "AKIAUSER000000000002";

    private FakeRdsServer rds;
    private RdsClient user;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        user = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, USER_KEY);
        region = rds.region(Sdk.SOURCE);
        region.addDbInstance(DbInstance.builder().identifier("orders-db").engine("postgres").engineVersion("16.2")
                .allocatedStorage(100).storageEncrypted(true).kmsKeyId(Sdk.SOURCE_KEY)
                .optionGroupName("default:postgres-16").tag("team", "orders").tag("env", "prod").build());
        user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("drill")
                .tags(Tag.builder().key("purpose").value("drill").build()));
        region.completePendingCopies();
    }

    @AfterEach
    void stop() {
        user.close();
        rds.close();
    }

    @Test
    void withoutTagsTheRestoredInstanceGetsTheSourceInstancesTagsOfSnapshotTimeNotTheSnapshots() {
        region.addDbInstance(region.dbInstance("orders-db").orElseThrow().withTags(Map.of("team", "renamed")));

        DBInstance restored = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("orders-restored")
                .dbSnapshotIdentifier("drill")).dbInstance();

        assertThat(restored.tagList()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=orders", "env=prod");
    }

    @Test
    void withTagsTheRestoredInstanceGetsOnlyThose() {
        DBInstance restored = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("orders-restored")
                .dbSnapshotIdentifier("drill").tags(Tag.builder().key("drill").value("2024-05").build()))
                .dbInstance();

        assertThat(restored.tagList()).extracting(Tag::key).containsExactly("drill");
    }

    @Test
    void theRestoredInstanceIsAvailableAtOnceWithTheSnapshotsEngineStorageAndKey() {
        region.addSubnetGroup("drill-subnets", "vpc-0a1b2c3d");

        DBInstance restored = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("Orders-Restored")
                .dbSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "drill")).dbInstanceClass("db.t4g.medium")
                .dbSubnetGroupName("drill-subnets").copyTagsToSnapshot(true)).dbInstance();

        assertThat(restored.dbInstanceIdentifier()).isEqualTo("orders-restored");
        assertThat(restored.dbInstanceStatus()).isEqualTo("available");
        assertThat(restored.engine()).isEqualTo("postgres");
        assertThat(restored.engineVersion()).isEqualTo("16.2");
        assertThat(restored.allocatedStorage()).isEqualTo(100);
        assertThat(restored.storageEncrypted()).isTrue();
        assertThat(restored.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
        assertThat(restored.dbInstanceClass()).isEqualTo("db.t4g.medium");
        assertThat(restored.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("drill-subnets");
        assertThat(restored.copyTagsToSnapshot()).isTrue();
        assertThat(restored.optionGroupMemberships().get(0).optionGroupName()).isEqualTo("default:postgres-16");
        assertThat(restored.backupRetentionPeriod()).isEqualTo(1);
        assertThat(region.dbInstance("orders-restored").orElseThrow().createdBy()).isEqualTo(USER_KEY);
        assertThat(rds.count("RestoreDBInstanceFromDBSnapshot")).isEqualTo(1);
        assertThat(rds.mutatingRequestCount()).isEqualTo(2); // the CreateDBSnapshot of the set-up, and the restore
    }

    @Test
    void aCrossRegionCopyCarriesTheSourceInstancesTagsToARestoreThere() {
        try (RdsClient target = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, USER_KEY)) {
            target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "drill"))
                    .targetDBSnapshotIdentifier("drill-dr").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
            rds.region(Sdk.TARGET).completePendingCopies();

            DBInstance restored = target.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("orders-dr")
                    .dbSnapshotIdentifier("drill-dr")).dbInstance();

            assertThat(restored.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
            assertThat(restored.tagList()).extracting(Tag::key).containsExactly("team", "env");
            assertThat(restored.optionGroupMemberships().get(0).optionGroupName()).isEqualTo("default:postgres-16");
        }
    }

    @Test
    void aSnapshotAddedWithoutInstanceTagsGivesNone() {
        region.addDbSnapshot(Sdk.automated("rds:legacy", "legacy-db").tag("k", "v").build());

        DBInstance restored = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("legacy")
                .dbSnapshotIdentifier("rds:legacy")).dbInstance();

        assertThat(restored.tagList()).isEmpty();
    }

    @Test
    void restoreRefusesWhatRdsRefuses() {
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("x")
                .dbSnapshotIdentifier("nope"))).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("drill"))).isInstanceOf(DbInstanceAlreadyExistsException.class);
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("x")
                .dbSnapshotIdentifier("drill").optionGroupName("ora-missing")))
                .isInstanceOf(OptionGroupNotFoundException.class);
        region.addDbSnapshot(DbSnapshot.builder().identifier("busy").status("creating").build());
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("x")
                .dbSnapshotIdentifier("busy"))).isInstanceOf(InvalidDbSnapshotStateException.class);
        assertThat(region.dbInstances()).extracting(DbInstance::identifier).containsExactly("orders-db");
    }

    @Test
    void aClusterIsRestoredFromAClusterSnapshotWithOnlyTheRequestsTags() {
        region.addDbClusterSnapshot(Sdk.automatedCluster("rds:billing-1", "billing").tag("team", "billing").build());

        DBCluster restored = user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("billing-drill")
                .snapshotIdentifier("rds:billing-1").engine("aurora-postgresql").copyTagsToSnapshot(true)
                .tags(Tag.builder().key("drill").value("yes").build())).dbCluster();
        DBCluster untagged = user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("billing-drill-2")
                .snapshotIdentifier(Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:billing-1"))
                .engine("aurora-postgresql")).dbCluster();

        assertThat(restored.status()).isEqualTo("available");
        assertThat(restored.engine()).isEqualTo("aurora-postgresql");
        assertThat(restored.storageEncrypted()).isTrue();
        assertThat(restored.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
        assertThat(restored.copyTagsToSnapshot()).isTrue();
        assertThat(restored.tagList()).extracting(Tag::key).containsExactly("drill");
        assertThat(untagged.tagList()).isEmpty();
        assertThat(region.dbCluster("billing-drill").orElseThrow().createdBy()).isEqualTo(USER_KEY);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("billing-drill")
                .snapshotIdentifier("rds:billing-1").engine("aurora-postgresql")))
                .isInstanceOf(DbClusterAlreadyExistsException.class);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("x")
                .snapshotIdentifier("nope").engine("aurora-postgresql")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("y")
                .snapshotIdentifier("rds:billing-1").engine("aurora-postgresql").backupRetentionPeriod(0)))
                .isInstanceOf(RdsException.class).hasMessageContaining("between 1 and 35");
        assertThat(user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("no-backups")
                .dbSnapshotIdentifier("drill").backupRetentionPeriod(0)).dbInstance().backupRetentionPeriod())
                .isZero();
    }
}
