package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.FakeRdsHarness;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priming runs the event and sweep paths to the end, yet reaches no endpoint and writes nothing: pointed at the
 * fake RDS endpoint (as the benchmarks and the smoke test point the function), the fake receives no request.
 */
class PrimingIT {

    @Test
    void runsTheWholePathOfflineAndSilently() {
        ReplicationSettings settings = ReplicationSettings.fromEnvironment(FakeRdsHarness.env(
                "INCLUDE_AURORA_CLUSTERS", "true"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        List<RunSummary> summaries;
        try (FakeRdsServer rds = FakeRdsServer.start()) {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            try {
                summaries = Priming.run(settings, ClientSettings.localEndpoint(rds.endpoint()));
            } finally {
                System.setOut(realOut);
            }
            assertThat(rds.requests()).as("requests that reached the RDS endpoint").isEmpty();
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("written to stdout").isEmpty();

        RunSummary event = summaries.get(0);
        assertThat(event.trigger()).isEqualTo("event");
        assertThat(event.count(MetricNames.COPIES_STARTED)).as("the event's copy, presigned offline").isEqualTo(1);
        assertThat(event.count(MetricNames.IGNORED_EVENTS)).isZero();
        assertThat(event.count(MetricNames.INVALID_EVENTS)).isZero();
        assertThat(event.count(MetricNames.COPY_FAILURES)).isZero();
        RunSummary sweep = summaries.get(1);
        assertThat(sweep.trigger()).isEqualTo("sweep");
        assertThat(sweep.count(MetricNames.SWEEPS_COMPLETED)).isEqualTo(1);
        assertThat(sweep.count(MetricNames.COPY_FAILURES)).isZero();
        assertThat(sweep.hasTransientFailures()).isFalse();
    }
}
