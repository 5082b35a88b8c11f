package io.github.snapshotreplication.lambda.cli;

import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.RecoveryPoint;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a plan as a table for people or as JSON for scripts.
 */
final class PlanFormatter {

    private PlanFormatter() {
    }

    /** The verb of a decision in the plan's output. */
    static String action(Decision d) {
        if (d instanceof Decision.Copy) {
            return "copy";
        } else if (d instanceof Decision.Delete) {
            return "delete";
        } else if (d instanceof Decision.Deferred) {
            return "defer";
        } else if (d instanceof Decision.AlreadyCopied) {
            return "already-copied";
        } else if (d instanceof Decision.Rejected) {
            return "cannot-copy";
        } else if (d instanceof Decision.Kept) {
            return "keep";
        } else if (d instanceof Decision.LookAlike) {
            return "look-alike";
        } else if (d instanceof Decision.ShareWithVault) {
            return "share-with-vault";
        } else if (d instanceof Decision.StopSharingWithVault) {
            return "stop-sharing";
        } else if (d instanceof Decision.SendReceipt) {
            return "send-receipt";
        }
        return "skip";
    }

    static String table(ReplicationSettings settings, Plan plan, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Plan of replication ").append(settings.replicationId()).append(": ")
                .append(settings.sourceRegion()).append(" -> ").append(plan.targetRegion()).append(" at ")
                .append(now).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ACTION", "KIND", "DATABASE", "SNAPSHOT", "REASON"});
        for (Decision d : plan.decisions()) {
            String reason = d instanceof Decision.Copy c ? c.reason() + "; copy as " + c.targetIdentifier()
                    : d.reason();
            rows.add(new String[] {action(d), kind(d.snapshot().kind()), d.snapshot().dbIdentifier(),
                    d.snapshot().identifier(), reason});
        }
        appendTable(out, rows);
        out.append('\n');
        List<String[]> points = new ArrayList<>();
        points.add(new String[] {"DATABASE", "KIND", "NEWEST COPY (AGE OF ITS SOURCE SNAPSHOT)"});
        for (RecoveryPoint p : plan.recoveryPoints()) {
            points.add(new String[] {p.dbIdentifier(), kind(p.kind()), coverage(p)});
        }
        appendTable(out, points);
        Map<String, Integer> counts = new TreeMap<>();
        plan.decisions().forEach(d -> counts.merge(action(d), 1, Integer::sum));
        out.append('\n').append("Summary: ").append(counts.isEmpty() ? "nothing to do" : counts.toString())
                .append('\n');
        return out.toString();
    }

    static String json(ReplicationSettings settings, Plan plan, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("replication_id", settings.replicationId());
        root.put("source_region", settings.sourceRegion());
        root.put("target_region", plan.targetRegion());
        root.put("generated_at", now.toString());
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (Decision d : plan.decisions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("action", action(d));
            item.put("kind", kind(d.snapshot().kind()));
            item.put("db_id", d.snapshot().dbIdentifier());
            item.put("snapshot_id", d.snapshot().identifier());
            item.put("snapshot_arn", d.snapshot().arn());
            if (d instanceof Decision.Copy c) {
                item.put("target_snapshot_id", c.targetIdentifier());
            }
            item.put("reason", d.reason());
            decisions.add(item);
        }
        root.put("decisions", decisions);
        List<Map<String, Object>> points = new ArrayList<>();
        for (RecoveryPoint p : plan.recoveryPoints()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("db_id", p.dbIdentifier());
            item.put("kind", kind(p.kind()));
            item.put("coverage", p.coverage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            item.put("newest_copy_age_seconds", p.age() == null ? null : p.age().getSeconds());
            points.add(item);
        }
        root.put("recovery_points", points);
        return JsonLines.toJson(root);
    }

    private static String coverage(RecoveryPoint p) {
        return switch (p.coverage()) {
            case COPIED -> human(p.age());
            case NO_COPY -> "no copy";
            case BACKUPS_DISABLED -> "no copy: automated backups are off";
            case NOT_COPYABLE -> "not copyable: " + p.note();
        };
    }

    private static String kind(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? "db-snapshot" : "db-cluster-snapshot";
    }

    static String human(Duration age) {
        return age.toDays() > 0 ? age.toDays() + "d " + age.toHoursPart() + "h"
                : age.toHours() + "h " + age.toMinutesPart() + "m";
    }

    static void appendTable(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i] == null ? "" : row[i];
                line.append(i == row.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
