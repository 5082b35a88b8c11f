package io.github.snapshotreplication.lambda.aws;

import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway reads the hand-written RDS XML fixtures through the real SDK: fields, pagination, error classes.
 */
class RdsSnapshotGatewayIT {

    private static final String TARGET_KEY =
            "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";

    private final CannedRdsEndpoint endpoint = new CannedRdsEndpoint();
    private final RdsSnapshotGateway gateway = RdsSnapshotGateway.create("eu-central-1",
            ClientSettings.localEndpoint(endpoint.endpoint()));

    @AfterEach
    void stop() {
        gateway.close();
        endpoint.close();
    }

    @Test
    void followsMarkersAcrossPagesOfOneHundred() {
        endpoint.on("DescribeDBSnapshots", 200, "describe-db-snapshots-page1-with-marker.xml")
                .on("DescribeDBSnapshots", 200, "describe-db-snapshots-page2-last.xml");

        List<Snapshot> snapshots = gateway.describeSnapshots(SnapshotKind.DB_SNAPSHOT);

        assertThat(snapshots).extracting(Snapshot::identifier)
                .containsExactly("rds:orders-db-2024-05-14-03-10", "orders-db-before-migration-42");
        Snapshot first = snapshots.get(0);
        assertThat(first.dbIdentifier()).isEqualTo("orders-db");
        assertThat(first.isAutomated()).isTrue();
        assertThat(first.isAvailable()).isTrue();
        assertThat(first.encrypted()).isTrue();
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2024-05-14T03:10:42.512Z"));
        assertThat(first.tags()).containsEntry("team", "orders");
        assertThat(snapshots.get(1).isInProgress()).isTrue();
        assertThat(endpoint.requests()).extracting(r -> r.get("MaxRecords")).containsOnly("100");
        assertThat(endpoint.requests().get(1)).containsEntry("Marker", "b3JkZXJzLWRiLTIwMjQtMDUtMTQtMDMtMTA=");
    }

    @Test
    void readsClusterSnapshotsInstancesAndClusters() {
        endpoint.on("DescribeDBClusterSnapshots", 200, "describe-db-cluster-snapshots.xml")
                .on("DescribeDBClusterSnapshots", 200, "describe-db-cluster-snapshots.xml")
                .on("DescribeDBInstances", 200, "describe-db-instances.xml")
                .on("DescribeDBClusters", 200, "describe-db-clusters.xml");

        Snapshot cluster = gateway.describeSnapshot(SnapshotKind.DB_CLUSTER_SNAPSHOT,
                "rds:billing-aurora-2024-05-14-02-45").orElseThrow();
        List<SourceDatabase> instances = gateway.describeDbInstances();
        List<SourceDatabase> clusters = gateway.describeClusters();

        assertThat(cluster.kind()).isEqualTo(SnapshotKind.DB_CLUSTER_SNAPSHOT);
        assertThat(cluster.dbIdentifier()).isEqualTo("billing-aurora");
        assertThat(cluster.encrypted()).isTrue();
        assertThat(instances).singleElement().satisfies(db -> {
            assertThat(db.identifier()).isEqualTo("orders-db");
            assertThat(db.tags()).containsEntry("team", "orders");
        });
        assertThat(clusters).extracting(SourceDatabase::identifier).containsExactly("billing-aurora");
    }

