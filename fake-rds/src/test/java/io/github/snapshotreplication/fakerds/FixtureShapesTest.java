package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The SDK parses the fake's answer to each fixture's scenario into the same fields as the verified fixture itself
 * (served by {@link FixtureEndpoint}), so the fake's XML shapes are checked against the verified ones.
 */
class FixtureShapesTest {

    private static final String ORDERS_SNAPSHOT = "rds:orders-db-2024-05-14-03-10";
    private static final String BILLING_SNAPSHOT = "rds:billing-aurora-2024-05-14-02-45";

    private FakeRdsServer rds;
    private FixtureEndpoint fixture;
    private final List<RdsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        fixture = new FixtureEndpoint();
    }

    @AfterEach
    void stop() {
        clients.forEach(RdsClient::close);
        fixture.close();
        rds.close();
    }

    @Test
    void describeDbSnapshotsFirstPageWithMarker() {
        rds.region(Sdk.SOURCE).addDbSnapshot(ordersSnapshot().build());
        for (int i = 0; i < 20; i++) {
            rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:zz-" + i, "zz").build());
        }

        DescribeDbSnapshotsResponse expected = fixtureClient("describe-db-snapshots-page1-with-marker.xml", 200,
                Sdk.SOURCE).describeDBSnapshots(b -> { });
        DescribeDbSnapshotsResponse actual = fake(Sdk.SOURCE).describeDBSnapshots(b -> b.maxRecords(20));

        assertThat(Projections.of(actual.dbSnapshots().get(0)))
                .containsAllEntriesOf(Projections.present(Projections.of(expected.dbSnapshots().get(0))));
        assertThat(expected.marker()).isNotNull();
        assertThat(actual.marker()).isNotNull();
    }

    @Test
    void describeDbSnapshotsLastPageWithEmptyTagList() {
        rds.region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("orders-db-before-migration-42")
                .dbInstanceIdentifier("orders-db").createdAt(Instant.parse("2024-05-13T17:42:05.031Z"))
                .status("creating").percentProgress(37).engineVersion("16.2").allocatedStorage(100).encrypted(true)
                .kmsKeyId(Sdk.SOURCE_KEY).build());

        DescribeDbSnapshotsResponse expected = fixtureClient("describe-db-snapshots-page2-last.xml", 200,
                Sdk.SOURCE).describeDBSnapshots(b -> { });
        DescribeDbSnapshotsResponse actual = fake(Sdk.SOURCE).describeDBSnapshots(b -> { });

        assertThat(Projections.of(actual.dbSnapshots().get(0)))
                .containsAllEntriesOf(Projections.present(Projections.of(expected.dbSnapshots().get(0))));
        assertThat(actual.marker()).isEqualTo(expected.marker()).isNull();
        assertThat(actual.dbSnapshots().get(0).tagList()).isEqualTo(expected.dbSnapshots().get(0).tagList())
                .isEmpty();
    }

    @Test
    void describeDbClusterSnapshots() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(billingSnapshot().build());
        for (int i = 0; i < 20; i++) {
            rds.region(Sdk.SOURCE).addDbClusterSnapshot(Sdk.automatedCluster("rds:zz-" + i, "zz").build());
        }

        DescribeDbClusterSnapshotsResponse expected = fixtureClient("describe-db-cluster-snapshots.xml", 200,
                Sdk.SOURCE).describeDBClusterSnapshots(b -> { });
        DescribeDbClusterSnapshotsResponse actual = fake(Sdk.SOURCE).describeDBClusterSnapshots(b -> b.maxRecords(20));

        assertThat(Projections.of(actual.dbClusterSnapshots().get(0)))
                .containsAllEntriesOf(Projections.present(Projections.of(expected.dbClusterSnapshots().get(0))));
        assertThat(actual.marker()).isNotNull();
    }

    @Test
    void copyDbSnapshot() {
        // The fixture's copy was made at 03:41:07.118: SnapshotCreateTime is the copy's, Original... the source's.
        rds.setClock(Clock.fixed(Instant.parse("2024-05-14T03:41:07.118Z"), ZoneOffset.UTC));
        rds.region(Sdk.SOURCE).addDbSnapshot(ordersSnapshot().build());
        String sourceArn = Sdk.snapshotArn(Sdk.SOURCE, ORDERS_SNAPSHOT);
        CopyDbSnapshotRequest request = CopyDbSnapshotRequest.builder().sourceDBSnapshotIdentifier(sourceArn)
                .targetDBSnapshotIdentifier("orders-db-2024-05-14-03-10-eu-west-1").kmsKeyId(Sdk.TARGET_KEY)
                .sourceRegion(Sdk.SOURCE).copyTags(false)
                .tags(tag("team", "orders"), tag("copied-from", sourceArn)).build();

        var expected = fixtureClient("copy-db-snapshot.xml", 200, Sdk.TARGET).copyDBSnapshot(request).dbSnapshot();
        var actual = fake(Sdk.TARGET).copyDBSnapshot(request).dbSnapshot();

        assertThat(Projections.of(actual)).containsAllEntriesOf(Projections.present(Projections.of(expected)));
    }

    @Test
    void copyDbClusterSnapshot() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(billingSnapshot().build());
        CopyDbClusterSnapshotRequest request = CopyDbClusterSnapshotRequest.builder()
                .sourceDBClusterSnapshotIdentifier(Sdk.clusterSnapshotArn(Sdk.SOURCE, BILLING_SNAPSHOT))
                .targetDBClusterSnapshotIdentifier("billing-aurora-2024-05-14-02-45-eu-west-1")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE).copyTags(true).build();

        var expected = fixtureClient("copy-db-cluster-snapshot.xml", 200, Sdk.TARGET).copyDBClusterSnapshot(request)
                .dbClusterSnapshot();
        var actual = fake(Sdk.TARGET).copyDBClusterSnapshot(request).dbClusterSnapshot();

        assertThat(Projections.of(actual)).containsAllEntriesOf(Projections.present(Projections.of(expected)));
    }

    @Test
    void deleteDbSnapshotAndDbClusterSnapshot() {
        String copyId = "orders-db-2024-04-30-03-10-eu-west-1";
        String clusterCopyId = "billing-aurora-2024-04-30-02-45-eu-west-1";
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier(copyId).dbInstanceIdentifier("orders-db")
                .createdAt(Instant.parse("2024-04-30T03:10:37.204Z")).sourceRegion(Sdk.SOURCE)
                .allocatedStorage(100).encrypted(true).kmsKeyId(Sdk.TARGET_KEY).build());
        rds.region(Sdk.TARGET).addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(clusterCopyId)
                .dbClusterIdentifier("billing-aurora").createdAt(Instant.parse("2024-04-30T02:45:11.092Z"))
                .storageEncrypted(true).kmsKeyId(Sdk.TARGET_KEY).build());

        var expected = fixtureClient("delete-db-snapshot.xml", 200, Sdk.TARGET)
                .deleteDBSnapshot(b -> b.dbSnapshotIdentifier(copyId)).dbSnapshot();
        var actual = fake(Sdk.TARGET).deleteDBSnapshot(b -> b.dbSnapshotIdentifier(copyId)).dbSnapshot();
        var expectedCluster = fixtureClient("delete-db-cluster-snapshot.xml", 200, Sdk.TARGET)
                .deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(clusterCopyId)).dbClusterSnapshot();
        var actualCluster = fake(Sdk.TARGET).deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(
                clusterCopyId)).dbClusterSnapshot();

        assertThat(Projections.of(actual)).containsAllEntriesOf(Projections.present(Projections.of(expected)));
        // The fixture shows the cluster snapshot as it was; the fake answers "deleted" like DeleteDBSnapshot.
        assertThat(Projections.of(actualCluster)).containsAllEntriesOf(Projections.present(
                Projections.of(expectedCluster.toBuilder().status("deleted").build())));
    }

    @Test
    void listTagsForResource() {
        rds.region(Sdk.SOURCE).addDbSnapshot(ordersSnapshot().tag("snapshot-replication", Sdk.TARGET).build());
        String arn = Sdk.snapshotArn(Sdk.SOURCE, ORDERS_SNAPSHOT);

        var expected = fixtureClient("list-tags-for-resource.xml", 200, Sdk.SOURCE)
                .listTagsForResource(b -> b.resourceName(arn)).tagList();
        var actual = fake(Sdk.SOURCE).listTagsForResource(b -> b.resourceName(arn)).tagList();

        assertThat(actual).isEqualTo(expected).hasSize(3);
    }

    @Test
    void describeDbInstancesAndDbClusters() {
        rds.region(Sdk.SOURCE)
                .addDbInstance(DbInstance.builder().identifier("orders-db").engineVersion("16.2")
                        .dbInstanceClass("db.r6g.large")
                        .storageEncrypted(true).kmsKeyId(Sdk.SOURCE_KEY).tag("team", "orders").build())
                .addDbCluster(DbCluster.builder().identifier("billing-aurora").engineVersion("15.4")
                        .storageEncrypted(true).kmsKeyId(Sdk.SOURCE_KEY).member("billing-aurora-instance-1")
                        .tag("team", "billing").build());

        var expected = fixtureClient("describe-db-instances.xml", 200, Sdk.SOURCE).describeDBInstances(b -> { })
                .dbInstances().get(0);
        var actual = fake(Sdk.SOURCE).describeDBInstances(b -> { }).dbInstances().get(0);
        var expectedCluster = fixtureClient("describe-db-clusters.xml", 200, Sdk.SOURCE).describeDBClusters(b -> { })
                .dbClusters().get(0);
        var actualCluster = fake(Sdk.SOURCE).describeDBClusters(b -> { }).dbClusters().get(0);

        assertThat(Projections.of(actual)).containsAllEntriesOf(Projections.present(Projections.of(expected)));
        assertThat(Projections.of(actualCluster))
                .containsAllEntriesOf(Projections.present(Projections.of(expectedCluster)));
    }

    @Test
    void errorsMapToTheSameExceptionCodeAndStatus() {
        rds.region(Sdk.SOURCE).addDbSnapshot(ordersSnapshot().build());
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("copying-now").status("copying")
                .build());
        String sourceArn = Sdk.snapshotArn(Sdk.SOURCE, ORDERS_SNAPSHOT);
        Consumer<CopyDbSnapshotRequest.Builder> copy = b -> b.sourceDBSnapshotIdentifier(sourceArn)
                .targetDBSnapshotIdentifier("orders-db-2024-05-14-03-10-eu-west-1").kmsKeyId(Sdk.TARGET_KEY)
                .sourceRegion(Sdk.SOURCE);

        rds.faults().failNext("DescribeDBSnapshots", 1, FakeError.THROTTLING);
        sameError("error-throttling.xml", 400, Sdk.SOURCE, c -> c.describeDBSnapshots(b -> { }));
        fake(Sdk.TARGET).copyDBSnapshot(copy);
        sameError("error-db-snapshot-already-exists.xml", 400, Sdk.TARGET, c -> c.copyDBSnapshot(copy));
        rds.region(Sdk.TARGET).setManualSnapshotQuota(1);
        sameError("error-snapshot-quota-exceeded.xml", 400, Sdk.TARGET, c -> c.copyDBSnapshot(copy.andThen(
                b -> b.targetDBSnapshotIdentifier("second"))));
        rds.region(Sdk.TARGET).setManualSnapshotQuota(FakeRegion.DEFAULT_MANUAL_SNAPSHOT_QUOTA);
        sameError("error-kms-key-not-accessible.xml", 400, Sdk.TARGET, c -> c.copyDBSnapshot(copy.andThen(
                b -> b.targetDBSnapshotIdentifier("third").kmsKeyId(Sdk.SOURCE_KEY))));
        sameError("error-db-snapshot-not-found.xml", 404, Sdk.TARGET, c -> c.deleteDBSnapshot(
                b -> b.dbSnapshotIdentifier("orders-db-2024-04-30-03-10-eu-west-1")));
        sameError("error-invalid-db-snapshot-state.xml", 400, Sdk.TARGET, c -> c.deleteDBSnapshot(
                b -> b.dbSnapshotIdentifier("copying-now")));
    }

    private void sameError(String file, int status, String region, Consumer<RdsClient> call) {
        RdsException expected = catchThrowableOfType(RdsException.class,
                () -> call.accept(fixtureClientNoRetry(file, status, region)));
        RdsException actual = catchThrowableOfType(RdsException.class, () -> call.accept(fakeNoRetry(region)));

        assertThat(actual).as(file).isNotNull().isExactlyInstanceOf(expected.getClass());
        assertThat(actual.awsErrorDetails().errorCode()).as(file).isEqualTo(expected.awsErrorDetails().errorCode());
        assertThat(actual.statusCode()).as(file).isEqualTo(expected.statusCode());
        assertThat(actual.isThrottlingException()).as(file).isEqualTo(expected.isThrottlingException());
        assertThat(actual.requestId()).as(file).isNotBlank();
    }

    private RdsClient fixtureClient(String file, int status, String region) {
        fixture.serve(file, status);
        return track(Sdk.client(fixture.endpoint(), region));
    }

    private RdsClient fixtureClientNoRetry(String file, int status, String region) {
        fixture.serve(file, status);
        return track(Sdk.noRetryClient(fixture.endpoint(), region));
    }

    private RdsClient fake(String region) {
        return track(Sdk.client(rds.endpoint(), region));
    }

    private RdsClient fakeNoRetry(String region) {
        return track(Sdk.noRetryClient(rds.endpoint(), region));
    }

    private RdsClient track(RdsClient client) {
        clients.add(client);
        return client;
    }

    private static DbSnapshot.Builder ordersSnapshot() {
        return Sdk.automated(ORDERS_SNAPSHOT, "orders-db").engineVersion("16.2").allocatedStorage(100)
                .tag("team", "orders").tag("environment", "production");
    }

    private static DbClusterSnapshot.Builder billingSnapshot() {
        return Sdk.automatedCluster(BILLING_SNAPSHOT, "billing-aurora").createdAt(
                Instant.parse("2024-05-14T02:45:19.877Z")).engineVersion("15.4").tag("team", "billing");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
