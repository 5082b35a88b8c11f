package io.github.snapshotreplication.lambda.output;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.lambda.event.Notification;
import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.RecoveryPoint;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records one invocation: one JSON log line per decision or outcome, counters for the EMF metrics, and the summary.
 */
public final class RunRecorder {

    private final JsonLines out;
    private final LogContext log;
    private final String replicationId;
    private final String targetRegion;
    private final String trigger;
    private final boolean dryRun;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> transientFailures = new ArrayList<>();
    private final List<RecoveryPoint> recoveryPoints = new ArrayList<>();
    private int stoppedEarly;
    private int lookAlikes;
    private int backlog;
    private Duration vaultWait;
    private boolean recoveryComputed;

    /** A recorder for one invocation of type {@code trigger} ({@code sweep}, {@code event}...). */
    public RunRecorder(JsonLines out, String replicationId, String sourceRegion, String targetRegion, String trigger,
                       boolean dryRun) {
        this.out = out;
        this.log = new LogContext(out, trigger, replicationId, sourceRegion, targetRegion, dryRun);
        this.replicationId = replicationId;
        this.targetRegion = targetRegion;
        this.trigger = trigger;
        this.dryRun = dryRun;
        MetricNames.ALL.stream()
                .filter(m -> !MetricNames.SWEEP_GAUGES.contains(m) && !MetricNames.DRILL.contains(m))
                .forEach(m -> counts.put(m, 0L));
    }

    /** A decision that needs no call: already copied, deferred, rejected, skipped, kept; or any in a dry run. */
    public void planned(Decision decision) {
        Map<String, Object> line;
        if (decision instanceof Decision.Copy c) {
            line = line("INFO", "copy_planned", c, c.reason(), MetricNames.COPIES_DEFERRED);
            line.put("target_snapshot_id", c.targetIdentifier());
        } else if (decision instanceof Decision.Delete d) {
            line = line("INFO", "delete_planned", d, d.reason(), null);
        } else if (decision instanceof Decision.AlreadyCopied a) {
            line = line("INFO", "copy_already_present", a, a.reason(), MetricNames.COPIES_ALREADY_PRESENT);
            line.put("target_arn", a.copy().arn());
        } else if (decision instanceof Decision.Deferred d) {
            line = line("INFO", "copy_deferred", d, d.reason(), MetricNames.COPIES_DEFERRED);
            line.put("waits_for", d.waitsFor().name().toLowerCase(Locale.ROOT));
            if (d.waitsFor() == Decision.Deferred.Wait.COPY_SLOT) {
                backlog++;
            }
        } else if (decision instanceof Decision.Rejected r) {
            line = line("ERROR", "copy_failed", r, r.reason(), MetricNames.COPY_FAILURES);
        } else if (decision instanceof Decision.Skipped s) {
            line = line("INFO", "copy_skipped", s, s.reason(), MetricNames.IGNORED_EVENTS);
        } else if (decision instanceof Decision.ShareWithVault || decision instanceof Decision.StopSharingWithVault
                || decision instanceof Decision.SendReceipt) {
            line = line("INFO", decision instanceof Decision.StopSharingWithVault ? "vault_unshare_planned"
                    : "vault_share_planned", decision, decision.reason(), null);
        } else if (decision instanceof Decision.LookAlike l) {
            line = line("WARN", "look_alike_ignored", l, l.reason(), null);
            lookAlikes++;
        } else {
            line = line("INFO", "delete_postponed", decision, decision.reason(), null);
        }
        emit(line);
    }

    /** A copy was started. */
    public void copyStarted(Decision.Copy copy, Snapshot started) {
        Map<String, Object> line = line("INFO", "copy_started", copy, copy.reason(), MetricNames.COPIES_STARTED);
        line.put("target_snapshot_id", copy.targetIdentifier());
        line.put("target_arn", started.arn());
        line.put("kms_key_id", copy.kmsKeyId());
        line.put("option_group", copy.optionGroupName());
        emit(line);
    }

    /** The copy call found the target identifier taken by our own copy of the same source: success. */
    public void copyAlreadyPresent(Decision.Copy copy, String reason) {
        Map<String, Object> line = line("INFO", "copy_already_present", copy, reason,
                MetricNames.COPIES_ALREADY_PRESENT);
        line.put("target_snapshot_id", copy.targetIdentifier());
        emit(line);
    }

