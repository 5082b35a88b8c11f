package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterQuotaExceededException;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.InstanceQuotaExceededException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.OptionGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.StorageQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

/** Injected restore failures, each as the SDK sees it: an exception of the call, or a status of the database. */
class RestoreFaultsTest extends DrillTest {

    private static final String USER_KEY = "AKIAUSER000000000004";

    RestoreFaultsTest() {
        super(USER_KEY, Duration.ofMinutes(10), Duration.ofMinutes(1));
    }

    @Test
    void anUnusableKmsKeyFailsTheCallOrLeavesTheDatabaseWithoutItsKey() {
        restoreInstance("drill-a");
        region.makeKmsKeyInaccessible(Sdk.TARGET_KEY); // the grant is revoked while drill-a is being restored

        assertThatThrownBy(() -> restoreInstance("drill-b")).isInstanceOf(KmsKeyNotAccessibleException.class);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("drill-c")
                .snapshotIdentifier("billing-copy").engine("aurora-postgresql")))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(status("drill-a")).isEqualTo("inaccessible-encryption-credentials");
    }

    @Test
    void aRetiredEngineVersionCannotBeRestored() {
        region.restoreFaults().retireEngineVersion("postgres", "16.2").retireEngineVersion("aurora-postgresql", "15.4");

        assertThatThrownBy(() -> restoreInstance("drill-a")).isInstanceOfSatisfying(RdsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot find version 16.2 for postgres");
        });
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("drill-c")
                .snapshotIdentifier("billing-copy").engine("aurora-postgresql")))
                .hasMessageContaining("Cannot find version 15.4 for aurora-postgresql");
        assertThat(region.dbInstances()).isEmpty();
        assertThat(region.dbClusters()).isEmpty();
    }

    @Test
    void optionGroupAndSubnetGroupFailuresAreSynchronousWhenMissingAndAsynchronousWhenIncompatible() {
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("x")
                .dbSnapshotIdentifier("orders-copy").optionGroupName("missing")))
                .isInstanceOf(OptionGroupNotFoundException.class);
        assertThatThrownBy(() -> user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("x")
                .dbSnapshotIdentifier("orders-copy").dbSubnetGroupName("missing")))
                .isInstanceOf(DbSubnetGroupNotFoundException.class);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("x")
                .snapshotIdentifier("billing-copy").engine("aurora-postgresql").dbSubnetGroupName("missing")))
                .isInstanceOf(DbSubnetGroupNotFoundException.class);
        region.restoreFaults().endIn("drill-net", "incompatible-network")
                .endIn("drill-og", "incompatible-option-group").endIn("drill-params", "incompatible-parameters");

        for (String id : new String[] {"drill-net", "drill-og", "drill-params"}) {
            user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier(id).dbSnapshotIdentifier("orders-copy")
                    .dbSubnetGroupName("drill-subnets"));
        }
        clock.advance(Duration.ofMinutes(10));

        assertThat(status("drill-net")).isEqualTo("incompatible-network");
        assertThat(status("drill-og")).isEqualTo("incompatible-option-group");
        assertThat(status("drill-params")).isEqualTo("incompatible-parameters");
        // RDS API reference, DeleteDBInstance: an incompatible-network instance goes only without a final snapshot.
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-net")
                .finalDBSnapshotIdentifier("f"))).isInstanceOf(RdsException.class);
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-net").skipFinalSnapshot(true));
    }

    @Test
    void quotasRefuseTheRestoreWithTheirOwnExceptions() {
        region.setDbInstanceQuota(1).setDbClusterQuota(0);
        restoreInstance("drill-a");

        assertThatThrownBy(() -> restoreInstance("drill-b")).isInstanceOf(InstanceQuotaExceededException.class);
        assertThatThrownBy(() -> user.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("drill-c")
                .snapshotIdentifier("billing-copy").engine("aurora-postgresql")))
                .isInstanceOf(DbClusterQuotaExceededException.class);
        region.setDbInstanceQuota(10).setStorageQuota(150);
        assertThatThrownBy(() -> restoreInstance("drill-b")).isInstanceOf(StorageQuotaExceededException.class);
        assertThat(region.dbInstances()).extracting(DbInstance::identifier).containsExactly("drill-a");
    }

    @Test
    void aStuckDatabaseNeverLeavesCreating() {
        region.restoreFaults().neverFinish("drill-stuck");
        restoreInstance("drill-stuck");
        restoreInstance("drill-fine");

        clock.advance(Duration.ofDays(3));

        assertThat(status("drill-stuck")).isEqualTo("creating");
        assertThat(status("drill-fine")).isEqualTo("available");
    }

    @Test
    void endInRefusesAStatusRdsDoesNotDocument() {
        assertThatThrownBy(() -> region.restoreFaults().endIn("x", "on-fire"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestTagsReplaceTheInheritedOnesAndWithoutThemTheSourceInstancesTagsApply() {
        DBInstance tagged = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("drill-t")
                .dbSnapshotIdentifier("orders-copy").tags(Tag.builder().key("drill").value("1").build()))
                .dbInstance();
        DBInstance untagged = user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("drill-u")
                .dbSnapshotIdentifier("orders-copy")).dbInstance();

        assertThat(tagged.tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactly("drill=1");
        // RDS API reference, RestoreDBInstanceFromDBSnapshot Tags (docs/aws-references.md#o8).
        assertThat(untagged.tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=orders");
    }

    @Test
    void theRequestLogListsEveryMutatingCallWithItsTarget() {
        rds.clearRequests();
        restoreInstance("drill-a");
        user.describeDBInstances();
        user.addTagsToResource(b -> b.resourceName("arn:aws:rds:eu-central-1:123456789012:db:drill-a")
                .tags(Tag.builder().key("k").value("v").build()));
        clock.advance(Duration.ofMinutes(10));
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("drill-a").skipFinalSnapshot(true));
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("prod-db")
                .skipFinalSnapshot(true))).isInstanceOf(RdsException.class);

        assertThat(rds.mutatingRequests()).extracting(r -> r.action() + " " + r.target() + " " + r.succeeded())
                .containsExactly("RestoreDBInstanceFromDBSnapshot drill-a true",
                        "AddTagsToResource arn:aws:rds:eu-central-1:123456789012:db:drill-a true",
                        "DeleteDBInstance drill-a true", "DeleteDBInstance prod-db false");
        assertThat(rds.mutatingRequests()).allMatch(r -> USER_KEY.equals(r.accessKeyId()));
        assertThat(rds.mutatingRequests().get(1).tags()).containsExactly(Map.entry("k", "v"));
    }
}
