package io.github.snapshotreplication.lambda.cli;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.drill.Drill;
import io.github.snapshotreplication.lambda.plan.drill.DrillAction;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import io.github.snapshotreplication.lambda.plan.drill.LookAlikeDrillDatabase;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the plan of the restore drill's next run as a table for people or as JSON for scripts, in the style of
 * {@link PlanFormatter}: what is selected and overdue, each drill alive and its next step, the round's picks, and
 * every step of the run (restores, refusals, ledger writes, waits, finishes, cleanups).
 */
final class DrillPlanFormatter {

    private DrillPlanFormatter() {
    }

    /**
     * One step of the plan, as both outputs show it.
     *
     * @param action        the verb, e.g. {@code restore}
     * @param dbIdentifier  the source database, or {@code null} for a drill whose tag is gone
     * @param drillDatabase the drill database it concerns, or {@code null}
     * @param detail        what it does and why, in words
     * @param fields        the same facts for scripts
     */
    private record Step(String action, String dbIdentifier, String drillDatabase, String detail,
                        Map<String, Object> fields) {
    }

    static String table(DrillSettings settings, DrillPlan plan, boolean round, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Drill plan of replication ").append(settings.replication().replicationId()).append(": ")
                .append(settings.replication().targetRegion()).append(", next ").append(run(round))
                .append(" run at ").append(now).append('\n');
        appendList(out, "Selected", plan.selected());
        appendList(out, "Overdue", plan.overdue());
        if (round) {
            appendList(out, "Round picks", plan.picked());
        }
        out.append("Drills alive: ").append(plan.inFlight()).append(" of at most ").append(settings.maxConcurrent())
                .append('\n');
        if (!plan.drills().isEmpty()) {
            List<String[]> drills = new ArrayList<>();
            drills.add(new String[] {"DRILL DATABASE", "DATABASE", "STARTED", "NEXT STEP", "STATUS"});
            for (Drill drill : plan.drills()) {
                drills.add(new String[] {drill.identifier(), drill.dbIdentifier(), String.valueOf(drill.startedAt()),
                        nextStep(plan, drill, round), drill.status()});
            }
            out.append('\n');
            PlanFormatter.appendTable(out, drills);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ACTION", "DATABASE", "DRILL DATABASE", "DETAIL"});
        Map<String, Integer> counts = new TreeMap<>();
        for (DrillAction action : plan.actions()) {
            Step step = step(action);
            rows.add(new String[] {step.action(), step.dbIdentifier(), step.drillDatabase(), step.detail()});
            counts.merge(step.action(), 1, Integer::sum);
        }
        out.append('\n');
        PlanFormatter.appendTable(out, rows);
        if (!plan.lookAlikes().isEmpty()) {
            List<String[]> lookAlikes = new ArrayList<>();
            lookAlikes.add(new String[] {"LOOK-ALIKE DATABASE", "REASON (NEVER TOUCHED)"});
            for (LookAlikeDrillDatabase lookAlike : plan.lookAlikes()) {
                lookAlikes.add(new String[] {lookAlike.database().label(), lookAlike.reason()});
            }
            out.append('\n');
            PlanFormatter.appendTable(out, lookAlikes);
        }
        out.append('\n').append("Summary: ").append(counts.isEmpty() ? "nothing to do" : counts.toString())
                .append('\n');
        return out.toString();
    }

    static String json(DrillSettings settings, DrillPlan plan, boolean round, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("replication_id", settings.replication().replicationId());
        root.put("source_region", settings.replication().sourceRegion());
        root.put("target_region", settings.replication().targetRegion());
        root.put("run", run(round));
        root.put("generated_at", now.toString());
        root.put("selected", plan.selected());
        root.put("overdue", plan.overdue());
        root.put("picked", plan.picked());
        root.put("max_concurrent", settings.maxConcurrent());
        List<Map<String, Object>> drills = new ArrayList<>();
        for (Drill drill : plan.drills()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("drill_database", drill.identifier());
            item.put("drill_kind", drill.cluster() != null ? "db-cluster" : "db-instance");
            item.put("db_id", drill.dbIdentifier());
            item.put("started_at", drill.startedAt() == null ? null : drill.startedAt().toString());
            item.put("copy_arn", drill.copyArn());
            item.put("status", drill.status());
            item.put("next_step", nextStep(plan, drill, round));
            drills.add(item);
        }
        root.put("drills", drills);
        List<Map<String, Object>> actions = new ArrayList<>();
        for (DrillAction action : plan.actions()) {
            Step step = step(action);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("action", step.action());
            item.put("db_id", step.dbIdentifier());
            item.put("drill_database", step.drillDatabase());
            item.putAll(step.fields());
            item.put("detail", step.detail());
            actions.add(item);
        }
        root.put("actions", actions);
        List<Map<String, Object>> lookAlikes = new ArrayList<>();
        for (LookAlikeDrillDatabase lookAlike : plan.lookAlikes()) {
            lookAlikes.add(new LinkedHashMap<>(Map.of("database", lookAlike.database().label(),
                    "reason", lookAlike.reason())));
        }
        root.put("look_alikes", lookAlikes);
        return JsonLines.toJson(root);
    }

    private static String run(boolean round) {
        return round ? Invocations.DRILL_ROUND : Invocations.DRILL_ADVANCE;
    }

    private static void appendList(StringBuilder out, String title, List<String> databases) {
        out.append(title).append(" (").append(databases.size()).append("): ")
                .append(databases.isEmpty() ? "none" : String.join(", ", databases)).append('\n');
    }

    /** The verb of the step the run takes for a drill alive; only advance runs move drills on. */
    private static String nextStep(DrillPlan plan, Drill drill, boolean round) {
        for (DrillAction action : plan.actions()) {
            if (drillOf(action) == drill) {
                return step(action).action();
            }
        }
        if (round) {
            return "none (advance runs move drills on)";
        }
        return drill.isBeingDeleted() ? "none (RDS is deleting it)" : "none";
    }

    private static Drill drillOf(DrillAction action) {
        if (action instanceof DrillAction.Wait w) {
            return w.drill();
        } else if (action instanceof DrillAction.CreateClusterInstance c) {
            return c.drill();
        } else if (action instanceof DrillAction.Finish f) {
            return f.drill();
        } else if (action instanceof DrillAction.Cleanup c) {
            return c.drill();
        }
        return null;
    }

    private static Step step(DrillAction action) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (action instanceof DrillAction.Restore r) {
            fields.put("copy_id", r.copy().identifier());
            fields.put("copy_arn", r.copy().arn());
            fields.put("instance_class", r.instanceClass());
            boolean cluster = r.kind() == SnapshotKind.DB_CLUSTER_SNAPSHOT;
            return new Step("restore", r.dbIdentifier(), r.identifier(), "copy " + r.copy().identifier()
                    + ", class " + r.instanceClass() + (cluster ? ", as a DB cluster; its instance follows" : ""),
                    fields);
        } else if (action instanceof DrillAction.Refuse r) {
            fields.put("copy_arn", r.copy().arn());
            outcomeFields(fields, r.outcome());
            fields.put("ledger", r.ledger());
            return new Step("refuse", r.dbIdentifier(), r.identifier(), outcome(r.outcome())
                    + "; nothing is created; ledger on " + r.copy().identifier(), fields);
        } else if (action instanceof DrillAction.CreateClusterInstance c) {
            fields.put("engine", c.engine());
            fields.put("instance_class", c.instanceClass());
            return new Step("add-instance", c.dbIdentifier(), c.identifier(), "the cluster is up: add DB instance "
                    + c.identifier() + ", class " + c.instanceClass(), fields);
        } else if (action instanceof DrillAction.Wait w) {
            fields.put("status", w.status());
            return new Step("wait", w.dbIdentifier(), w.drill().identifier(), "RDS is working: " + w.status(),
                    fields);
        } else if (action instanceof DrillAction.Finish f) {
            outcomeFields(fields, f.outcome());
            fields.put("ledger_copy_arn", f.ledgerCopy() == null ? null : f.ledgerCopy().arn());
            fields.put("ledger", f.ledgerTags());
            fields.put("deletes", labels(f.deletes()));
            fields.put("past_cap", f.pastCap());
            return new Step("finish", f.dbIdentifier(), f.drill().identifier(), outcome(f.outcome())
                    + "; ledger on " + (f.ledgerCopy() == null ? "no copy (none left)" : f.ledgerCopy().identifier())
                    + "; then delete " + String.join(", ", labels(f.deletes()))
                    + (f.pastCap() ? " (past DRILL_MAX_DURATION: deleted even if the ledger write fails)" : ""),
                    fields);
        } else if (action instanceof DrillAction.Cleanup c) {
            fields.put("deletes", labels(c.deletes()));
            return new Step("cleanup", c.dbIdentifier(), c.drill().identifier(), "outcome already recorded; delete "
                    + String.join(", ", labels(c.deletes())), fields);
        }
        DrillAction.WriteLedger l = (DrillAction.WriteLedger) action;
        fields.put("copy_id", l.copy().identifier());
        fields.put("copy_arn", l.copy().arn());
        fields.put("ledger", l.tags());
        fields.put("why", l.why());
        List<String> tags = new ArrayList<>();
        l.tags().forEach((key, value) -> tags.add(key + "=" + value));
        return new Step("write-ledger", l.dbIdentifier(), null, l.why() + " on copy " + l.copy().identifier() + ": "
                + String.join(", ", tags), fields);
    }

    private static String outcome(DrillAction.Outcome outcome) {
        if (outcome.passed()) {
            return "passed" + (outcome.restoreDuration() == null ? ""
                    : ", up after " + PlanFormatter.human(outcome.restoreDuration()));
        }
        return "failed, " + outcome.cause().code() + ": " + String.join("; ", outcome.problems()) + "; see "
                + outcome.cause().runbook();
    }

    private static void outcomeFields(Map<String, Object> fields, DrillAction.Outcome outcome) {
        fields.put("passed", outcome.passed());
        fields.put("cause", outcome.passed() ? null : outcome.cause().code());
        fields.put("problems", outcome.problems());
        fields.put("restore_duration_seconds", outcome.restoreDuration() == null ? null
                : outcome.restoreDuration().getSeconds());
    }

    private static List<String> labels(List<TargetDatabase> databases) {
        return databases.stream().map(TargetDatabase::label).toList();
    }
}
