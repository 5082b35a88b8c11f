package io.github.snapshotreplication.lambda.config;

import io.github.snapshotreplication.lambda.plan.DatabaseScope;
import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The restore drill function's configuration, read once at cold start: the replication settings that prove copies
 * ours and name the replicated databases, and the drill's own {@code DRILL_*} settings.
 *
 * @param replication     the replication settings
 * @param subnetGroup     {@code DRILL_SUBNET_GROUP}
 * @param securityGroups  {@code DRILL_SECURITY_GROUP_IDS}
 * @param instanceClasses {@code DRILL_INSTANCE_CLASSES} over the defaults
 * @param maxConcurrent   {@code DRILL_MAX_CONCURRENT}
 * @param maxDuration     {@code DRILL_MAX_DURATION}
 * @param perRound        {@code DRILL_DATABASES_PER_ROUND}; {@code null}: every selected database
 * @param databases       {@code DRILL_DB_IDENTIFIERS}; empty: every replicated database
 * @param tagFilter       {@code DRILL_SOURCE_TAG_FILTER}
 * @param successWindow   {@code DRILL_SUCCESS_WINDOW}
 */
public record DrillSettings(ReplicationSettings replication, String subnetGroup, List<String> securityGroups,
                            Map<String, String> instanceClasses, int maxConcurrent, Duration maxDuration,
                            Integer perRound, List<String> databases, Map<String, String> tagFilter,
                            Duration successWindow) {

    /** Validates presence and copies. */
    public DrillSettings {
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(subnetGroup, "subnetGroup");
        securityGroups = List.copyOf(securityGroups);
        instanceClasses = Map.copyOf(instanceClasses);
        databases = List.copyOf(databases);
        tagFilter = Map.copyOf(tagFilter);
    }

    /**
     * Parses and validates the environment; every problem is reported at once.
     *
     * @throws InvalidSettingsException naming each bad variable and how to fix it
     */
    public static DrillSettings fromEnvironment(Map<String, String> environment) {
        return new SettingsParser(environment).parseDrill();
    }

    /** What the drill planner may do. */
    public DrillPolicy policy() {
        return new DrillPolicy(replication.policy(), subnetGroup, securityGroups, instanceClasses, maxConcurrent,
                maxDuration, perRound, new DatabaseScope(databases, List.of(), tagFilter), successWindow);
    }

    /** {@code DRY_RUN}: plan and log, never restore or delete. */
    public boolean dryRun() {
        return replication.dryRun();
    }
}