    /** A copy could not be started. */
    public void copyFailed(Decision.Copy copy, String reason, String errorCode, boolean isTransient) {
        Map<String, Object> line = line("ERROR", "copy_failed", copy, reason, MetricNames.COPY_FAILURES);
        line.put("target_snapshot_id", copy.targetIdentifier());
        line.put("error_code", errorCode);
        line.put("transient", isTransient);
        emit(line);
        if (isTransient) {
            transientFailures.add(reason);
        }
    }

    /**
     * RDS refused to start a copy because its copy slots are full: the copy waits like a planned deferral.
     *
     * @param alert also count a copy failure, when the cause is not certain
     */
    public void copyDeferredByRds(Decision.Copy copy, String reason, boolean alert) {
        Map<String, Object> line = line(alert ? "ERROR" : "INFO", "copy_deferred", copy, reason,
                MetricNames.COPIES_DEFERRED);
        line.put("waits_for", "copy_slot");
        line.put("error_code", "SnapshotQuotaExceeded");
        backlog++;
        if (alert) {
            count(MetricNames.COPY_FAILURES);
        }
        emit(line);
    }

    /** Whether copies wait for a later run: deferred by the plan or by RDS, or not started for lack of time. */
    public boolean hasWaitingCopies() {
        return !dryRun && (counts.get(MetricNames.COPIES_DEFERRED) > 0 || stoppedEarly > 0);
    }

    /** The follow-up sweep was asked for ({@code enabled}) or called off, or asking failed. */
    public void followUp(String action, String reason, boolean failed) {
        Map<String, Object> line = base(failed ? "ERROR" : "INFO", action, reason);
        if (failed) {
            count(MetricNames.FOLLOW_UP_FAILURES);
        }
        emit(line);
    }

    /** An expired copy was deleted. */
    public void deleted(Decision.Delete delete) {
        emit(line("INFO", "delete", delete, delete.reason(), MetricNames.DELETES));
    }

    /** A copy was shared with the vault account, or is no longer shared. */
    public void vaultShared(Decision decision, boolean shared) {
        emit(line("INFO", shared ? "vault_shared" : "vault_unshared", decision, decision.reason(), null));
    }

    /** Sharing with the vault, or ending it, failed. */
    public void vaultShareFailed(Decision decision, String reason, String errorCode, boolean isTransient) {
        Map<String, Object> line = line("ERROR", "vault_share_failed", decision, reason,
                MetricNames.VAULT_SHARE_FAILURES);
        line.put("error_code", errorCode);
        emit(line);
        if (isTransient) {
            transientFailures.add(reason);
        }
    }

    /** In vault mode, how long the oldest copy has waited for the vault; emitted as a gauge by {@link #finish}. */
    public void vaultWait(Duration wait) {
        vaultWait = wait;
    }

    /** RDS refused to delete a failed copy: reported, not counted as a failure. */
    public void deleteRefused(Decision.Delete delete, String reason) {
        emit(line("WARN", "delete_refused", delete, reason, null));
    }

    /** An expired copy could not be deleted. */
    public void deleteFailed(Decision.Delete delete, String reason, String errorCode, boolean isTransient) {
        Map<String, Object> line = line("ERROR", "delete_failed", delete, reason, MetricNames.DELETE_FAILURES);
        line.put("error_code", errorCode);
        line.put("transient", isTransient);
        emit(line);
        if (isTransient) {
            transientFailures.add(reason);
        }
    }

    /** The Lambda's time ran low: this action waits for the next sweep. */
    public void notStarted(Decision decision) {
        stoppedEarly++;
        boolean copy = decision instanceof Decision.Copy;
        emit(line("WARN", copy ? "copy_deferred" : "delete_postponed", decision,
                "not started: the invocation is close to its timeout; the next sweep does it",
                copy ? MetricNames.COPIES_DEFERRED : null));
    }

