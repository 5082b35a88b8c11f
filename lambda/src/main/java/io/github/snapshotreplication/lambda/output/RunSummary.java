package io.github.snapshotreplication.lambda.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation did: returned by the handler, printed by the {@code plan} command's caller, and asserted on
 * by tests.
 *
 * @param trigger           {@code sweep}, {@code event} or {@code invalid}
 * @param dryRun            true when nothing was copied or deleted on purpose
 * @param counts            metric name to count, for every counter in {@code MetricNames}
 * @param stoppedEarly      actions not started because the Lambda's remaining time was low
 * @param transientFailures messages of failures that a retry of the invocation may fix
 */
public record RunSummary(String trigger, boolean dryRun, Map<String, Long> counts, int stoppedEarly,
                         List<String> transientFailures) {

    /** Copies. */
    public RunSummary {
        counts = Map.copyOf(counts);
        transientFailures = List.copyOf(transientFailures);
    }

    /** The count of one metric, 0 if absent. */
    public long count(String metricName) {
        return counts.getOrDefault(metricName, 0L);
    }

    /** True when the invocation should fail so that Lambda retries it and, at last, sends it to the DLQ. */
    public boolean hasTransientFailures() {
        return !transientFailures.isEmpty();
    }

    /** The summary as a JSON object with snake_case keys. */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trigger", trigger);
        out.put("dry_run", dryRun);
        new TreeMap<>(counts).forEach((k, v) -> out.put(snakeCase(k), v));
        out.put("stopped_early", stoppedEarly);
        out.put("transient_failures", transientFailures);
        return JsonLines.toJson(out);
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }
}
