package io.github.snapshotreplication.lambda.output;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.lambda.plan.RecoveryPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds CloudWatch Embedded Metric Format documents: counters with the {@code ReplicationId} dimension, and one
 * recovery-point document per database with {@code ReplicationId} and {@code DBIdentifier}.
 *
 * <p>The format is the CloudWatch "Embedded Metric Format specification": a {@code _aws} metadata object naming
 * the namespace, dimension sets and metrics, and the values as root members of the same JSON document.
 */
public final class EmfMetrics {

    private EmfMetrics() {
    }

    /** One document with every counter, zeros included, so alarms see data on every run. */
    public static Map<String, Object> counters(String replicationId, Map<String, Long> counts, Instant now) {
        return document(Map.of(MetricNames.DIMENSION_REPLICATION_ID, replicationId), counts, name -> "Count",
                List.of(List.of(MetricNames.DIMENSION_REPLICATION_ID)), now);
    }

    /** One document for one database's recovery point; {@code null} when the database has no available copy. */
    public static Map<String, Object> recoveryPoint(String replicationId, RecoveryPoint point, Instant now) {
        if (point.age() == null) {
            return null;
        }
        return document(perDatabase(replicationId, point.dbIdentifier()),
                Map.of(MetricNames.NEWEST_COPY_AGE_SECONDS, point.age().getSeconds()), name -> "Seconds",
                List.of(List.of(MetricNames.DIMENSION_REPLICATION_ID, MetricNames.DIMENSION_DB_IDENTIFIER)), now);
    }

    /**
     * One document for one drill outcome: the result count and the restore duration per database, and the restore
     * duration per installation too (a second dimension set), for the construct's alarm and dashboard.
     */
    public static Map<String, Object> drillOutcome(String replicationId, String dbIdentifier, Map<String, Long> values,
                                                   Instant now) {
        List<List<String>> dimensionSets = new ArrayList<>();
        dimensionSets.add(List.of(MetricNames.DIMENSION_REPLICATION_ID, MetricNames.DIMENSION_DB_IDENTIFIER));
        if (values.containsKey(MetricNames.RESTORE_DURATION_SECONDS)) {
            dimensionSets.add(List.of(MetricNames.DIMENSION_REPLICATION_ID));
        }
        return document(perDatabase(replicationId, dbIdentifier), values,
                name -> MetricNames.RESTORE_DURATION_SECONDS.equals(name) ? "Seconds" : "Count", dimensionSets, now);
    }

    private static Map<String, Object> perDatabase(String replicationId, String dbIdentifier) {
        Map<String, Object> dimensions = new LinkedHashMap<>();
        dimensions.put(MetricNames.DIMENSION_REPLICATION_ID, replicationId);
        dimensions.put(MetricNames.DIMENSION_DB_IDENTIFIER, dbIdentifier);
        return dimensions;
    }

    /** The metadata first, then the dimensions' values, then each metric's value, in the order given. */
    private static Map<String, Object> document(Map<String, Object> dimensions, Map<String, Long> values,
                                                UnaryOperator<String> unitOf, List<List<String>> dimensionSets,
                                                Instant now) {
        List<Map<String, Object>> definitions = new ArrayList<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", null);
        doc.putAll(dimensions);
        values.forEach((name, value) -> {
            definitions.add(Map.<String, Object>of("Name", name, "Unit", unitOf.apply(name)));
            doc.put(name, value);
        });
        doc.put("_aws", metadata(now, definitions, dimensionSets));
        return doc;
    }

    private static Map<String, Object> metadata(Instant now, List<Map<String, Object>> metrics,
                                                List<List<String>> dimensionSets) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", MetricNames.NAMESPACE);
        directive.put("Dimensions", dimensionSets);
        directive.put("Metrics", metrics);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", now.toEpochMilli());
        aws.put("CloudWatchMetrics", List.of(directive));
        return aws;
    }
}