    /** A notification that is ignored (debug line) or invalid (error line). */
    public void notification(Notification notification) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (notification instanceof Notification.Ignored i) {
            line.put("level", "DEBUG");
            line.put("action", "event_ignored");
            line.put("event_id", i.eventId());
            line.put("reason", i.reason());
            count(MetricNames.IGNORED_EVENTS);
        } else if (notification instanceof Notification.Invalid i) {
            line.put("level", "ERROR");
            line.put("action", "event_invalid");
            line.put("reason", i.reason());
            count(MetricNames.INVALID_EVENTS);
        } else if (notification instanceof Notification.SnapshotCreated c) {
            line.put("level", "INFO");
            line.put("action", "event_received");
            line.put("event_id", c.eventId());
            line.put("source_arn", c.snapshotArn().value());
        }
        line.put("message_id", notification.messageId());
        emit(line);
    }

    /** The whole input could not be understood. */
    public void invalidInput(String reason) {
        count(MetricNames.INVALID_EVENTS);
        emit(base("ERROR", "event_invalid", reason));
    }

    /** A failure outside a single action (reading the inventory). */
    public void failure(String what, String errorCode, boolean isTransient) {
        Map<String, Object> line = base("ERROR", "run_failed", what);
        line.put("error_code", errorCode);
        line.put("transient", isTransient);
        emit(line);
        if (isTransient) {
            transientFailures.add(what);
        }
    }

    /** The sweep ran to its end. */
    public void sweepCompleted() {
        count(MetricNames.SWEEPS_COMPLETED);
    }

    /**
     * The recovery points computed by a sweep, emitted as metrics by {@link #finish}. A database that cannot have a
     * copy gets one line saying why, on every sweep.
     */
    public void recoveryPoints(List<RecoveryPoint> points) {
        recoveryPoints.addAll(points);
        recoveryComputed = true;
        for (RecoveryPoint point : points) {
            if (point.coverage() == RecoveryPoint.Coverage.NOT_COPYABLE) {
                emit(database("INFO", "database_not_copyable", point, "not copied: " + point.note()));
            } else if (point.coverage() == RecoveryPoint.Coverage.BACKUPS_DISABLED) {
                emit(database("WARN", "database_without_backups", point, "automated backups are off (backup"
                        + " retention 0), so RDS takes no snapshot to copy; turn them on to protect this database"));
            }
        }
    }

    /** Writes the summary line and the EMF documents, and returns the summary. */
    public RunSummary finish(Instant now) {
        Map<String, Long> metrics = new LinkedHashMap<>(counts);
        if (recoveryComputed) {
            metrics.put(MetricNames.DATABASES_WITHOUT_COPY, coverage(RecoveryPoint.Coverage.NO_COPY));
            metrics.put(MetricNames.DATABASES_WITHOUT_BACKUPS, coverage(RecoveryPoint.Coverage.BACKUPS_DISABLED));
            metrics.put(MetricNames.DATABASES_NOT_COPYABLE, coverage(RecoveryPoint.Coverage.NOT_COPYABLE));
            metrics.put(MetricNames.LOOK_ALIKE_SNAPSHOTS, (long) lookAlikes);
            metrics.put(MetricNames.COPY_BACKLOG, (long) backlog);
            if (vaultWait != null) {
                metrics.put(MetricNames.OLDEST_COPY_AWAITING_VAULT_SECONDS, vaultWait.getSeconds());
            }
        }
        RunSummary summary = new RunSummary(trigger, dryRun, metrics, stoppedEarly, transientFailures);
        Map<String, Object> line = base(summary.hasTransientFailures() ? "ERROR" : "INFO", "summary", null);
        line.put("summary", summary.counts());
        line.put("stopped_early", stoppedEarly);
        emit(line);
        out.write(EmfMetrics.counters(replicationId, metrics, now));
        for (RecoveryPoint point : recoveryPoints) {
            Map<String, Object> doc = EmfMetrics.recoveryPoint(replicationId, point, now);
            if (doc != null) {
                out.write(doc);
            }
        }
        return summary;
    }

    private long coverage(RecoveryPoint.Coverage coverage) {
        return recoveryPoints.stream().filter(p -> p.coverage() == coverage).count();
    }

    private Map<String, Object> database(String level, String action, RecoveryPoint point, String reason) {
        Map<String, Object> line = base(level, action, reason);
        line.put("kind", point.kind() == SnapshotKind.DB_SNAPSHOT ? "db-snapshot" : "db-cluster-snapshot");
        line.put("db_id", point.dbIdentifier());
        return line;
    }

    private Map<String, Object> line(String level, String action, Decision decision, String reason, String metric) {
        Snapshot s = decision.snapshot();
        Map<String, Object> line = base(level, action, reason);
        line.put("kind", s.kind() == SnapshotKind.DB_SNAPSHOT ? "db-snapshot" : "db-cluster-snapshot");
        line.put("db_id", s.dbIdentifier());
        line.put("snapshot_id", s.identifier());
        line.put(s.region() != null && s.region().equals(targetRegion) ? "target_arn" : "source_arn", s.arn());
        if (metric != null) {
            count(metric);
        }
        return line;
    }

    private Map<String, Object> base(String level, String action, String reason) {
        return log.line(level, action, reason);
    }

    private void count(String metric) {
        counts.merge(metric, 1L, Long::sum);
    }

    private void emit(Map<String, Object> line) {
        log.emit(line);
    }
}
