package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;

/** Snapshots RDS does not copy: Multi-AZ DB cluster snapshots, RDS Custom snapshots (SQL Server only across). */
class UncopyableSnapshotsTest {

    private FakeRdsServer rds;
    private RdsClient source;
    private RdsClient target;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        source = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE);
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.SOURCE)
                .addDbClusterSnapshot(Sdk.automatedCluster("rds:maz-1", "orders-maz").engine("postgres").build())
                .addDbSnapshot(Sdk.automated("rds:ledger-1", "ledger").engine("custom-oracle-ee").build())
                .addDbSnapshot(Sdk.automated("rds:crm-1", "crm").engine("custom-sqlserver-se").build());
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
        rds.close();
    }

    @Test
    void aMultiAzDbClusterSnapshotIsCopiedNowhere() {
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:maz-1")).targetDBClusterSnapshotIdentifier("maz-dr")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE))).isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Multi-AZ DB cluster");
                });
        assertThatThrownBy(() -> source.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier("rds:maz-1")
                .targetDBClusterSnapshotIdentifier("maz-local"))).isInstanceOf(RdsException.class)
                .hasMessageContaining("Multi-AZ");
        assertThat(rds.region(Sdk.TARGET).dbClusterSnapshots()).isEmpty();
        assertThat(rds.region(Sdk.SOURCE).dbClusterSnapshots()).hasSize(1);
    }

    @Test
    void anRdsCustomForOracleSnapshotIsCopiedNowhere() {
        assertThatThrownBy(() -> target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "rds:ledger-1")).targetDBSnapshotIdentifier("ledger-dr")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE))).isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("RDS Custom");
                });
        assertThatThrownBy(() -> source.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("rds:ledger-1")
                .targetDBSnapshotIdentifier("ledger-local"))).isInstanceOf(RdsException.class);
    }

    @Test
    void anRdsCustomForSqlServerSnapshotIsCopiedAcrossRegionsOnlyAndWithoutAnOptionGroup() {
        assertThatThrownBy(() -> source.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("rds:crm-1")
                .targetDBSnapshotIdentifier("crm-local"))).isInstanceOf(RdsException.class)
                .hasMessageContaining("another Region");
        assertThatThrownBy(() -> target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "rds:crm-1")).targetDBSnapshotIdentifier("crm-dr")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE).optionGroupName("default:sqlserver-se-15-00")))
                .isInstanceOf(RdsException.class).hasMessageContaining("OptionGroupName");

        target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:crm-1"))
                .targetDBSnapshotIdentifier("crm-dr").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("crm-dr").orElseThrow().engine())
                .isEqualTo("custom-sqlserver-se");
    }
}
