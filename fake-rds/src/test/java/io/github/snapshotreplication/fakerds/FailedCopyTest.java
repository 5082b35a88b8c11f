package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterSnapshotStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;

/** FakeRegion.failCopy, and what RDS lets a caller do with a failed copy. */
class FailedCopyTest {

    private FakeRdsServer rds;
    private RdsClient target;
    private FakeRegion dr;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        dr = rds.region(Sdk.TARGET);
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build())
                .addDbClusterSnapshot(Sdk.automatedCluster("rds:billing-1", "billing").build());
        target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))
                .targetDBSnapshotIdentifier("orders-copy").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:billing-1")).targetDBClusterSnapshotIdentifier("billing-copy")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
    }

    @AfterEach
    void stop() {
        target.close();
        rds.close();
    }

    @Test
    void aFailedCopyShowsFailedAndLeavesTheQueueAndTheInFlightQuota() {
        dr.setCopyQuota(1);

        dr.failCopy(ResourceKind.DB_SNAPSHOT, "orders-copy");

        assertThat(target.describeDBSnapshots(b -> b.dbSnapshotIdentifier("orders-copy")).dbSnapshots().get(0)
                .status()).isEqualTo("failed");
        assertThat(dr.pendingCopies()).extracting(PendingCopy::identifier).containsExactly("billing-copy");
        target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))
                .targetDBSnapshotIdentifier("orders-copy-2").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        assertThat(dr.dbSnapshot("orders-copy").orElseThrow().percentProgress()).isZero();
    }

    @Test
    void theApiDeletesOnlyAvailableSnapshotsSoNotAFailedOne() {
        dr.failCopy(ResourceKind.DB_SNAPSHOT, "orders-copy");
        dr.failCopy(ResourceKind.DB_CLUSTER_SNAPSHOT, "billing-copy");

        assertThatThrownBy(() -> target.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("orders-copy")))
                .isInstanceOfSatisfying(InvalidDbSnapshotStateException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("current state: failed"));
        assertThatThrownBy(() -> target.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("billing-copy")))
                .isInstanceOf(InvalidDbClusterSnapshotStateException.class);
        assertThat(rds.deletions()).isEmpty();
        dr.removeDbSnapshot("orders-copy");
        assertThat(rds.deletions()).extracting(Deletion::status).containsExactly("failed");
    }

    @Test
    void onlyAPendingSnapshotCanFail() {
        dr.completeCopy(ResourceKind.DB_SNAPSHOT, "orders-copy");

        assertThatThrownBy(() -> dr.failCopy(ResourceKind.DB_SNAPSHOT, "orders-copy"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dr.failCopy(ResourceKind.DB_CLUSTER_SNAPSHOT, "nope"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dr.dbSnapshot("orders-copy").orElseThrow().status()).isEqualTo("available");
    }
}
