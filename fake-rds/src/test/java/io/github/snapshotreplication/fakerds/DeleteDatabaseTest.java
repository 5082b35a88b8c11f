package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** DeleteDBInstance and DeleteDBCluster: final snapshots, their rules, and the deletion log. */
class DeleteDatabaseTest {

    private static final String USER_KEY = "AKIAUSER000000000002";

    private FakeRdsServer rds;
    private RdsClient user;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        user = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, USER_KEY);
        region = rds.region(Sdk.SOURCE);
        region.addDbInstance(DbInstance.builder().identifier("orders-db").copyTagsToSnapshot(true)
                        .tag("team", "orders").build())
                .addDbInstance(DbInstance.builder().identifier("plain-db").tag("team", "plain").build())
                .addDbInstance(DbInstance.builder().identifier("orders-replica")
                        .readReplicaSourceDBInstanceIdentifier("orders-db").build())
                .addDbInstance(DbInstance.builder().identifier("ledger").engine("custom-oracle-ee").build())
                .addDbInstance(DbInstance.builder().identifier("billing-1").dbClusterIdentifier("billing").build())
                .addDbCluster(DbCluster.builder().identifier("billing").member("billing-1").copyTagsToSnapshot(true)
                        .tag("team", "billing").build())
                .addDbInstance(DbInstance.builder().identifier("maz-a").dbClusterIdentifier("orders-maz").build())
                .addDbCluster(DbCluster.builder().identifier("orders-maz").engine("mysql").member("maz-a").build());
    }

    @AfterEach
    void stop() {
        user.close();
        rds.close();
    }

    @Test
    void aFinalSnapshotIsManualAvailableTaggedPerCopyTagsToSnapshotAndOwnedByTheCaller() {
        DBInstance answer = user.deleteDBInstance(b -> b.dbInstanceIdentifier("orders-db")
                .finalDBSnapshotIdentifier("orders-final").deleteAutomatedBackups(true)).dbInstance();
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("plain-db").finalDBSnapshotIdentifier("plain-final"));

        assertThat(answer.dbInstanceStatus()).isEqualTo("deleting");
        assertThat(region.dbInstance("orders-db")).isEmpty();
        DbSnapshot orders = region.dbSnapshot("orders-final").orElseThrow();
        assertThat(orders.snapshotType()).isEqualTo("manual");
        assertThat(orders.status()).isEqualTo("available");
        assertThat(orders.tags()).isEqualTo(Map.of("team", "orders"));
        assertThat(orders.createdBy()).isEqualTo(USER_KEY);
        assertThat(region.dbSnapshot("plain-final").orElseThrow().tags()).isEmpty();
        assertThat(rds.deletions()).extracting(d -> d.kind() + " " + d.identifier() + " " + d.createdBy() + " "
                + d.deletedBy()).containsExactly("DB_INSTANCE orders-db setup " + USER_KEY,
                "DB_INSTANCE plain-db setup " + USER_KEY);
    }

    @Test
    void skipFinalSnapshotAndFinalDbSnapshotIdentifierAreExclusiveAndOneIsRequired() {
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("plain-db")))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                            "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified");
                });
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("plain-db")
                .skipFinalSnapshot(true).finalDBSnapshotIdentifier("f"))).isInstanceOf(RdsException.class);
        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("nope").skipFinalSnapshot(true)))
                .isInstanceOf(DbInstanceNotFoundException.class);
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("plain-db").skipFinalSnapshot(true));
        assertThat(region.dbInstance("plain-db")).isEmpty();
        assertThat(region.dbSnapshots()).isEmpty();
    }

    @Test
    void readReplicasRdsCustomAndFailedInstancesMustSkipTheFinalSnapshot() {
        region.addDbInstance(region.dbInstance("plain-db").orElseThrow().withStatus("incompatible-network"));

        for (String id : new String[] {"orders-replica", "ledger", "plain-db"}) {
            assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier(id)
                    .finalDBSnapshotIdentifier(id + "-final"))).as(id).isInstanceOf(RdsException.class);
            user.deleteDBInstance(b -> b.dbInstanceIdentifier(id).skipFinalSnapshot(true));
        }
        assertThat(region.dbSnapshots()).isEmpty();
    }

    @Test
    void anAuroraClusterGoesOnlyAfterItsInstancesAndLeavesAFinalClusterSnapshot() {
        assertThatThrownBy(() -> user.deleteDBCluster(b -> b.dbClusterIdentifier("billing").skipFinalSnapshot(true)))
                .isInstanceOfSatisfying(InvalidDbClusterStateException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("still contains DB instances"));

        assertThatThrownBy(() -> user.deleteDBInstance(b -> b.dbInstanceIdentifier("billing-1")
                .finalDBSnapshotIdentifier("billing-1-final"))).isInstanceOf(RdsException.class)
                .hasMessageContaining("snapshot the cluster");
        user.deleteDBInstance(b -> b.dbInstanceIdentifier("billing-1"));
        assertThat(region.dbCluster("billing").orElseThrow().members()).isEmpty();
        user.deleteDBCluster(b -> b.dbClusterIdentifier("billing").finalDBSnapshotIdentifier("billing-final"));

        DbClusterSnapshot last = region.dbClusterSnapshot("billing-final").orElseThrow();
        assertThat(last.snapshotType()).isEqualTo("manual");
        assertThat(last.tags()).isEqualTo(Map.of("team", "billing"));
        assertThat(last.createdBy()).isEqualTo(USER_KEY);
        assertThat(region.dbCluster("billing")).isEmpty();
    }

    @Test
    void aMultiAzClusterTakesItsInstancesWithIt() {
        user.deleteDBCluster(b -> b.dbClusterIdentifier("orders-maz").skipFinalSnapshot(true));

        assertThat(region.dbInstance("maz-a")).isEmpty();
        assertThat(rds.deletions()).extracting(d -> d.kind() + " " + d.identifier())
                .containsExactly("DB_INSTANCE maz-a", "DB_CLUSTER orders-maz");
        assertThatThrownBy(() -> user.deleteDBCluster(b -> b.dbClusterIdentifier("orders-maz")
                .skipFinalSnapshot(true))).isInstanceOf(RdsException.class);
    }
}
