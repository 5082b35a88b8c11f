package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;

class FaultsTest {

    private static final String SOURCE_ARN = Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1");

    private FakeRdsServer rds;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build());
    }

    @AfterEach
    void stop() {
        rds.close();
    }

    @Test
    void throttlingIsRetriedByTheSdkThenSucceeds() {
        rds.faults().failNext("DescribeDBSnapshots", 1, FakeError.THROTTLING);

        try (RdsClient client = Sdk.client(rds.endpoint(), Sdk.SOURCE)) {
            assertThat(client.describeDBSnapshots(b -> { }).dbSnapshots()).hasSize(1);
        }

        assertThat(rds.count("DescribeDBSnapshots")).isEqualTo(2);
        assertThat(rds.requests()).extracting(RecordedRequest::status).containsExactly(400, 200);
        assertThat(rds.requests().get(0).errorCode()).isEqualTo("Throttling");
        assertThat(rds.faults().injectedCount()).isEqualTo(1);
    }

    @Test
    void persistentThrottlingExhaustsTheSdkRetries() {
        rds.faults().failNext("*", 10, FakeError.THROTTLING_EXCEPTION);

        try (RdsClient client = Sdk.client(rds.endpoint(), Sdk.SOURCE)) {
            assertThatThrownBy(() -> client.describeDBSnapshots(b -> { }))
                    .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.isThrottlingException()).isTrue());
        }
        assertThat(rds.count("DescribeDBSnapshots")).isEqualTo(4);
    }

    @Test
    void anInjectedFaultChangesNothingSoTheRetrySucceeds() {
        rds.faults().failNext("CopyDBSnapshot", 1, FakeError.INTERNAL_FAILURE);

        try (RdsClient client = Sdk.client(rds.endpoint(), Sdk.TARGET)) {
            client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(SOURCE_ARN).targetDBSnapshotIdentifier("copy")
                    .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        }

        assertThat(rds.count("CopyDBSnapshot")).isEqualTo(2);
        assertThat(rds.requests()).extracting(RecordedRequest::status).containsExactly(500, 200);
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).extracting(DbSnapshot::identifier).containsExactly("copy");
    }

    @Test
    void injectedErrorsMapToTheSdkExceptions() {
        rds.faults().failNext("CopyDBSnapshot", 1, FakeError.SNAPSHOT_QUOTA_EXCEEDED);
        rds.faults().failNext("CopyDBSnapshot", 1, FakeError.KMS_KEY_NOT_ACCESSIBLE);

        try (RdsClient client = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET)) {
            assertThatThrownBy(() -> client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(SOURCE_ARN)))
                    .isInstanceOf(SnapshotQuotaExceededException.class);
            assertThatThrownBy(() -> client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(SOURCE_ARN)))
                    .isInstanceOf(KmsKeyNotAccessibleException.class);
        }
        assertThat(rds.faults().injectedCount()).isEqualTo(2);
    }

    @Test
    void cutOffAnswers500AfterNRequestsUntilCleared() {
        rds.faults().cutOffAfter(2);

        try (RdsClient client = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            client.describeDBSnapshots(b -> { });
            client.describeDBInstances(b -> { });
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> client.describeDBSnapshots(b -> { }))
                        .isInstanceOfSatisfying(RdsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(500);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                        });
            }
            rds.faults().clear();
            assertThat(client.describeDBSnapshots(b -> { }).dbSnapshots()).hasSize(1);
        }
        assertThat(rds.faults().injectedCount()).isEqualTo(3);
    }

    @Test
    void seededProbabilityFaultsRepeatExactly() {
        List<Integer> first = statusesWithProbabilityFaults(42);
        List<Integer> second = statusesWithProbabilityFaults(42);

        assertThat(first).isEqualTo(second).contains(200, 503);
        long failures = first.stream().filter(s -> s == 503).count();
        assertThat(failures).isBetween(10L, 50L);
    }

    @Test
    void latencyIsAddedToEveryRequestWithoutSerialisingParallelCallers() throws Exception {
        Duration latency = Duration.ofMillis(300);
        rds.setLatency(latency);
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (RdsClient client = Sdk.client(rds.endpoint(), Sdk.SOURCE)) {
            client.describeDBSnapshots(b -> { }); // warms up the SDK so the timing below is about the server
            long start = System.nanoTime();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> client.describeDBSnapshots(b -> { })));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            // A sleep lasts at least its time; whether callers were served in parallel is counted, not timed.
            assertThat(elapsed).isGreaterThanOrEqualTo(latency);
            assertThat(rds.maxConcurrentRequests()).isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Integer> statusesWithProbabilityFaults(long seed) {
        try (FakeRdsServer server = FakeRdsServer.start();
             RdsClient client = Sdk.noRetryClient(server.endpoint(), Sdk.SOURCE)) {
            server.faults().failWithProbability("DescribeDBSnapshots", 0.3, FakeError.SERVICE_UNAVAILABLE, seed);
            for (int i = 0; i < 100; i++) {
                try {
                    client.describeDBSnapshots(b -> { });
                } catch (RdsException expected) {
                    assertThat(expected.statusCode()).isEqualTo(503);
                }
            }
            return server.requests().stream().map(RecordedRequest::status).toList();
        }
    }
}
