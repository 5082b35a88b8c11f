package io.github.snapshotreplication.cdk;

import java.util.Objects;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * The metric methods that {@link CrossRegionSnapshotReplication} and {@link SnapshotVault} share, in the shape of
 * aws-cdk-lib's own: each {@code metricXxx(options)} is {@link #metric(String, MetricOptions)} with its default
 * statistic and period, and each has a no-argument form. Package-private: users see these methods on the constructs.
 *
 * <p>Every metric is in namespace {@value MetricNames#NAMESPACE} with the dimension
 * {@value MetricNames#DIMENSION_REPLICATION_ID} = the installation's id (a vault's id for a vault). Options may change
 * the statistic, period, label, color, unit, account and region; the dimensions stay the installation's.
 */
abstract class SnapshotMetricsBase extends Construct {

    SnapshotMetricsBase(Construct scope, String id) {
        super(scope, id);
    }

    /** @return the metric factory of this installation */
    abstract ReplicationMetrics metrics();

    /**
     * Any metric the engine emits, with this installation's dimension.
     *
     * @param metricName a name from {@link MetricNames#ALL}
     * @return the metric
     * @default - {@code Sum} over 5 minutes for counters, {@code Maximum} over 1 hour for the per-sweep gauges of
     *     {@link MetricNames#SWEEP_GAUGES}
     * @throws IllegalArgumentException for a name the engine does not emit
     */
    public Metric metric(String metricName) {
        return metric(metricName, null);
    }

    /**
     * Any metric the engine emits, with this installation's dimension and the given options applied.
     *
     * @param metricName a name from {@link MetricNames#ALL}
     * @param options    statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes for counters, {@code Maximum} over 1 hour for the per-sweep gauges of
     *     {@link MetricNames#SWEEP_GAUGES}
     * @throws IllegalArgumentException for a name the engine does not emit
     */
    public Metric metric(String metricName, MetricOptions options) {
        Objects.requireNonNull(metricName, "metricName");
        // Per-sweep gauges are read with their own statistic and period, counters summed.
        return MetricNames.SWEEP_GAUGES.contains(metricName) ? metrics().gauge(metricName, options)
                : metrics().counter(metricName, options);
    }

    /**
     * Copies started: the replication's cross-region copies, or the vault's copies of shared snapshots.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesStarted() {
        return metricCopiesStarted(null);
    }

    /**
     * Copies started: the replication's cross-region copies, or the vault's copies of shared snapshots.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesStarted(MetricOptions options) {
        return metrics().counter(MetricNames.COPIES_STARTED, options);
    }

    /**
     * Copies that could not be started (permissions, KMS key, quota or API error).
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopyFailures() {
        return metricCopyFailures(null);
    }

    /**
     * Copies that could not be started (permissions, KMS key, quota or API error).
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopyFailures(MetricOptions options) {
        return metrics().counter(MetricNames.COPY_FAILURES, options);
    }

    /**
     * Copies postponed to a later sweep: the copy quota is full, a failed copy waits for its retry, or a dry run.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesDeferred() {
        return metricCopiesDeferred(null);
    }

    /**
     * Copies postponed to a later sweep: the copy quota is full, a failed copy waits for its retry, or a dry run.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesDeferred(MetricOptions options) {
        return metrics().counter(MetricNames.COPIES_DEFERRED, options);
    }

    /**
     * Expired copies deleted by the retention rule.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDeletes() {
        return metricDeletes(null);
    }

    /**
     * Expired copies deleted by the retention rule.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDeletes(MetricOptions options) {
        return metrics().counter(MetricNames.DELETES, options);
    }

    /**
     * Sweeps that ran to their end.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricSweepsCompleted() {
        return metricSweepsCompleted(null);
    }

    /**
     * Sweeps that ran to their end.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricSweepsCompleted(MetricOptions options) {
        return metrics().counter(MetricNames.SWEEPS_COMPLETED, options);
    }

    /**
     * Seconds since the source snapshot of the newest available copy of one database was taken: its recovery point.
     *
     * @param dbIdentifier DB instance or DB cluster identifier; in a vault {@code <source account>/<identifier>}
     * @return the metric, with the extra dimension {@value MetricNames#DIMENSION_DB_IDENTIFIER}
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricNewestCopyAgeSeconds(String dbIdentifier) {
        return metricNewestCopyAgeSeconds(dbIdentifier, null);
    }

    /**
     * Seconds since the source snapshot of the newest available copy of one database was taken: its recovery point.
     *
     * @param dbIdentifier DB instance or DB cluster identifier; in a vault {@code <source account>/<identifier>}
     * @param options      statistic, period, label and so on; {@code null} for none
     * @return the metric, with the extra dimension {@value MetricNames#DIMENSION_DB_IDENTIFIER}
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricNewestCopyAgeSeconds(String dbIdentifier, MetricOptions options) {
        return metrics().newestCopyAge(Objects.requireNonNull(dbIdentifier, "dbIdentifier"), options);
    }

    /**
     * Snapshots that carry this installation's managed-by tag but are not its copies (a user's copy of a copy, a
     * restored database's snapshots), after each sweep; never deleted.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeSnapshots() {
        return metricLookAlikeSnapshots(null);
    }

    /**
     * Snapshots that carry this installation's managed-by tag but are not its copies (a user's copy of a copy, a
     * restored database's snapshots), after each sweep; never deleted.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeSnapshots(MetricOptions options) {
        return metrics().gauge(MetricNames.LOOK_ALIKE_SNAPSHOTS, options);
    }
}
