package io.github.snapshotreplication.lambda.output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields every log line of one run starts with, so that one CloudWatch Logs Insights query finds a run's lines
 * whichever function wrote them; writes the lines with their empty fields left out.
 *
 * @param out           where the lines go
 * @param trigger       what started the run
 * @param replicationId the installation
 * @param sourceRegion  the source region, or {@code null} when the function works in one region only
 * @param targetRegion  the target region
 * @param dryRun        whether the run only plans
 */
record LogContext(JsonLines out, String trigger, String replicationId, String sourceRegion, String targetRegion,
                  boolean dryRun) {

    /** A new line with the run's fields and {@code reason} if given. */
    Map<String, Object> line(String level, String action, String reason) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("action", action);
        line.put("trigger", trigger);
        line.put("replication_id", replicationId);
        line.put("source_region", sourceRegion);
        line.put("target_region", targetRegion);
        line.put("dry_run", dryRun);
        line.put("reason", reason);
        return line;
    }

    /** Writes a line without its empty fields. */
    void emit(Map<String, Object> line) {
        line.values().removeIf(v -> v == null);
        out.write(line);
    }
}
