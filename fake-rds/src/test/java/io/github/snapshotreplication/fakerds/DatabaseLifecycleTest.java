package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/** Restore drills' lifecycle: status moved by the clock, a cluster and its member instance, delete ordering. */
class DatabaseLifecycleTest extends DrillTest {

    private static final String USER_KEY = "AKIAUSER000000000003";

    DatabaseLifecycleTest() {
        super(USER_KEY, Duration.ofMinutes(20), Duration.ofMinutes(5));
    }

    @Test
    void aRestoredInstanceIsCreatingUntilItsRestoreTimeIsUpThenAvailableWithEverythingADrillChecks() {
        DBInstance answer = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("drill-orders")
                .dbSnapshotIdentifier("orders-copy").dbInstanceClass("db.t4g.medium").dbSubnetGroupName("drill-subnets")
                .vpcSecurityGroupIds("sg-1", "sg-2").publiclyAccessible(false).multiAZ(true).deletionProtection(false)
                .dbParameterGroupName("drill-params").optionGroupName("default:postgres-16")
                .tags(Tag.builder().key("drill").value("2024-05").build())).dbInstance();

        assertThat(answer.dbInstanceStatus()).isEqualTo("creating");
        assertThat(answer.instanceCreateTime()).isNull();
        clock.advance(Duration.ofMinutes(19));
        assertThat(status("drill-orders")).isEqualTo("creating");
        clock.advance(Duration.ofMinutes(1));

