package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tokenization;

/**
 * The environment the engines read at cold start, built from the props with the names of {@link Settings}.
 *
 * <p>Lists and maps are JSON; {@link Stack#toJsonString} keeps tokens inside them resolvable. Optional settings that
 * are unset are left out, so the engine applies its own documented default.
 */
final class LambdaEnvironment {

    private LambdaEnvironment() {
    }

    /**
     * @param stack         the stack, for JSON rendering of token-bearing values
     * @param props         the validated props
     * @param replicationId the installation id (managed-by tag value and metric dimension)
     * @param followUpRuleName the physical name of the follow-up rule
     * @return variable name to value, sorted by name
     */
    static Map<String, String> of(Stack stack, CrossRegionSnapshotReplicationProps props, String replicationId,
                                  String followUpRuleName) {
        Map<String, String> env = new TreeMap<>();
        env.put(Settings.TARGET_REGION.variable(), props.getTargetRegion());
        env.put(Settings.REPLICATION_ID.variable(), replicationId);
        if (props.getTargetKey() != null) {
            env.put(Settings.TARGET_KMS_KEY_ARN.variable(), props.getTargetKey().getKeyArn());
        }
        env.put(Settings.INCLUDE_AURORA.variable(), String.valueOf(props.isIncludeAurora()));
        env.put(Settings.COPY_MANUAL_SNAPSHOTS.variable(), String.valueOf(props.isCopyManualSnapshots()));
        env.put(Settings.INCLUDE_READ_REPLICAS.variable(), String.valueOf(props.isIncludeReadReplicas()));
        env.put(Settings.RETENTION_KEEP_LAST.variable(), Tokenization.stringifyNumber(props.getRetentionKeepLast()));
        if (props.getRetentionMaxAge() != null) {
            env.put(Settings.RETENTION_MAX_AGE.variable(),
                    isoString(Settings.RETENTION_MAX_AGE, props.getRetentionMaxAge()));
        }
        if (!props.getIncludeDbIdentifiers().isEmpty()) {
            env.put(Settings.INCLUDE_DB_IDENTIFIERS.variable(), stack.toJsonString(props.getIncludeDbIdentifiers()));
        }
        if (!props.getExcludeDbIdentifiers().isEmpty()) {
            env.put(Settings.EXCLUDE_DB_IDENTIFIERS.variable(), stack.toJsonString(props.getExcludeDbIdentifiers()));
        }
        if (!props.getSourceTagFilter().isEmpty()) {
            env.put(Settings.SOURCE_TAG_FILTER.variable(),
                    stack.toJsonString(new TreeMap<>(props.getSourceTagFilter())));
        }
        if (!props.getOptionGroupMapping().isEmpty()) {
            env.put(Settings.OPTION_GROUP_MAPPING.variable(),
                    stack.toJsonString(new TreeMap<>(props.getOptionGroupMapping())));
        }
        env.put(Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES.variable(),
                Tokenization.stringifyNumber(props.getMaxConcurrentDbSnapshotCopies()));
        env.put(Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES.variable(),
                Tokenization.stringifyNumber(props.getMaxConcurrentClusterSnapshotCopies()));
        env.put(Settings.FOLLOW_UP_RULE_NAME.variable(), followUpRuleName);
        if (props.getVaultAccount() != null) {
            env.put(Settings.VAULT_ACCOUNT.variable(), props.getVaultAccount());
        }
        env.put(Settings.DRY_RUN.variable(), String.valueOf(props.isDryRun()));
        return env;
    }

