package io.github.snapshotreplication.cdk;

import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.EnvironmentVariables;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tokenization;

/**
 * The environment the engine reads at cold start, built from the props with the names of {@link EnvironmentVariables}.
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
     * @param targetKeyArn  the target key ARN, or {@code null}
     * @return variable name to value, sorted by name
     */
    static Map<String, String> of(Stack stack, CrossRegionSnapshotReplicationProps props, String replicationId,
                                  String targetKeyArn) {
        Map<String, String> env = new TreeMap<>();
        env.put(EnvironmentVariables.TARGET_REGION, props.getTargetRegion());
        env.put(EnvironmentVariables.REPLICATION_ID, replicationId);
        if (targetKeyArn != null) {
            env.put(EnvironmentVariables.TARGET_KMS_KEY_ARN, targetKeyArn);
        }
        env.put(EnvironmentVariables.INCLUDE_AURORA_CLUSTERS, String.valueOf(props.isIncludeAurora()));
        env.put(EnvironmentVariables.COPY_MANUAL_SNAPSHOTS, String.valueOf(props.isCopyManualSnapshots()));
        env.put(EnvironmentVariables.RETENTION_KEEP_LAST, Tokenization.stringifyNumber(props.getRetentionKeepLast()));
        if (props.getRetentionMaxAge() != null) {
            env.put(EnvironmentVariables.RETENTION_MAX_AGE, isoString(props.getRetentionMaxAge()));
        }
        if (!props.getIncludeDbIdentifiers().isEmpty()) {
            env.put(EnvironmentVariables.INCLUDE_DB_IDENTIFIERS, stack.toJsonString(props.getIncludeDbIdentifiers()));
        }
        if (!props.getExcludeDbIdentifiers().isEmpty()) {
            env.put(EnvironmentVariables.EXCLUDE_DB_IDENTIFIERS, stack.toJsonString(props.getExcludeDbIdentifiers()));
        }
        if (!props.getSourceTagFilter().isEmpty()) {
            env.put(EnvironmentVariables.SOURCE_TAG_FILTER,
                    stack.toJsonString(new TreeMap<>(props.getSourceTagFilter())));
        }
        if (!props.getOptionGroupMapping().isEmpty()) {
            env.put(EnvironmentVariables.OPTION_GROUP_MAPPING,
                    stack.toJsonString(new TreeMap<>(props.getOptionGroupMapping())));
        }
        env.put(EnvironmentVariables.MAX_CONCURRENT_COPIES,
                Tokenization.stringifyNumber(props.getMaxConcurrentCopies()));
        env.put(EnvironmentVariables.DRY_RUN, String.valueOf(props.isDryRun()));
        return env;
    }

    /**
     * ISO-8601 form of a duration. A duration built from a token cannot be converted between units, so it is written
     * in its own unit around the token.
     */
    static String isoString(Duration duration) {
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
                throw new IllegalArgumentException("retentionMaxAge from a token must be in days, hours, minutes or"
                        + " seconds (got " + duration.unitLabel() + ")");
        }
    }
}
