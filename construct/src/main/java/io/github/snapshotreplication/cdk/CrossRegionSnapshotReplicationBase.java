package io.github.snapshotreplication.cdk;

import java.util.Objects;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * The metric methods of {@link CrossRegionSnapshotReplication}, in the shape of aws-cdk-lib's own: each
 * {@code metricXxx(options)} is {@link #metric(String, MetricOptions)} with its default statistic and period, and each
 * has a no-argument form. Package-private: users see these methods on {@link CrossRegionSnapshotReplication}.
 *
 * <p>Every metric is in namespace {@value MetricNames#NAMESPACE} with the dimension
 * {@value MetricNames#DIMENSION_REPLICATION_ID} = this installation's id. Options may change the statistic, period,
 * label, color, unit, account and region; the dimensions stay this installation's.
 */
abstract class CrossRegionSnapshotReplicationBase extends Construct {

    CrossRegionSnapshotReplicationBase(Construct scope, String id) {
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
     * Cross-region copies started.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesStarted() {
        return metricCopiesStarted(null);
    }

    /**
     * Cross-region copies started.
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
     * Copies postponed to a later sweep because the copy quota was full (or in a dry run).
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricCopiesDeferred() {
        return metricCopiesDeferred(null);
    }

    /**
     * Copies postponed to a later sweep because the copy quota was full (or in a dry run).
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
     * Events that were not snapshot-created events in scope.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricIgnoredEvents() {
        return metricIgnoredEvents(null);
    }

    /**
     * Events that were not snapshot-created events in scope.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricIgnoredEvents(MetricOptions options) {
        return metrics().counter(MetricNames.IGNORED_EVENTS, options);
    }

    /**
     * Events that could not be understood (not JSON, keys missing, another account or region).
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricInvalidEvents() {
        return metricInvalidEvents(null);
    }

    /**
     * Events that could not be understood (not JSON, keys missing, another account or region).
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricInvalidEvents(MetricOptions options) {
        return metrics().counter(MetricNames.INVALID_EVENTS, options);
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
     * Databases in scope with no available copy in the target region, as counted by the last sweep.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutCopy() {
        return metricDatabasesWithoutCopy(null);
    }

    /**
     * Databases in scope with no available copy in the target region, as counted by the last sweep.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutCopy(MetricOptions options) {
        return metrics().gauge(MetricNames.DATABASES_WITHOUT_COPY, options);
    }

    /**
     * Seconds since the source snapshot of the newest available copy of one database was taken: its recovery point.
     *
     * @param dbIdentifier DB instance or DB cluster identifier
     * @return the metric, with the extra dimension {@value MetricNames#DIMENSION_DB_IDENTIFIER}
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricNewestCopyAgeSeconds(String dbIdentifier) {
        return metricNewestCopyAgeSeconds(dbIdentifier, null);
    }

    /**
     * Seconds since the source snapshot of the newest available copy of one database was taken: its recovery point.
     *
     * @param dbIdentifier DB instance or DB cluster identifier
     * @param options      statistic, period, label and so on; {@code null} for none
     * @return the metric, with the extra dimension {@value MetricNames#DIMENSION_DB_IDENTIFIER}
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricNewestCopyAgeSeconds(String dbIdentifier, MetricOptions options) {
        return metrics().newestCopyAge(Objects.requireNonNull(dbIdentifier, "dbIdentifier"), options);
    }

    /**
     * Copies waiting for a cross-region copy slot, after each sweep: a backlog that grows over days means the
     * copy slots cannot keep up (raise the caps, ask AWS for more, or narrow the scope).
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricCopyBacklog() {
        return metricCopyBacklog(null);
    }

    /**
     * Copies waiting for a cross-region copy slot, after each sweep: a backlog that grows over days means the
     * copy slots cannot keep up (raise the caps, ask AWS for more, or narrow the scope).
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricCopyBacklog(MetricOptions options) {
        return metrics().gauge(MetricNames.COPY_BACKLOG, options);
    }

    /**
     * In-scope databases whose automated backups are off, after each sweep.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutBackups() {
        return metricDatabasesWithoutBackups(null);
    }

    /**
     * In-scope databases whose automated backups are off, after each sweep.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutBackups(MetricOptions options) {
        return metrics().gauge(MetricNames.DATABASES_WITHOUT_BACKUPS, options);
    }

    /**
     * Snapshots of the target region that carry this installation's managed-by tag but are not its copies
     * (a user's copy of a copy, a restored database's snapshots), after each sweep; never deleted.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeSnapshots() {
        return metricLookAlikeSnapshots(null);
    }

    /**
     * Snapshots of the target region that carry this installation's managed-by tag but are not its copies
     * (a user's copy of a copy, a restored database's snapshots), after each sweep; never deleted.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeSnapshots(MetricOptions options) {
        return metrics().gauge(MetricNames.LOOK_ALIKE_SNAPSHOTS, options);
    }

    /**
     * With a vault: seconds since the source of the oldest copy the vault has not copied yet was taken, after
     * each sweep; 0 when none waits.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricOldestCopyAwaitingVaultSeconds() {
        return metricOldestCopyAwaitingVaultSeconds(null);
    }

    /**
     * With a vault: seconds since the source of the oldest copy the vault has not copied yet was taken, after
     * each sweep; 0 when none waits.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricOldestCopyAwaitingVaultSeconds(MetricOptions options) {
        return metrics().gauge(MetricNames.OLDEST_COPY_AWAITING_VAULT_SECONDS, options);
    }
}
