package io.github.snapshotreplication.lambda.output;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.lambda.plan.drill.DrillAction;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import io.github.snapshotreplication.lambda.plan.drill.LookAlikeDrillDatabase;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log lines and metrics of one restore drill run: a JSON line per step, the outcome of each finished drill with
 * its cause and runbook section, and the EMF documents (counters and gauges with {@code ReplicationId}; per outcome,
 * the database's result and restore duration with {@code DBIdentifier} too).
 */
public final class DrillRecorder {

    private final JsonLines out;
    private final LogContext log;
    private final String replicationId;
    private final String trigger;
    private final boolean dryRun;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<DatabaseOutcome> outcomes = new ArrayList<>();
    private final List<String> transientFailures = new ArrayList<>();
    private int stoppedEarly;
    private Integer drillsAlive;

    /** A recorder for one run, {@code drill-round} or {@code drill-advance}. */
    public DrillRecorder(JsonLines out, String replicationId, String targetRegion, String trigger, boolean dryRun) {
        this.out = out;
        this.log = new LogContext(out, trigger, replicationId, null, targetRegion, dryRun);
        this.replicationId = replicationId;
        this.trigger = trigger;
        this.dryRun = dryRun;
        for (String metric : List.of(MetricNames.DRILLS_SUCCEEDED, MetricNames.DRILLS_FAILED,
                MetricNames.DRILL_CLEANUP_FAILURES)) {
            counts.put(metric, 0L);
        }
    }

    /** The plan's gauges, its round and its look-alikes. */
    public void planned(DrillPlan plan) {
        counts.put(MetricNames.DATABASES_WITHOUT_RECENT_DRILL, (long) plan.overdue().size());
        counts.put(MetricNames.LOOK_ALIKE_DRILL_DATABASES, (long) plan.lookAlikes().size());
        drillsAlive = plan.inFlight();
        if (!plan.picked().isEmpty() || "drill-round".equals(trigger)) {
            Map<String, Object> line = base("INFO", "drill_round", "a round asked for drills of "
                    + plan.picked().size() + " of " + plan.selected().size() + " selected databases");
            line.put("databases", plan.picked());
            emit(line);
        }
        for (String db : plan.overdue()) {
            Map<String, Object> line = base("WARN", "drill_overdue", "no successful drill within the success window;"
                    + " see docs/runbook.md#drill-overdue");
            line.put("db_id", db);
            emit(line);
        }
        for (LookAlikeDrillDatabase lookAlike : plan.lookAlikes()) {
            Map<String, Object> line = base("WARN", "drill_look_alike_ignored", lookAlike.reason()
                    + "; never modified or deleted");
            line.put("database", lookAlike.database().label());
            emit(line);
        }
    }

    /** A step done, or only planned in a dry run: restore started, instance added, waiting, ledger written. */
    public void step(DrillAction action, String what) {
        Map<String, Object> line = base("INFO", dryRun ? "drill_planned" : what, null);
        line.put("db_id", action.dbIdentifier());
        if (action instanceof DrillAction.Restore r) {
            line.put("drill_database", r.identifier());
            line.put("copy_arn", r.copy().arn());
            line.put("instance_class", r.instanceClass());
        } else if (action instanceof DrillAction.CreateClusterInstance c) {
            line.put("drill_database", c.identifier());
        } else if (action instanceof DrillAction.Wait w) {
            line.put("status", w.status());
        } else if (action instanceof DrillAction.Refuse r) {
            line.put("drill_database", r.identifier());
            line.put("cause", r.outcome().cause().code());
        } else if (action instanceof DrillAction.WriteLedger l) {
            line.put("copy_arn", l.copy().arn());
            line.put("ledger", l.tags());
            line.put("why", l.why());
        }
        emit(line);
    }

    /** A drill's outcome, counted once: the run that wrote it to the ledger reports it. */
    public void outcome(DrillAction.Finish finish) {
        record(finish.dbIdentifier(), finish.drill().identifier(), finish.drill().cluster() != null
                ? "db-cluster" : "db-instance", finish.drill().copyArn(), finish.outcome());
    }

    /** A drill that ended, failed, before it had a database. */
    public void refused(DrillAction.Refuse refuse) {
        record(refuse.dbIdentifier(), refuse.identifier(), null, refuse.copy().arn(), refuse.outcome());
    }

    /**
     * @param drillKind {@code db-instance} or {@code db-cluster}: the kind of the drill's main database; {@code null}
     *                  for a drill that ended before it had one
     */
    private void record(String dbIdentifier, String drillDatabase, String drillKind, String copyArn,
                        DrillAction.Outcome outcome) {
        String metric = outcome.passed() ? MetricNames.DRILLS_SUCCEEDED : MetricNames.DRILLS_FAILED;
        Map<String, Object> line = base(outcome.passed() ? "INFO" : "ERROR",
                outcome.passed() ? "drill_passed" : "drill_failed", outcome.passed() ? null
                        : outcome.cause().code() + ": " + String.join("; ", outcome.problems()) + "; see "
                        + outcome.cause().runbook());
        line.put("db_id", dbIdentifier);
        line.put("drill_database", drillDatabase);
        line.put("drill_kind", drillKind);
        line.put("copy_arn", copyArn);
        line.put("cause", outcome.passed() ? null : outcome.cause().code());
        Long seconds = outcome.restoreDuration() == null ? null : outcome.restoreDuration().getSeconds();
        line.put("restore_duration_seconds", seconds);
        emit(line);
        count(metric);
        Map<String, Long> values = new LinkedHashMap<>();
        values.put(metric, 1L);
        if (seconds != null) {
            values.put(MetricNames.RESTORE_DURATION_SECONDS, seconds);
        }
        outcomes.add(new DatabaseOutcome(dbIdentifier, values));
    }

    /** A drill database deleted (RDS is deleting it now). */
    public void deleted(DrillAction action, TargetDatabase database) {
        Map<String, Object> line = base("INFO", dryRun ? "drill_planned" : "drill_database_deleted", null);
        line.put("db_id", action.dbIdentifier());
        line.put("drill_database", database.label());
        emit(line);
    }

    /** A call failed; transient failures fail the invocation so that Lambda retries it. */
    public void failed(DrillAction action, String what, String reason, String errorCode, boolean isTransient) {
        Map<String, Object> line = base(isTransient ? "WARN" : "ERROR", what, reason);
        line.put("db_id", action == null ? null : action.dbIdentifier());
        line.put("error_code", errorCode);
        line.put("transient", isTransient);
        emit(line);
        if ("drill_cleanup_failed".equals(what)) {
            count(MetricNames.DRILL_CLEANUP_FAILURES);
        }
        if (isTransient) {
            transientFailures.add(reason);
        }
    }

    /** Steps not started because the Lambda's time ran low; the next run does them. */
    public void stoppedEarly(int steps) {
        stoppedEarly += steps;
    }

    /** Writes the summary line and the EMF documents, and returns the summary. */
    public RunSummary finish(Instant now) {
        RunSummary summary = new RunSummary(trigger, dryRun, counts, stoppedEarly, transientFailures);
        Map<String, Object> line = base(summary.hasTransientFailures() ? "ERROR" : "INFO", "summary", null);
        line.put("summary", summary.counts());
        line.put("stopped_early", stoppedEarly);
        line.put("drills_alive", drillsAlive);
        emit(line);
        out.write(EmfMetrics.counters(replicationId, counts, now));
        for (DatabaseOutcome outcome : outcomes) {
            out.write(EmfMetrics.drillOutcome(replicationId, outcome.dbIdentifier(), outcome.values(), now));
        }
        return summary;
    }

    private record DatabaseOutcome(String dbIdentifier, Map<String, Long> values) {
    }

    private void count(String metric) {
        counts.merge(metric, 1L, Long::sum);
    }

    private Map<String, Object> base(String level, String action, String reason) {
        return log.line(level, action, reason);
    }

    private void emit(Map<String, Object> line) {
        log.emit(line);
    }
}
