package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

class DescribeTest {

    private FakeRdsServer rds;
    private RdsClient source;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        source = Sdk.client(rds.endpoint(), Sdk.SOURCE);
    }

    @AfterEach
    void stop() {
        source.close();
        rds.close();
    }

    @Test
    void paginatorWalksThreePagesOf250Snapshots() {
        FakeRegion region = rds.region(Sdk.SOURCE);
        for (int i = 0; i < 250; i++) {
            region.addDbSnapshot(Sdk.automated(String.format("rds:db-%03d-2024-05-14-03-10", i), "db-" + i).build());
        }

        List<String> ids = source.describeDBSnapshotsPaginator(b -> { }).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotIdentifier).toList();

        assertThat(ids).hasSize(250).doesNotHaveDuplicates().isSorted();
        assertThat(rds.count("DescribeDBSnapshots")).isEqualTo(3);
        List<RecordedRequest> requests = rds.requests();
        assertThat(requests.get(0).param("Marker")).isNull();
        assertThat(requests.get(1).param("Marker")).isNotBlank();
        assertThat(requests.get(2).param("Marker")).isNotEqualTo(requests.get(1).param("Marker"));
    }

    @Test
    void maxRecordsSetsThePageSizeAndIsBoundedTo20To100() {
        FakeRegion region = rds.region(Sdk.SOURCE);
        for (int i = 0; i < 45; i++) {
            region.addDbSnapshot(Sdk.automated(String.format("rds:db-%03d", i), "db").build());
        }

        DescribeDbSnapshotsResponse first = source.describeDBSnapshots(b -> b.maxRecords(20));
        DescribeDbSnapshotsResponse second = source.describeDBSnapshots(b -> b.maxRecords(20).marker(first.marker()));

        assertThat(first.dbSnapshots()).hasSize(20);
        assertThat(second.dbSnapshots().get(0).dbSnapshotIdentifier()).isEqualTo("rds:db-020");
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.maxRecords(19)))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.maxRecords(101)))
                .isInstanceOf(RdsException.class);
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.marker("%%not-base64%%")))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
    }

    @Test
    void everySnapshotCarriesItsTagsInOrderAndItsFields() {
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-2024-05-14-03-10", "orders-db")
                .engineVersion("16.2").tag("team", "orders").tag("environment", "production")
                .tag("odd", "<&\"'>").build());

        DBSnapshot snapshot = source.describeDBSnapshots(b -> { }).dbSnapshots().get(0);

        assertThat(snapshot.tagList()).containsExactly(tag("team", "orders"), tag("environment", "production"),
                tag("odd", "<&\"'>"));
        assertThat(snapshot.dbSnapshotArn())
                .isEqualTo("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2024-05-14-03-10");
        assertThat(snapshot.snapshotCreateTime()).isEqualTo(Sdk.CREATED);
        assertThat(snapshot.encrypted()).isTrue();
        assertThat(snapshot.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
        assertThat(snapshot.snapshotType()).isEqualTo("automated");
        assertThat(snapshot.status()).isEqualTo("available");
        assertThat(snapshot.percentProgress()).isEqualTo(100);
        assertThat(snapshot.engineVersion()).isEqualTo("16.2");
    }

    @Test
    void regionsAreIsolatedOnOnePort() {
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:west-1", "west").build());
        rds.region(Sdk.TARGET).addDbSnapshot(Sdk.automated("rds:central-1", "central").build());

        try (RdsClient target = Sdk.client(rds.endpoint(), Sdk.TARGET)) {
            assertThat(source.describeDBSnapshots(b -> { }).dbSnapshots())
                    .extracting(DBSnapshot::dbSnapshotIdentifier).containsExactly("rds:west-1");
            assertThat(target.describeDBSnapshots(b -> { }).dbSnapshots())
                    .extracting(DBSnapshot::dbSnapshotIdentifier).containsExactly("rds:central-1");
        }
        assertThat(rds.requests()).extracting(RecordedRequest::region).containsExactly(Sdk.SOURCE, Sdk.TARGET);
    }

    @Test
    void filtersByInstanceTypeAndFilterList() {
        FakeRegion region = rds.region(Sdk.SOURCE);
        region.addDbSnapshot(Sdk.automated("rds:a-1", "a").build());
        region.addDbSnapshot(Sdk.automated("rds:b-1", "b").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("a-manual").dbInstanceIdentifier("a").build());
        String instanceArn = "arn:aws:rds:eu-west-1:123456789012:db:a";

        assertThat(ids(source.describeDBSnapshots(b -> b.dbInstanceIdentifier("a")).dbSnapshots()))
                .containsExactly("a-manual", "rds:a-1");
        assertThat(ids(source.describeDBSnapshots(b -> b.dbInstanceIdentifier("a").snapshotType("automated"))
                .dbSnapshots())).containsExactly("rds:a-1");
        assertThat(ids(source.describeDBSnapshots(b -> b.filters(
                Filter.builder().name("db-instance-id").values(instanceArn, "b").build(),
                Filter.builder().name("snapshot-type").values("automated").build())).dbSnapshots()))
                .containsExactly("rds:a-1", "rds:b-1");
        assertThat(ids(source.describeDBSnapshots(b -> b.filters(
                Filter.builder().name("db-snapshot-id").values("rds:b-1").build())).dbSnapshots()))
                .containsExactly("rds:b-1");
        assertThat(source.describeDBSnapshots(b -> b.dbInstanceIdentifier("gone")).dbSnapshots()).isEmpty();
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.filters(
                Filter.builder().name("no-such-filter").values("x").build())))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("no-such-filter"));
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.snapshotType("weekly")))
                .isInstanceOf(RdsException.class).hasMessageContaining("SnapshotType");
        RecordedRequest filtered = rds.requests().get(2);
        assertThat(filtered.params()).containsEntry("Filters.Filter.1.Name", "db-instance-id")
                .containsEntry("Filters.Filter.1.Values.Value.1", instanceArn)
                .containsEntry("Filters.Filter.1.Values.Value.2", "b")
                .containsEntry("Filters.Filter.2.Values.Value.1", "automated");
    }

    @Test
    void snapshotIdentifierAcceptsIdOrArnAndAMissingOneIsNotFound() {
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build());

        assertThat(ids(source.describeDBSnapshots(b -> b.dbSnapshotIdentifier("rds:orders-db-1")).dbSnapshots()))
                .containsExactly("rds:orders-db-1");
        assertThat(ids(source.describeDBSnapshots(b -> b.dbSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))).dbSnapshots())).containsExactly("rds:orders-db-1");
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.dbSnapshotIdentifier("rds:nope")))
                .isInstanceOfSatisfying(DbSnapshotNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotNotFound");
                });
        assertThatThrownBy(() -> source.describeDBSnapshots(b -> b.dbSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.TARGET, "rds:orders-db-1")))).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThat(rds.requests()).allSatisfy(r -> assertThat(r.params()).doesNotContainKey("SnapshotType"));
    }

    @Test
    void clusterSnapshotsPaginateAndFilterByCluster() {
        FakeRegion region = rds.region(Sdk.SOURCE);
        for (int i = 0; i < 30; i++) {
            region.addDbClusterSnapshot(Sdk.automatedCluster(String.format("rds:billing-%02d", i), "billing")
                    .tag("team", "billing").build());
        }
        region.addDbClusterSnapshot(Sdk.automatedCluster("rds:other-1", "other").build());

        List<DBClusterSnapshot> all = source.describeDBClusterSnapshotsPaginator(b -> b.dbClusterIdentifier(
                "billing").maxRecords(20)).dbClusterSnapshots().stream().toList();

        assertThat(all).hasSize(30).allSatisfy(s -> {
            assertThat(s.dbClusterIdentifier()).isEqualTo("billing");
            assertThat(s.tagList()).containsExactly(tag("team", "billing"));
            assertThat(s.storageEncrypted()).isTrue();
        });
        assertThat(rds.count("DescribeDBClusterSnapshots")).isEqualTo(2);
        assertThat(source.describeDBClusterSnapshots(b -> b.filters(Filter.builder().name("db-cluster-id")
                .values("other").build())).dbClusterSnapshots()).extracting(DBClusterSnapshot::dbClusterSnapshotArn)
                .containsExactly(Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:other-1"));
        assertThatThrownBy(() -> source.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier("nope")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
    }

    @Test
    void describesInstancesAndClustersWithTags() {
        rds.region(Sdk.SOURCE)
                .addDbInstance(DbInstance.builder().identifier("orders-db").storageEncrypted(true)
                        .kmsKeyId(Sdk.SOURCE_KEY).optionGroupName("default:postgres-16").tag("team", "orders").build())
                .addDbInstance(DbInstance.builder().identifier("billing-1").engine("aurora-postgresql")
                        .dbClusterIdentifier("billing").build())
                .addDbCluster(DbCluster.builder().identifier("billing").member("billing-1").tag("team", "billing")
                        .build());

        var instances = source.describeDBInstances(b -> { }).dbInstances();
        var orders = source.describeDBInstances(b -> b.dbInstanceIdentifier("orders-db")).dbInstances().get(0);
        var clusters = source.describeDBClusters(b -> { }).dbClusters();

        assertThat(instances).extracting(i -> i.dbInstanceIdentifier()).containsExactly("billing-1", "orders-db");
        assertThat(orders.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:db:orders-db");
        assertThat(orders.tagList()).containsExactly(tag("team", "orders"));
        assertThat(orders.optionGroupMemberships().get(0).optionGroupName()).isEqualTo("default:postgres-16");
        assertThat(orders.storageEncrypted()).isTrue();
        assertThat(clusters.get(0).dbClusterArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:cluster:billing");
        assertThat(clusters.get(0).dbClusterMembers().get(0).isClusterWriter()).isTrue();
        assertThat(clusters.get(0).tagList()).containsExactly(tag("team", "billing"));
        assertThat(source.describeDBInstances(b -> b.filters(Filter.builder().name("db-cluster-id")
                .values("billing").build())).dbInstances()).hasSize(1);
        assertThatThrownBy(() -> source.describeDBInstances(b -> b.dbInstanceIdentifier("nope")))
                .isInstanceOf(DbInstanceNotFoundException.class);
        assertThatThrownBy(() -> source.describeDBClusters(b -> b.dbClusterIdentifier("nope")))
                .isInstanceOf(DbClusterNotFoundException.class);
    }

    private static List<String> ids(List<DBSnapshot> snapshots) {
        return snapshots.stream().map(DBSnapshot::dbSnapshotIdentifier).toList();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