        DBInstance ready = describe("drill-orders");
        assertThat(ready.dbInstanceStatus()).isEqualTo("available");
        assertThat(ready.instanceCreateTime()).isEqualTo(START);
        assertThat(ready.engine()).isEqualTo("postgres");
        assertThat(ready.engineVersion()).isEqualTo("16.2");
        assertThat(ready.dbInstanceClass()).isEqualTo("db.t4g.medium");
        assertThat(ready.allocatedStorage()).isEqualTo(100);
        assertThat(ready.storageEncrypted()).isTrue();
        assertThat(ready.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
        assertThat(ready.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("drill-subnets");
        assertThat(ready.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId() + "/" + g.status())
                .containsExactly("sg-1/active", "sg-2/active");
        assertThat(ready.publiclyAccessible()).isFalse();
        assertThat(ready.multiAZ()).isTrue();
        assertThat(ready.deletionProtection()).isFalse();
        assertThat(ready.dbParameterGroups()).extracting(g -> g.dbParameterGroupName() + "/" + g.parameterApplyStatus())
                .containsExactly("drill-params/in-sync");
        assertThat(ready.optionGroupMemberships()).extracting(g -> g.optionGroupName() + "/" + g.status())
                .containsExactly("default:postgres-16/in-sync");
        assertThat(ready.tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactly("drill=2024-05");
    }

    @Test
    void aDeletedInstanceIsDeletingUntilItsDeleteTimeIsUpThenGoneAndCannotBeDeletedTwice() {
        restoreInstance("drill-orders");
        clock.advance(Duration.ofMinutes(20));

        DBInstance answer = user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-orders")
                .skipFinalSnapshot(true)).dbInstance();

        assertThat(answer.dbInstanceStatus()).isEqualTo("deleting");
        assertThat(status("drill-orders")).isEqualTo("deleting");
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-orders")
                .skipFinalSnapshot(true))).isInstanceOf(InvalidDbInstanceStateException.class)
                .hasMessageContaining("already being deleted");
        assertThat(rds.deletions()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> describe("drill-orders")).isInstanceOf(DbInstanceNotFoundException.class);
        assertThat(rds.deletions()).extracting(d -> d.identifier() + " " + d.deletedBy() + " " + d.status())
                .containsExactly("drill-orders " + USER_KEY + " deleting");
    }

    @Test
    void aFinalSnapshotNeedsAnInstanceThatIsNoLongerCreating() {
        restoreInstance("drill-orders");

        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-orders")
                .finalDBSnapshotIdentifier("drill-final"))).isInstanceOf(InvalidDbInstanceStateException.class);
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-orders").skipFinalSnapshot(true));
        assertThat(region.dbSnapshot("drill-final")).isEmpty();
    }

    @Test
    void aClusterAndItsMemberInstanceAreCreatedTogetherAndDeletedMemberFirst() {
        DBCluster cluster = user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("drill-billing")
                .snapshotIdentifier("billing-copy").engine("aurora-postgresql").dbSubnetGroupName("drill-subnets")
                .vpcSecurityGroupIds("sg-9").deletionProtection(false).dbClusterParameterGroupName("drill-cpg")
                .tags(Tag.builder().key("drill").value("yes").build())).dbCluster();
        DBInstance member = user.createDBInstance(b -> b.dbInstanceIdentifier("drill-billing-1")
                .dbClusterIdentifier("drill-billing").engine("aurora-postgresql").dbInstanceClass("db.r6g.large")
                .publiclyAccessible(false).tags(Tag.builder().key("drill").value("yes").build())).dbInstance();

        assertThat(cluster.status()).isEqualTo("creating");
        assertThat(member.dbInstanceStatus()).isEqualTo("creating");
        assertThat(member.dbClusterIdentifier()).isEqualTo("drill-billing");
        clock.advance(Duration.ofMinutes(20));
        DBCluster ready = user.describeDBClusters(b -> b.dbClusterIdentifier("drill-billing")).dbClusters().get(0);
        assertThat(ready.status()).isEqualTo("available");
        assertThat(ready.engineVersion()).isEqualTo("15.4");
        assertThat(ready.clusterCreateTime()).isEqualTo(START);
        assertThat(ready.dbSubnetGroup()).isEqualTo("drill-subnets");
        assertThat(ready.dbClusterParameterGroup()).isEqualTo("drill-cpg");
        assertThat(ready.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly("sg-9");
        assertThat(ready.deletionProtection()).isFalse();
        assertThat(ready.dbClusterMembers())
                .extracting(m -> m.dbInstanceIdentifier() + " writer=" + m.isClusterWriter())
                .containsExactly("drill-billing-1 writer=true");
        DBInstance readyMember = describe("drill-billing-1");
        assertThat(readyMember.dbInstanceStatus()).isEqualTo("available");
        assertThat(readyMember.engineVersion()).isEqualTo("15.4");
        assertThat(readyMember.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
        assertThat(readyMember.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("drill-subnets");
        assertThat(readyMember.tagList()).extracting(Tag::key).containsExactly("drill");
        assertThat(user.describeDBInstances(b -> b.filters(f -> f.name("db-cluster-id")
                .values("drill-billing"))).dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .containsExactly("drill-billing-1");

        assertThatThrownBy(() -> user.deleteDBCluster(b -> b.dbClusterIdentifier("drill-billing")
                .skipFinalSnapshot(true))).isInstanceOf(InvalidDbClusterStateException.class)
                .hasMessageContaining("non-deleting state: drill-billing-1");
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-billing-1")
                .finalDBSnapshotIdentifier("member-final"))).isInstanceOf(RdsException.class)
                .hasMessageContaining("snapshot the cluster");
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-billing-1"));
        // The member is deleting, not gone: the cluster may go now, with a final snapshot.
        DBCluster deleting = user.deleteDBCluster(b -> b.dbClusterIdentifier("drill-billing")
                .finalDBSnapshotIdentifier("drill-billing-final")).dbCluster();
        assertThat(deleting.status()).isEqualTo("deleting");
        assertThatThrownBy(() -> user.deleteDBCluster(b -> b.dbClusterIdentifier("drill-billing")
                .skipFinalSnapshot(true))).isInstanceOf(InvalidDbClusterStateException.class)
                .hasMessageContaining("already being deleted");
        assertThat(region.dbClusterSnapshot("drill-billing-final")).isPresent();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> user.describeDBClusters(b -> b.dbClusterIdentifier("drill-billing")))
                .isInstanceOf(DbClusterNotFoundException.class);
        assertThat(rds.deletions()).extracting(d -> d.kind() + " " + d.identifier())
                .containsExactly("DB_INSTANCE drill-billing-1", "DB_CLUSTER drill-billing");
    }

    @Test
    void createDbInstanceChecksTheClusterItJoins() {
        region.addDbCluster(DbCluster.builder().identifier("ledger").engine("aurora-mysql").engineVersion("8.0")
                .build());

        assertThatThrownBy(() -> user.createDBInstance(b -> b.dbInstanceIdentifier("x").dbClusterIdentifier("nope")
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large")))
                .isInstanceOf(DbClusterNotFoundException.class);
        assertThatThrownBy(() -> user.createDBInstance(b -> b.dbInstanceIdentifier("x").dbClusterIdentifier("ledger")
                .engine("aurora-postgresql").dbInstanceClass("db.r6g.large")))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> user.createDBInstance(b -> b.dbInstanceIdentifier("x").dbClusterIdentifier("ledger")
                .engine("aurora-mysql"))).isInstanceOfSatisfying(RdsException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"));
        assertThat(region.dbInstances()).isEmpty();
        assertThat(region.dbCluster("ledger").orElseThrow().members()).isEmpty();
    }

    @Test
    void deletionProtectionRefusesTheDelete() {
        user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("kept").dbSnapshotIdentifier("orders-copy")
                .deletionProtection(true));

        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("kept").skipFinalSnapshot(true)))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("Cannot delete protected DB Instance"));
        assertThat(region.dbInstance("kept")).isPresent();
    }

    @Test
    void theDefaultTimingKeepsDatabasesAvailableAtOnceAndGoneAtOnce() {
        FakeRegion other = rds.region(Sdk.SOURCE);
        other.addDbSnapshot(Sdk.automated("rds:orders-1", "orders").build());
        try (RdsClient source = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, USER_KEY)) {
            assertThat(source.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("quick")
                    .dbSnapshotIdentifier("rds:orders-1")).dbInstance().dbInstanceStatus()).isEqualTo("available");
            source.deleteDBInstance(b -> b.dbInstanceIdentifier("quick").skipFinalSnapshot(true));
        }
        assertThat(other.dbInstances()).isEmpty();
    }

    @Test
    void describePaginatesRestoredInstancesWithMarkerAndMaxRecords() {
        for (int n = 0; n < 25; n++) {
            restoreInstance(String.format("drill-%02d", n));
        }

        var first = user.describeDBInstances(b -> b.maxRecords(20));
        var second = user.describeDBInstances(b -> b.maxRecords(20).marker(first.marker()));

        assertThat(first.dbInstances()).hasSize(20);
        assertThat(second.dbInstances()).hasSize(5);
        assertThat(second.marker()).isNull();
    }

    private DBInstance describe(String id) {
        List<DBInstance> found = user.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances();
        return found.get(0);
    }
}