    /**
     * The environment of the restore drill's function: exactly the settings of {@link Settings#DRILL}. The
     * replication settings among them (what proves a copy ours, which databases are replicated) are taken from the
     * replication function's environment, so the two functions read the same values.
     *
     * @param stack            the stack, for JSON rendering of token-bearing values
     * @param props            the validated props, with {@code restoreDrill}
     * @param replicationId    the installation id
     * @param followUpRuleName the physical name of the follow-up rule (not passed on)
     * @return variable name to value, sorted by name
     */
    static Map<String, String> ofDrill(Stack stack, CrossRegionSnapshotReplicationProps props, String replicationId,
                                      String followUpRuleName) {
        RestoreDrillOptions drill = props.getRestoreDrill();
        Map<String, String> env = new TreeMap<>(of(stack, props, replicationId, followUpRuleName));
        env.keySet().retainAll(Settings.DRILL.stream().map(Setting::variable).toList());
        env.put(Settings.DRILL_SUBNET_GROUP.variable(), drill.getSubnetGroupName());
        env.put(Settings.DRILL_SECURITY_GROUPS.variable(), stack.toJsonString(drill.getSecurityGroupIds()));
        // The defaults with the given entries on top, so that the console shows the class each engine gets.
        Map<String, String> classes = new TreeMap<>(Settings.DEFAULT_DRILL_INSTANCE_CLASSES);
        classes.putAll(drill.getInstanceClasses());
        env.put(Settings.DRILL_INSTANCE_CLASSES.variable(), stack.toJsonString(classes));
        env.put(Settings.DRILL_MAX_CONCURRENT.variable(), Tokenization.stringifyNumber(drill.getMaxConcurrentDrills()));
        env.put(Settings.DRILL_MAX_DURATION.variable(),
                isoString(Settings.DRILL_MAX_DURATION, drill.getMaxDrillDuration()));
        if (drill.getDatabasesPerRound() != null) {
            env.put(Settings.DRILL_DATABASES_PER_ROUND.variable(),
                    Tokenization.stringifyNumber(drill.getDatabasesPerRound()));
        }
        if (!drill.getDatabases().isEmpty()) {
            env.put(Settings.DRILL_DB_IDENTIFIERS.variable(), stack.toJsonString(drill.getDatabases()));
        }
        if (!drill.getSourceTagFilter().isEmpty()) {
            env.put(Settings.DRILL_SOURCE_TAG_FILTER.variable(),
                    stack.toJsonString(new TreeMap<>(drill.getSourceTagFilter())));
        }
        env.put(Settings.DRILL_SUCCESS_WINDOW.variable(),
                isoString(Settings.DRILL_SUCCESS_WINDOW, drill.getSuccessWindow()));
        return env;
    }

    /**
     * The environment of the vault function: exactly the settings of {@link Settings#VAULT}.
     *
     * @param stack          the stack, for JSON rendering of token-bearing values
     * @param props          the validated props
     * @param vaultId        the vault's id
     * @param sourceAccounts the accepted source accounts, without duplicates
     * @param keyArn         the vault key's ARN
     * @return variable name to value, sorted by name
     */
    static Map<String, String> ofVault(Stack stack, SnapshotVaultProps props, String vaultId,
                                       List<String> sourceAccounts, String keyArn) {
        Map<String, String> env = new TreeMap<>();
        env.put(Settings.REPLICATION_ID.variable(), vaultId);
        env.put(Settings.INCLUDE_AURORA.variable(), String.valueOf(props.isIncludeAurora()));
        env.put(Settings.VAULT_SOURCE_ACCOUNTS.variable(), stack.toJsonString(sourceAccounts));
        env.put(Settings.VAULT_KMS_KEY_ARN.variable(), keyArn);
        env.put(Settings.VAULT_RETENTION.variable(), isoString(Settings.VAULT_RETENTION, props.getRetention()));
        env.put(Settings.DRY_RUN.variable(), String.valueOf(props.isDryRun()));
        return env;
    }

    /**
     * ISO-8601 form of a duration. A duration built from a token cannot be converted between units, so it is written
     * in its own unit around the token.
     */
    static String isoString(Setting setting, Duration duration) {
        if (!duration.isUnresolved()) {
            return duration.toIsoString();
        }
        switch (duration.unitLabel()) {
            case "days":
                return "P" + Tokenization.stringifyNumber(duration.toDays()) + "D";
            case "hours":
                return "PT" + Tokenization.stringifyNumber(duration.toHours()) + "H";
            case "minutes":
                return "PT" + Tokenization.stringifyNumber(duration.toMinutes()) + "M";
            case "seconds":
                return "PT" + Tokenization.stringifyNumber(duration.toSeconds()) + "S";
            default:
                throw new IllegalArgumentException(setting.prop() + " from a token must be in days, hours, minutes or"
                        + " seconds (got " + duration.unitLabel() + ")");
        }
    }
}
