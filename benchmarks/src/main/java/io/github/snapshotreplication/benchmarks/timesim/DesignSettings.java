package io.github.snapshotreplication.benchmarks.timesim;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the engine is configured in a design: environment variables over the construct's defaults, and whether the
 * function has its follow-up rule.
 *
 * @param settings  environment variables the design sets
 * @param followUps whether FOLLOW_UP_RULE_NAME names the follow-up rule
 */
record DesignSettings(Map<String, String> settings, boolean followUps) {

    /**
     * (b) The design before this change, approximated by the current engine with the old settings: one cap of 5
     * copies in flight (the old MAX_CONCURRENT_COPIES default, then counted per kind as both settings now are) and
     * no follow-up rule, so copies that wait start at the next event or the daily sweep. The one-copy-per-database
     * rule of the current engine stays.
     */
    static final DesignSettings BEFORE = new DesignSettings(Map.of("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "5",
            "MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", "5"), false);

    /** (c) The new design: every default (15 DB and 4 cluster snapshot copies in flight) and follow-ups on. */
    static final DesignSettings NEW = new DesignSettings(Map.of(), true);

    /** These settings and {@code overrides} ({@code NAME=value,NAME=value}; empty: none). */
    DesignSettings with(String overrides) {
        Map<String, String> all = new TreeMap<>(settings);
        for (String pair : overrides.split(",")) {
            if (!pair.isBlank()) {
                String[] nameValue = pair.split("=", 2);
                all.put(nameValue[0].trim(), nameValue[1].trim());
            }
        }
        return new DesignSettings(Map.copyOf(all), followUps);
    }
}
