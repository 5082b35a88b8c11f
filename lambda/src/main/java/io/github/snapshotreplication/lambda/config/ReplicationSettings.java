package io.github.snapshotreplication.lambda.config;

import io.github.snapshotreplication.lambda.plan.DatabaseScope;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Lambda's configuration, read once at cold start from the environment the construct sets.
 *
 * @param sourceRegion          {@code AWS_REGION}: where the Lambda and the source databases run
 * @param targetRegion          {@code TARGET_REGION}
 * @param targetKmsKeyArn       {@code TARGET_KMS_KEY_ARN}, or {@code null}
 * @param replicationId         {@code REPLICATION_ID}: value of the managed-by tag
 * @param includeAuroraClusters {@code INCLUDE_AURORA_CLUSTERS}
 * @param copyManualSnapshots   {@code COPY_MANUAL_SNAPSHOTS}
 * @param retentionKeepLast     {@code RETENTION_KEEP_LAST}
 * @param retentionMaxAge       {@code RETENTION_MAX_AGE}, or {@code null}: no age limit
 * @param includeDbIdentifiers  {@code INCLUDE_DB_IDENTIFIERS}; empty: all
 * @param excludeDbIdentifiers  {@code EXCLUDE_DB_IDENTIFIERS}
 * @param sourceTagFilter       {@code SOURCE_TAG_FILTER}
 * @param optionGroupMapping    {@code OPTION_GROUP_MAPPING}
 * @param maxConcurrentDbSnapshotCopies      {@code MAX_CONCURRENT_DB_SNAPSHOT_COPIES}
 * @param maxConcurrentClusterSnapshotCopies {@code MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES}
 * @param dryRun                {@code DRY_RUN}: plan and log, never copy or delete
 * @param includeReadReplicas   {@code INCLUDE_READ_REPLICAS}
 * @param followUpRuleName      {@code FOLLOW_UP_RULE_NAME}, or {@code null}: no follow-up sweeps
 * @param vaultAccount          {@code VAULT_ACCOUNT}, or {@code null}: no vault
 */
public record ReplicationSettings(String sourceRegion, String targetRegion, String targetKmsKeyArn,
                                  String replicationId, boolean includeAuroraClusters, boolean copyManualSnapshots,
                                  int retentionKeepLast, Duration retentionMaxAge, List<String> includeDbIdentifiers,
                                  List<String> excludeDbIdentifiers, Map<String, String> sourceTagFilter,
                                  Map<String, String> optionGroupMapping, int maxConcurrentDbSnapshotCopies,
                                  int maxConcurrentClusterSnapshotCopies, boolean dryRun, boolean includeReadReplicas,
                                  String followUpRuleName, String vaultAccount) {

    /** Validates presence and copies collections. */
    public ReplicationSettings {
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(targetRegion, "targetRegion");
        Objects.requireNonNull(replicationId, "replicationId");
        includeDbIdentifiers = List.copyOf(includeDbIdentifiers);
        excludeDbIdentifiers = List.copyOf(excludeDbIdentifiers);
        sourceTagFilter = Map.copyOf(sourceTagFilter);
        optionGroupMapping = Map.copyOf(optionGroupMapping);
    }

    /**
     * Parses and validates the environment; every problem is reported at once.
     *
     * @throws InvalidSettingsException naming each bad variable and how to fix it
     */
    public static ReplicationSettings fromEnvironment(Map<String, String> environment) {
        return new SettingsParser(environment).parse();
    }

    /** The planner's view of these settings, for the configured target region. */
    public ReplicationPolicy policy() {
        return new ReplicationPolicy(sourceRegion, targetRegion, replicationId, targetKmsKeyArn,
                includeAuroraClusters, copyManualSnapshots, retentionKeepLast, retentionMaxAge,
                new DatabaseScope(includeDbIdentifiers, excludeDbIdentifiers, sourceTagFilter), optionGroupMapping,
                maxConcurrentDbSnapshotCopies, maxConcurrentClusterSnapshotCopies, includeReadReplicas, null,
                vaultAccount);
    }
}
