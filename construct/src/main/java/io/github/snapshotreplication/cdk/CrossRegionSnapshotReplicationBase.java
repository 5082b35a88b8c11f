package io.github.snapshotreplication.cdk;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * The metric methods only {@link CrossRegionSnapshotReplication} has, next to the shared ones of
 * {@link SnapshotMetricsBase}: events, per-database coverage, the copy backlog and the vault hand-over.
 * Package-private: users see these methods on {@link CrossRegionSnapshotReplication}.
 */
abstract class CrossRegionSnapshotReplicationBase extends SnapshotMetricsBase {

    CrossRegionSnapshotReplicationBase(Construct scope, String id) {
        super(scope, id);
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

    /**
     * Restore drills that restored a copy and passed every check.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillsSucceeded() {
        return metricDrillsSucceeded(null);
    }

    /**
     * Restore drills that restored a copy and passed every check.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillsSucceeded(MetricOptions options) {
        return metrics().counter(MetricNames.DRILLS_SUCCEEDED, options);
    }

    /**
     * Restore drills that failed: restore refused, failure status, a check failed, or timed out.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillsFailed() {
        return metricDrillsFailed(null);
    }

    /**
     * Restore drills that failed: restore refused, failure status, a check failed, or timed out.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillsFailed(MetricOptions options) {
        return metrics().counter(MetricNames.DRILLS_FAILED, options);
    }

    /**
     * Seconds from a drill's restore request until every drill database was available, over every database (the
     * engine also emits it per database, with the {@value MetricNames#DIMENSION_DB_IDENTIFIER} dimension).
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricRestoreDurationSeconds() {
        return metricRestoreDurationSeconds(null);
    }

    /**
     * Seconds from a drill's restore request until every drill database was available, over every database (the
     * engine also emits it per database, with the {@value MetricNames#DIMENSION_DB_IDENTIFIER} dimension).
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricRestoreDurationSeconds(MetricOptions options) {
        return metrics().gauge(MetricNames.RESTORE_DURATION_SECONDS, options);
    }

    /**
     * Selected databases without a successful restore drill within the success window, after each drill run.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutRecentDrill() {
        return metricDatabasesWithoutRecentDrill(null);
    }

    /**
     * Selected databases without a successful restore drill within the success window, after each drill run.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricDatabasesWithoutRecentDrill(MetricOptions options) {
        return metrics().gauge(MetricNames.DATABASES_WITHOUT_RECENT_DRILL, options);
    }

    /**
     * Drill databases that could not be deleted; the next drill run tries again.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillCleanupFailures() {
        return metricDrillCleanupFailures(null);
    }

    /**
     * Drill databases that could not be deleted; the next drill run tries again.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricDrillCleanupFailures(MetricOptions options) {
        return metrics().counter(MetricNames.DRILL_CLEANUP_FAILURES, options);
    }

    /**
     * Databases of the target region named like drill databases but not this drill's, after each drill run;
     * never deleted.
     *
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeDrillDatabases() {
        return metricLookAlikeDrillDatabases(null);
    }

    /**
     * Databases of the target region named like drill databases but not this drill's, after each drill run;
     * never deleted.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Maximum} over 1 hour
     */
    public Metric metricLookAlikeDrillDatabases(MetricOptions options) {
        return metrics().gauge(MetricNames.LOOK_ALIKE_DRILL_DATABASES, options);
    }
}
