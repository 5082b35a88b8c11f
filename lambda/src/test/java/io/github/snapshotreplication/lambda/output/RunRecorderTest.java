package io.github.snapshotreplication.lambda.output;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.lambda.event.Notification;
import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.RecoveryPoint;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines and EMF documents: snake_case keys, metric names from the shared contract, the ReplicationId dimension.
 */
class RunRecorderTest {

    private static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");
    private static final Snapshot SOURCE = Snapshot.builder().kind(SnapshotKind.DB_SNAPSHOT).identifier("rds:orders-1")
            .arn("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-1").dbIdentifier("orders").createdAt(NOW)
            .status("available").snapshotType("automated").build();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final RunRecorder recorder = new RunRecorder(new JsonLines(new PrintStream(bytes, true,
            StandardCharsets.UTF_8)), "orders-dr", "eu-west-1", "eu-central-1", "sweep", false);

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lines() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add(JSON.std.mapFrom(line));
        }
        return out;
    }

    @Test
    void countsEveryOutcomeUnderTheContractMetricNames() throws IOException {
        recorder.planned(new Decision.Deferred(SOURCE, Decision.Deferred.Wait.COPY_SLOT, "quota"));
        recorder.planned(new Decision.Rejected(SOURCE, "no key"));
        recorder.notification(new Notification.Invalid("m-1", "not JSON"));
        recorder.notification(new Notification.Ignored("m-2", "RDS-EVENT-0006", "not a snapshot event"));
        recorder.sweepCompleted();
        recorder.recoveryPoints(List.of(new RecoveryPoint(SnapshotKind.DB_SNAPSHOT, "orders",
                RecoveryPoint.Coverage.COPIED, SOURCE, Duration.ofHours(5), null),
                new RecoveryPoint(SnapshotKind.DB_SNAPSHOT, "users", RecoveryPoint.Coverage.NO_COPY, null, null, null),
                new RecoveryPoint(SnapshotKind.DB_SNAPSHOT, "legacy", RecoveryPoint.Coverage.BACKUPS_DISABLED, null,
                        null, null),
                new RecoveryPoint(SnapshotKind.DB_CLUSTER_SNAPSHOT, "maz", RecoveryPoint.Coverage.NOT_COPYABLE, null,
                        null, "it is a Multi-AZ DB cluster")));
        recorder.planned(new Decision.LookAlike(SOURCE, "carries our tag"));

        RunSummary summary = recorder.finish(NOW);

        assertThat(summary.count(MetricNames.COPIES_DEFERRED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.COPY_FAILURES)).isEqualTo(1);
        assertThat(summary.count(MetricNames.INVALID_EVENTS)).isEqualTo(1);
        assertThat(summary.count(MetricNames.IGNORED_EVENTS)).isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_WITHOUT_COPY)).isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_WITHOUT_BACKUPS)).isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_NOT_COPYABLE)).isEqualTo(1);
        assertThat(summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS)).isEqualTo(1);
        assertThat(summary.counts().keySet()).isSubsetOf(MetricNames.ALL);
        assertThat(lines()).filteredOn(l -> "database_not_copyable".equals(l.get("action"))).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("db_id", "maz")
                        .containsEntry("kind", "db-cluster-snapshot"));
        assertThat(lines()).filteredOn(l -> "database_without_backups".equals(l.get("action"))).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("db_id", "legacy").containsEntry("level", "WARN"));
        assertThat(lines()).filteredOn(l -> "look_alike_ignored".equals(l.get("action"))).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("reason", "carries our tag"));

        List<Map<String, Object>> emf = lines().stream().filter(l -> l.containsKey("_aws")).toList();
        assertThat(emf).hasSize(2);
        for (Map<String, Object> doc : emf) {
            Map<String, Object> aws = (Map<String, Object>) doc.get("_aws");
            assertThat(aws).containsEntry("Timestamp", NOW.toEpochMilli());
            Map<String, Object> directive = ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
            assertThat(directive).containsEntry("Namespace", MetricNames.NAMESPACE);
            assertThat((List<List<String>>) directive.get("Dimensions")).singleElement()
                    .satisfies(d -> assertThat(d).contains(MetricNames.DIMENSION_REPLICATION_ID));
            for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
                assertThat(MetricNames.ALL).contains((String) metric.get("Name"));
                assertThat(doc).containsKey((String) metric.get("Name"));
            }
            assertThat(doc).containsEntry(MetricNames.DIMENSION_REPLICATION_ID, "orders-dr");
        }
        assertThat(emf.get(1)).containsEntry(MetricNames.DIMENSION_DB_IDENTIFIER, "orders")
                .containsEntry(MetricNames.NEWEST_COPY_AGE_SECONDS, 18_000);
    }

    @Test
    void logLinesUseSnakeCaseKeysAndNameTheArns() throws IOException {
        recorder.planned(new Decision.Deferred(SOURCE, Decision.Deferred.Wait.COPY_SLOT, "quota"));
        recorder.notification(new Notification.Invalid("m-1", "not JSON"));
        recorder.finish(NOW);

        List<Map<String, Object>> logs = lines().stream().filter(l -> !l.containsKey("_aws")).toList();
        assertThat(logs.get(0)).containsEntry("action", "copy_deferred").containsEntry("db_id", "orders")
                .containsEntry("source_arn", SOURCE.arn()).containsEntry("reason", "quota")
                .containsEntry("snapshot_id", "rds:orders-1").containsEntry("target_region", "eu-central-1");
        assertThat(logs.get(1)).containsEntry("action", "event_invalid").containsEntry("message_id", "m-1")
                .containsEntry("level", "ERROR");
        for (Map<String, Object> line : logs) {
            assertThat(line.keySet()).allMatch(k -> k.matches("[a-z_]+"));
        }
    }

    @Test
    void summaryJsonIsSnakeCase() {
        RunSummary summary = new RunSummary("event", false, Map.of(MetricNames.COPIES_STARTED, 2L), 0, List.of());

        assertThat(summary.toJson()).contains("\"copies_started\":2").contains("\"trigger\":\"event\"");
        assertThat(RunSummary.snakeCase("NewestCopyAgeSeconds")).isEqualTo("newest_copy_age_seconds");
    }
}
