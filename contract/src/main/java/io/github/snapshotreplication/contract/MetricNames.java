package io.github.snapshotreplication.contract;

import java.util.List;

/**
 * CloudWatch namespace, dimensions and metric names the Lambda emits (Embedded Metric Format) and the construct
 * exposes through its {@code metricXxx()} methods and alarms.
 */
public final class MetricNames {

    /** CloudWatch namespace of every metric. */
    public static final String NAMESPACE = "SnapshotReplication";

    /** Dimension on every metric: the installation's {@code REPLICATION_ID}. */
    public static final String DIMENSION_REPLICATION_ID = "ReplicationId";

    /** Extra dimension of the per-database recovery-point metric. */
    public static final String DIMENSION_DB_IDENTIFIER = "DBIdentifier";

    /** A cross-region copy was started. */
    public static final String COPIES_STARTED = "CopiesStarted";

    /** The target region already held a copy (duplicate event, replay). */
    public static final String COPIES_ALREADY_PRESENT = "CopiesAlreadyPresent";

    /** A copy was postponed to a later sweep (copy quota full, or dry run). */
    public static final String COPIES_DEFERRED = "CopiesDeferred";

    /** A copy could not be started (configuration, permission, quota or API error). */
    public static final String COPY_FAILURES = "CopyFailures";

    /** An expired copy was deleted by the retention rule. */
    public static final String DELETES = "Deletes";

    /** An expired copy could not be deleted. */
    public static final String DELETE_FAILURES = "DeleteFailures";

    /** An event that is not a snapshot-created event in scope. */
    public static final String IGNORED_EVENTS = "IgnoredEvents";

    /** An event that could not be understood (not JSON, missing keys, wrong account or region). */
    public static final String INVALID_EVENTS = "InvalidEvents";

    /** A sweep ran to its end; the construct alarms when none completes on time. */
    public static final String SWEEPS_COMPLETED = "SweepsCompleted";

    /** Per database: seconds since the source creation time of its newest available copy. */
    public static final String NEWEST_COPY_AGE_SECONDS = "NewestCopyAgeSeconds";

    /** Databases in scope that have no available copy in the target region at all. */
    public static final String DATABASES_WITHOUT_COPY = "DatabasesWithoutCopy";

    /** Per sweep: in-scope databases whose automated backups are off, so no snapshot ever comes to copy. */
    public static final String DATABASES_WITHOUT_BACKUPS = "DatabasesWithoutBackups";

    /** Per sweep: in-scope databases whose snapshots RDS cannot copy across regions (RDS Custom, Multi-AZ clusters). */
    public static final String DATABASES_NOT_COPYABLE = "DatabasesNotCopyable";

    /** Per sweep: snapshots of the target region that carry this installation's tag but are not its copies. */
    public static final String LOOK_ALIKE_SNAPSHOTS = "LookAlikeSnapshots";

    /** Per sweep: copies waiting for a cross-region copy slot (the backlog the follow-up sweeps work off). */
    public static final String COPY_BACKLOG = "CopyBacklog";

    /** The function could not schedule its follow-up sweep; the next scheduled sweep picks up the waiting copies. */
    public static final String FOLLOW_UP_FAILURES = "FollowUpFailures";

    /** Source side in vault mode: a copy could not be shared with the vault, or no longer shared. */
    public static final String VAULT_SHARE_FAILURES = "VaultShareFailures";

    /** Source side, per sweep: age of the oldest copy that the vault has not copied yet (0 when none waits). */
    public static final String OLDEST_COPY_AWAITING_VAULT_SECONDS = "OldestCopyAwaitingVaultSeconds";

    /** Restore drill, per database: the drill restored the copy and every check passed. */
    public static final String DRILLS_SUCCEEDED = "DrillsSucceeded";

    /** Restore drill, per database: the drill failed (restore refused, failure status, check failed, timed out). */
    public static final String DRILLS_FAILED = "DrillsFailed";

    /** Restore drill, per database: seconds from the restore request until every drill database was available. */
    public static final String RESTORE_DURATION_SECONDS = "RestoreDurationSeconds";

    /** Restore drill, per run: selected databases without a successful drill within the success window. */
    public static final String DATABASES_WITHOUT_RECENT_DRILL = "DatabasesWithoutRecentDrill";

    /** Restore drill: a drill database could not be deleted; the next run tries again. */
    public static final String DRILL_CLEANUP_FAILURES = "DrillCleanupFailures";

    /** Restore drill, per run: databases of the target region named like drill databases but not this drill's. */
    public static final String LOOK_ALIKE_DRILL_DATABASES = "LookAlikeDrillDatabases";

    /** Every metric name, in one list that the construct tests and the Lambda tests both check against. */
    public static final List<String> ALL = List.of(
            COPIES_STARTED, COPIES_ALREADY_PRESENT, COPIES_DEFERRED, COPY_FAILURES, DELETES, DELETE_FAILURES,
            IGNORED_EVENTS, INVALID_EVENTS, SWEEPS_COMPLETED, NEWEST_COPY_AGE_SECONDS, DATABASES_WITHOUT_COPY,
            DATABASES_WITHOUT_BACKUPS, DATABASES_NOT_COPYABLE, LOOK_ALIKE_SNAPSHOTS, COPY_BACKLOG, FOLLOW_UP_FAILURES,
            VAULT_SHARE_FAILURES, OLDEST_COPY_AWAITING_VAULT_SECONDS, DRILLS_SUCCEEDED, DRILLS_FAILED,
            RESTORE_DURATION_SECONDS, DATABASES_WITHOUT_RECENT_DRILL, DRILL_CLEANUP_FAILURES,
            LOOK_ALIKE_DRILL_DATABASES);

    /** The per-sweep gauges among {@link #ALL}: emitted by sweeps only, never summed. */
    public static final List<String> SWEEP_GAUGES = List.of(NEWEST_COPY_AGE_SECONDS, DATABASES_WITHOUT_COPY,
            DATABASES_WITHOUT_BACKUPS, DATABASES_NOT_COPYABLE, LOOK_ALIKE_SNAPSHOTS, COPY_BACKLOG,
            OLDEST_COPY_AWAITING_VAULT_SECONDS);

    /** The restore drill's metrics among {@link #ALL}: emitted by the drill's function only. */
    public static final List<String> DRILL = List.of(DRILLS_SUCCEEDED, DRILLS_FAILED, RESTORE_DURATION_SECONDS,
            DATABASES_WITHOUT_RECENT_DRILL, DRILL_CLEANUP_FAILURES, LOOK_ALIKE_DRILL_DATABASES);

    private MetricNames() {
    }
}
