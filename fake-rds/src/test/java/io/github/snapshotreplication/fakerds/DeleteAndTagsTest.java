package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterSnapshotStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.Tag;

class DeleteAndTagsTest {

    private FakeRdsServer rds;
    private RdsClient client;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        client = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        region = rds.region(Sdk.TARGET);
        region.addDbSnapshot(DbSnapshot.builder().identifier("old-copy").dbInstanceIdentifier("orders-db")
                .sourceRegion(Sdk.SOURCE).encrypted(true).kmsKeyId(Sdk.TARGET_KEY).tag("team", "orders").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("in-flight").status("creating").build());
        region.addDbSnapshot(Sdk.automated("rds:auto-1", "orders-db").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("old-cluster-copy")
                .dbClusterIdentifier("billing").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("cluster-in-flight").status("copying")
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        rds.close();
    }

    @Test
    void deletingAnAvailableManualSnapshotReturnsItDeletedAndRemovesIt() {
        DBSnapshot deleted = client.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("old-copy")).dbSnapshot();

        assertThat(deleted.status()).isEqualTo("deleted");
        assertThat(deleted.dbSnapshotIdentifier()).isEqualTo("old-copy");
        assertThat(deleted.sourceRegion()).isEqualTo(Sdk.SOURCE);
        assertThat(region.dbSnapshot("old-copy")).isEmpty();
        assertThatThrownBy(() -> client.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("old-copy")))
                .isInstanceOf(DbSnapshotNotFoundException.class);
    }

    @Test
    void pendingOrAutomatedSnapshotsAreNotDeleted() {
        assertThatThrownBy(() -> client.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("in-flight")))
                .isInstanceOfSatisfying(InvalidDbSnapshotStateException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("current state: creating"));
        assertThatThrownBy(() -> client.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("rds:auto-1")))
                .isInstanceOf(InvalidDbSnapshotStateException.class).hasMessageContaining("manual");
        assertThat(region.dbSnapshots()).hasSize(3);
    }

    @Test
    void clusterSnapshotsFollowTheSameRules() {
        DBClusterSnapshot deleted = client.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(
                "old-cluster-copy")).dbClusterSnapshot();

        assertThat(deleted.status()).isEqualTo("deleted");
        assertThat(region.dbClusterSnapshot("old-cluster-copy")).isEmpty();
        assertThatThrownBy(() -> client.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("nope")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
        assertThatThrownBy(() -> client.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(
                "cluster-in-flight"))).isInstanceOf(InvalidDbClusterSnapshotStateException.class);
    }

    @Test
    void tagsAreListedAddedAndRemovedByArn() {
        String arn = region.dbSnapshot("old-copy").orElseThrow().arn();

        client.addTagsToResource(b -> b.resourceName(arn).tags(tag("team", "payments"), tag("expires", "2024-06")));
        assertThat(client.listTagsForResource(b -> b.resourceName(arn)).tagList())
                .containsExactly(tag("team", "payments"), tag("expires", "2024-06"));
        client.removeTagsFromResource(b -> b.resourceName(arn).tagKeys("team", "absent"));

        assertThat(region.dbSnapshot("old-copy").orElseThrow().tags()).containsExactly(Map.entry("expires", "2024-06"));
        assertThat(rds.requests()).extracting(RecordedRequest::action).containsExactly("AddTagsToResource",
                "ListTagsForResource", "RemoveTagsFromResource");
        assertThat(rds.requests().get(0).params()).containsEntry("ResourceName", arn)
                .containsEntry("Tags.Tag.2.Key", "expires").containsEntry("Tags.Tag.2.Value", "2024-06");
        assertThat(rds.requests().get(2).params()).containsEntry("TagKeys.member.1", "team")
                .containsEntry("TagKeys.member.2", "absent");
        assertThat(rds.mutatingRequestCount()).isEqualTo(2);
    }

    @Test
    void tagsOfClusterSnapshotsInstancesAndClustersAndUnknownResources() {
        region.addDbInstance(DbInstance.builder().identifier("orders-db").tag("a", "1").build());
        region.addDbCluster(DbCluster.builder().identifier("billing").build());
        String clusterSnapshotArn = Sdk.clusterSnapshotArn(Sdk.TARGET, "old-cluster-copy");

        client.addTagsToResource(b -> b.resourceName(clusterSnapshotArn).tags(tag("k", "v")));
        client.addTagsToResource(b -> b.resourceName("arn:aws:rds:eu-central-1:123456789012:cluster:billing")
                .tags(tag("c", "d")));

        assertThat(region.dbClusterSnapshot("old-cluster-copy").orElseThrow().tags()).containsEntry("k", "v");
        assertThat(region.dbCluster("billing").orElseThrow().tags()).containsEntry("c", "d");
        assertThat(client.listTagsForResource(b -> b.resourceName("arn:aws:rds:eu-central-1:123456789012:db:orders-db"))
                .tagList()).containsExactly(tag("a", "1"));
        assertThatThrownBy(() -> client.listTagsForResource(b -> b.resourceName(
                Sdk.snapshotArn(Sdk.SOURCE, "old-copy")))).isInstanceOf(DbSnapshotNotFoundException.class);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