    @Test
    void copiesAndDeletesReadTheirResponses() {
        endpoint.on("CopyDBSnapshot", 200, "copy-db-snapshot.xml")
                .on("CopyDBClusterSnapshot", 200, "copy-db-cluster-snapshot.xml")
                .on("DeleteDBSnapshot", 200, "delete-db-snapshot.xml")
                .on("DeleteDBClusterSnapshot", 200, "delete-db-cluster-snapshot.xml");
        Snapshot source = Snapshot.builder().kind(SnapshotKind.DB_SNAPSHOT)
                .identifier("rds:orders-db-2024-05-14-03-10")
                .arn("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2024-05-14-03-10")
                .dbIdentifier("orders-db").createdAt(Instant.parse("2024-05-14T03:10:42.512Z")).status("available")
                .snapshotType("automated").encrypted(true).build();
        Snapshot clusterSource = Snapshot.builder().kind(SnapshotKind.DB_CLUSTER_SNAPSHOT).identifier("rds:billing")
                .arn("arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:rds:billing").dbIdentifier("billing")
                .createdAt(Instant.parse("2024-05-14T03:10:42.512Z")).status("available").snapshotType("automated")
                .build();

        Snapshot copy = gateway.copy(new Decision.Copy(source, "orders-db-2024-05-14-03-10-eu-west-1", 1, TARGET_KEY,
                null, Map.of("k", "v"), null, "test"), "eu-west-1");
        gateway.copy(new Decision.Copy(clusterSource, "billing-eu-west-1", 1, TARGET_KEY, null, Map.of(), null,
                "test"), "eu-west-1");
        gateway.delete(copy);
        gateway.delete(clusterSource);

        assertThat(copy.status()).isEqualTo("creating");
        assertThat(copy.sourceRegion()).isEqualTo("eu-west-1");
        assertThat(copy.sourceSnapshotArn()).isEqualTo(source.arn());
        Map<String, String> dbCopy = endpoint.requests().get(0);
        assertThat(dbCopy).containsEntry("KmsKeyId", TARGET_KEY).containsEntry("CopyTags", "false")
                .containsEntry("Tags.Tag.1.Key", "k").containsKey("PreSignedUrl");
        // An unencrypted cluster snapshot must not carry KmsKeyId: RDS rejects it.
        assertThat(endpoint.requests().get(1)).doesNotContainKey("KmsKeyId");
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource({
            "400, error-db-snapshot-already-exists.xml, ALREADY_EXISTS, DBSnapshotAlreadyExists",
            "400, error-snapshot-quota-exceeded.xml, QUOTA_EXCEEDED, SnapshotQuotaExceeded",
            "400, error-kms-key-not-accessible.xml, KMS_KEY_NOT_ACCESSIBLE, KMSKeyNotAccessibleFault",
            "404, error-db-snapshot-not-found.xml, NOT_FOUND, DBSnapshotNotFound",
            "400, error-invalid-db-snapshot-state.xml, INVALID_STATE, InvalidDBSnapshotState"})
    void classifiesErrors(int status, String fixture, RdsCallException.Failure failure, String code) {
        endpoint.on("DeleteDBSnapshot", status, fixture);
        Snapshot any = Snapshot.builder().kind(SnapshotKind.DB_SNAPSHOT).identifier("x")
                .arn("arn:aws:rds:eu-central-1:123456789012:snapshot:x").dbIdentifier("db").createdAt(Instant.EPOCH)
                .status("available").snapshotType("manual").build();

        assertThatThrownBy(() -> gateway.delete(any)).isInstanceOfSatisfying(RdsCallException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.isTransient()).isFalse();
        });
        assertThat(endpoint.requests()).hasSize(1);
    }

    @Test
    void throttlingIsRetriedThenTransient() {
        for (int i = 0; i < 4; i++) {
            endpoint.on("DescribeDBSnapshots", 400, "error-throttling.xml");
        }

        assertThatThrownBy(() -> gateway.describeSnapshots(SnapshotKind.DB_SNAPSHOT))
                .isInstanceOfSatisfying(RdsCallException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(endpoint.requests()).hasSize(4);
    }

    @Test
    void aMissingSnapshotIsEmptyNotAnError() {
        endpoint.on("DescribeDBSnapshots", 404, "error-db-snapshot-not-found.xml");

        assertThat(gateway.describeSnapshot(SnapshotKind.DB_SNAPSHOT, "gone")).isEmpty();
    }
}
