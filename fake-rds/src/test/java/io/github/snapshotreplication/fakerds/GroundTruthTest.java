package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** Who created and who deleted what, recorded by the fake from the callers' access key ids. */
class GroundTruthTest {

    private static final String ENGINE_KEY = "AKIAENGINE0000000001";
    private static final String USER_KEY = "AKIAUSER000000000002";

    private FakeRdsServer rds;
    private RdsClient engine;
    private RdsClient user;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        engine = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, ENGINE_KEY);
        user = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, USER_KEY);
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build());
    }

    @AfterEach
    void stop() {
        engine.close();
        user.close();
        rds.close();
    }

    @Test
    void resourcesRecordTheAccessKeyOfTheRequestThatCreatedThem() {
        engine.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))
                .targetDBSnapshotIdentifier("engine-copy").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("added-by-test").build());
        rds.region(Sdk.TARGET).addDbInstance(DbInstance.builder().identifier("db").build());
        rds.region(Sdk.TARGET).addDbCluster(DbCluster.builder().identifier("cluster").build());
        rds.region(Sdk.TARGET).addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("cs")
                .createdBy("AKIAOTHERTOOL0000003").build());

        FakeRegion target = rds.region(Sdk.TARGET);
        assertThat(target.dbSnapshot("engine-copy").orElseThrow().createdBy()).isEqualTo(ENGINE_KEY);
        assertThat(target.dbSnapshot("added-by-test").orElseThrow().createdBy())
                .isEqualTo(FakeRegion.CREATED_BY_SETUP);
        assertThat(target.dbInstance("db").orElseThrow().createdBy()).isEqualTo("setup");
        assertThat(target.dbCluster("cluster").orElseThrow().createdBy()).isEqualTo("setup");
        assertThat(target.dbClusterSnapshot("cs").orElseThrow().createdBy()).isEqualTo("AKIAOTHERTOOL0000003");
        assertThat(rds.requests()).extracting(RecordedRequest::accessKeyId).containsExactly(ENGINE_KEY);
    }

    @Test
    void createdBySurvivesTagChangesAndIsNotWrittenToTheXml() throws Exception {
        engine.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))
                .targetDBSnapshotIdentifier("engine-copy").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        String arn = rds.region(Sdk.TARGET).dbSnapshot("engine-copy").orElseThrow().arn();

        user.addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder().key("k").value("v").build()));
        rds.region(Sdk.TARGET).completePendingCopies();

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("engine-copy").orElseThrow().createdBy()).isEqualTo(ENGINE_KEY);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rds.endpoint()
                        + "/")).header("Authorization", "AWS4-HMAC-SHA256 Credential=" + USER_KEY
                        + "/20240514/eu-central-1/rds/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeDBSnapshots")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.body()).contains("<DBSnapshotIdentifier>engine-copy<").doesNotContain(ENGINE_KEY);
    }

    @Test
    void deletionsAreLoggedWithCreatorDeleterTagsAndStatus() {
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("engine-copy").createdBy(ENGINE_KEY)
                .tag("owner", "engine").build());
        rds.region(Sdk.TARGET).addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("cluster-copy")
                .createdBy(ENGINE_KEY).build());
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("scratch").build());

        user.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("engine-copy"));
        engine.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("cluster-copy"));
        rds.region(Sdk.TARGET).removeDbSnapshot("scratch");

        assertThat(rds.deletions()).containsExactly(
                new Deletion(Sdk.TARGET, ResourceKind.DB_SNAPSHOT, "engine-copy", ENGINE_KEY, USER_KEY,
                        Map.of("owner", "engine"), "available"),
                new Deletion(Sdk.TARGET, ResourceKind.DB_CLUSTER_SNAPSHOT, "cluster-copy", ENGINE_KEY, ENGINE_KEY,
                        Map.of(), "available"),
                new Deletion(Sdk.TARGET, ResourceKind.DB_SNAPSHOT, "scratch", "setup", "setup", Map.of(),
                        "available"));
        assertThat(rds.deletions()).filteredOn(d -> !d.createdBy().equals(d.deletedBy()))
                .extracting(Deletion::identifier).containsExactly("engine-copy");
    }

    @Test
    void aFailedDeleteIsNotLogged() {
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("busy").status("creating").build());

        try {
            user.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("busy"));
        } catch (RuntimeException expected) {
            // InvalidDBSnapshotState
        }

        assertThat(rds.deletions()).isEmpty();
        assertThat(rds.requests().get(0).accessKeyId()).isEqualTo(USER_KEY);
    }

    @Test
    void aPresignedStyleRequestIsAttributedThroughXAmzCredential() throws Exception {
        String query = "Action=DescribeDBSnapshots&Version=2014-10-31"
                + "&X-Amz-Credential=AKIAPRESIGNED00000004%2F20240514%2Feu-west-1%2Frds%2Faws4_request"
                + "&X-Amz-Signature=abc";

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(rds.endpoint() + "/?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rds.requests().get(0).accessKeyId()).isEqualTo("AKIAPRESIGNED00000004");
        assertThat(rds.requests().get(0).region()).isEqualTo(Sdk.SOURCE);
    }
}
