package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;

/** The wire format, authentication, bookkeeping and thread safety. */
class ProtocolTest {

    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240514/eu-west-1/rds/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=0123";

    private FakeRdsServer rds;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db")
                .tag("note", "a<b & c>d").build());
    }

    @AfterEach
    void stop() {
        rds.close();
    }

    @Test
    void endpointIsLoopbackOnAnEphemeralPort() {
        assertThat(rds.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(rds.endpoint().getPort()).isPositive();
        assertThat(rds.endpoint().getScheme()).isEqualTo("http");
    }

    @Test
    void aRequestWithoutSigV4ScopeIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = post("Action=DescribeDBSnapshots&Version=2014-10-31", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>", "<Type>Sender</Type>");
        assertThat(rds.requests().get(0).region()).isNull();
    }

    @Test
    void unknownOrMissingActionIsRejected() throws Exception {
        HttpResponse<String> unknown = post("Action=RebootDBInstance&Version=2014-10-31", AUTH);
        HttpResponse<String> missing = post("Version=2014-10-31", AUTH);

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void successHasTheQueryEnvelopeEscapedValuesAndUtcTimestamps() throws Exception {
        HttpResponse<String> response = post("Action=DescribeDBSnapshots&Version=2014-10-31", AUTH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("<DescribeDBSnapshotsResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
                        + "<DescribeDBSnapshotsResult><DBSnapshots><DBSnapshot>")
                .contains("<SnapshotCreateTime>2024-05-14T03:10:42.512Z</SnapshotCreateTime>")
                .contains("<Value>a&lt;b &amp; c&gt;d</Value>")
                .contains("</DescribeDBSnapshotsResult><ResponseMetadata><RequestId>")
                .endsWith("</RequestId></ResponseMetadata></DescribeDBSnapshotsResponse>");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/xml"));
    }

    @Test
    void serverFaultsAreReceiverErrors() throws Exception {
        rds.faults().failNext("*", 1, FakeError.SERVICE_UNAVAILABLE);

        HttpResponse<String> response = post("Action=DescribeDBSnapshots", AUTH);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("<Type>Receiver</Type>", "<Code>ServiceUnavailable</Code>");
    }

    @Test
    void countsMutatingRequestsIncludingFailedOnesAndClears() throws Exception {
        post("Action=DescribeDBSnapshots", AUTH);
        post("Action=DeleteDBSnapshot&DBSnapshotIdentifier=nope", AUTH);
        post("Action=AddTagsToResource&ResourceName=x", AUTH);

        assertThat(rds.mutatingRequestCount()).isEqualTo(2);
        assertThat(rds.count("DeleteDBSnapshot")).isEqualTo(1);
        assertThat(rds.requests()).extracting(RecordedRequest::errorCode)
                .containsExactly(null, "DBSnapshotNotFound", "MissingParameter");
        rds.clearRequests();
        assertThat(rds.requests()).isEmpty();
        assertThat(rds.mutatingRequestCount()).isZero();
    }

    @Test
    void countsSurviveWhenRequestDetailsAreNotRecorded() throws Exception {
        rds.setRecordRequests(false);

        post("Action=DescribeDBSnapshots", AUTH);

        assertThat(rds.requests()).isEmpty();
        assertThat(rds.count("DescribeDBSnapshots")).isEqualTo(1);
    }

    @Test
    void concurrentCopiesToOneTargetIdCreateExactlyOne() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<String>> outcomes = new ArrayList<>();
        try (RdsClient client = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET)) {
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                                Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1")).targetDBSnapshotIdentifier("same")
                                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
                        return "created";
                    } catch (DbSnapshotAlreadyExistsException e) {
                        return "exists";
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce("created").hasSize(callers);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).hasSize(1);
        assertThat(rds.requests()).hasSize(callers);
    }

    private HttpResponse<String> post(String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rds.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
