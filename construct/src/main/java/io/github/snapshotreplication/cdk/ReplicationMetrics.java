package io.github.snapshotreplication.cdk;

import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.Stats;

/**
 * Builds the {@link Metric}s the engine emits (EMF), in the contract's namespace, with this installation's dimension.
 *
 * <p>Counters default to {@code Sum} over 5 minutes; the per-sweep gauges (recovery point) to {@code Maximum} over
 * 1 hour, because a sweep emits them once per run. Options given by the caller are applied to that base metric,
 * except the dimensions.
 */
final class ReplicationMetrics {

    static final Duration COUNTER_PERIOD = Duration.minutes(5);
    static final Duration GAUGE_PERIOD = Duration.hours(1);

    private final String replicationId;

    ReplicationMetrics(String replicationId) {
        this.replicationId = replicationId;
    }

    /** A counter metric ({@code Sum}, 5 minutes unless overridden). */
    Metric counter(String metricName, MetricOptions options) {
        return metric(metricName, Stats.SUM, COUNTER_PERIOD, Map.of(), options);
    }

    /** A per-sweep gauge ({@code Maximum}, 1 hour unless overridden). */
    Metric gauge(String metricName, MetricOptions options) {
        return metric(metricName, Stats.MAXIMUM, GAUGE_PERIOD, Map.of(), options);
    }

    /** The recovery-point age of one database ({@code Maximum}, 1 hour unless overridden). */
    Metric newestCopyAge(String dbIdentifier, MetricOptions options) {
        return metric(MetricNames.NEWEST_COPY_AGE_SECONDS, Stats.MAXIMUM, GAUGE_PERIOD,
                Map.of(MetricNames.DIMENSION_DB_IDENTIFIER, dbIdentifier), options);
    }

    /**
     * The oldest recovery point over every database of this installation: a CloudWatch Metrics Insights query, because
     * the per-database metric carries a {@code DBIdentifier} dimension that is not known at synth time.
     */
    MathExpression oldestRecoveryPointAge(Duration period) {
        String query = "SELECT MAX(" + MetricNames.NEWEST_COPY_AGE_SECONDS + ") FROM SCHEMA(\"" + MetricNames.NAMESPACE
                + "\", " + MetricNames.DIMENSION_DB_IDENTIFIER + ", " + MetricNames.DIMENSION_REPLICATION_ID
                + ") WHERE " + MetricNames.DIMENSION_REPLICATION_ID + " = '" + replicationId + "'";
        return MathExpression.Builder.create()
                .expression(query)
                .label("Oldest newest-copy age (s)")
                .period(period)
                .build();
    }

    /**
     * One metric per database of this installation, as the engine emits it with the
     * {@value MetricNames#DIMENSION_DB_IDENTIFIER} dimension: a CloudWatch {@code SEARCH}, because the databases are
     * not known at synth time. For graphs; alarms cannot use {@code SEARCH}.
     */
    MathExpression perDatabase(String metricName, String statistic, Duration period, String label) {
        String search = "SEARCH('{" + MetricNames.NAMESPACE + "," + MetricNames.DIMENSION_DB_IDENTIFIER + ","
                + MetricNames.DIMENSION_REPLICATION_ID + "} MetricName=\"" + metricName + "\" "
                + MetricNames.DIMENSION_REPLICATION_ID + "=\"" + replicationId + "\"', '" + statistic + "', "
                + (long) period.toSeconds().doubleValue() + ")";
        return MathExpression.Builder.create()
                .expression(search)
                .label(label)
                .period(period)
                .build();
    }

    /**
     * A base metric (namespace, this installation's dimension, the default statistic and period) with the caller's
     * options applied, as aws-cdk-lib's own {@code metric(name, props)} methods build theirs. The options may change
     * anything but the dimensions: they identify this installation's data, and a metric with other dimensions has none.
     */
    private Metric metric(String metricName, String statistic, Duration period, Map<String, String> extraDimensions,
                          MetricOptions options) {
        if (!MetricNames.ALL.contains(metricName)) {
            throw new IllegalArgumentException("metricName must be one of " + MetricNames.ALL + " (got '"
                    + metricName + "')");
        }
        Map<String, String> dimensions = new TreeMap<>(extraDimensions);
        dimensions.put(MetricNames.DIMENSION_REPLICATION_ID, replicationId);
        Metric base = Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(period)
                .build();
        if (options == null) {
            return base;
        }
        Metric applied = base.with(options);
        return options.getDimensionsMap() == null ? applied
                : applied.with(MetricOptions.builder().dimensionsMap(dimensions).build());
    }
}
