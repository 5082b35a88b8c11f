package io.github.snapshotreplication.lambda.config;

import io.github.snapshotreplication.lambda.plan.DatabaseScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings from the environment: defaults, full parsing, and one clear message per bad value.
 */
class ReplicationSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("TARGET_REGION", "eu-central-1");
        env.put("REPLICATION_ID", "orders-dr");
        return env;
    }

    @Test
    void appliesDefaults() {
        ReplicationSettings s = ReplicationSettings.fromEnvironment(minimal());

        assertThat(s.retentionKeepLast()).isEqualTo(7);
        assertThat(s.maxConcurrentDbSnapshotCopies()).isEqualTo(15);
        assertThat(s.maxConcurrentClusterSnapshotCopies()).isEqualTo(4);
        assertThat(s.includeReadReplicas()).isFalse();
        assertThat(s.followUpRuleName()).isNull();
        assertThat(s.retentionMaxAge()).isNull();
        assertThat(s.targetKmsKeyArn()).isNull();
        assertThat(s.includeAuroraClusters()).isFalse();
        assertThat(s.copyManualSnapshots()).isFalse();
        assertThat(s.dryRun()).isFalse();
        assertThat(s.policy().scope()).isEqualTo(DatabaseScope.ALL);
    }

    @Test
    void parsesEveryVariable() {
        Map<String, String> env = minimal();
        env.put("TARGET_KMS_KEY_ARN", "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c");
        env.put("INCLUDE_AURORA_CLUSTERS", "TRUE");
        env.put("COPY_MANUAL_SNAPSHOTS", "true");
        env.put("RETENTION_KEEP_LAST", "3");
        env.put("RETENTION_MAX_AGE", "P30D");
        env.put("INCLUDE_DB_IDENTIFIERS", "[\"orders-*\",\"billing\"]");
        env.put("EXCLUDE_DB_IDENTIFIERS", "[\"*-test\"]");
        env.put("SOURCE_TAG_FILTER", "{\"dr\":\"yes\"}");
        env.put("OPTION_GROUP_MAPPING", "{\"oracle-tde\":\"oracle-tde-dr\"}");
        env.put("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "20");
        env.put("MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", "5");
        env.put("INCLUDE_READ_REPLICAS", "true");
        env.put("FOLLOW_UP_RULE_NAME", "Stack-ReplicationFollowUp1A2B");
        env.put("DRY_RUN", "true");

        ReplicationSettings s = ReplicationSettings.fromEnvironment(env);

        assertThat(s.targetKmsKeyArn()).isEqualTo("arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c");
        assertThat(s.includeAuroraClusters()).isTrue();
        assertThat(s.copyManualSnapshots()).isTrue();
        assertThat(s.retentionKeepLast()).isEqualTo(3);
        assertThat(s.retentionMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(s.includeDbIdentifiers()).containsExactly("orders-*", "billing");
        assertThat(s.excludeDbIdentifiers()).containsExactly("*-test");
        assertThat(s.sourceTagFilter()).containsExactly(Map.entry("dr", "yes"));
        assertThat(s.optionGroupMapping()).containsExactly(Map.entry("oracle-tde", "oracle-tde-dr"));
        assertThat(s.maxConcurrentDbSnapshotCopies()).isEqualTo(20);
        assertThat(s.maxConcurrentClusterSnapshotCopies()).isEqualTo(5);
        assertThat(s.policy().copySlots(io.github.snapshotreplication.lambda.plan.SnapshotKind.DB_CLUSTER_SNAPSHOT))
                .isEqualTo(5);
        assertThat(s.includeReadReplicas()).isTrue();
        assertThat(s.followUpRuleName()).isEqualTo("Stack-ReplicationFollowUp1A2B");
        assertThat(s.dryRun()).isTrue();
        assertThat(s.policy().targetRegion()).isEqualTo("eu-central-1");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "TARGET_REGION|''|targetRegion (TARGET_REGION) is not set",
            "TARGET_REGION|Frankfurt|targetRegion (TARGET_REGION) must be a region name",
            "TARGET_REGION|eu-west-1|targetRegion (TARGET_REGION) must differ from AWS_REGION",
            "AWS_REGION|''|AWS_REGION is not set",
            "REPLICATION_ID|''|REPLICATION_ID is not set",
            "REPLICATION_ID|orders#dr|REPLICATION_ID must be 1 to 256 letters",
            "TARGET_KMS_KEY_ARN|alias/dr|targetKey (TARGET_KMS_KEY_ARN) must be a KMS key ARN",
            "TARGET_KMS_KEY_ARN|arn:aws:kms:eu-west-1:123456789012:key/abc|targetKey (TARGET_KMS_KEY_ARN) must be"
                    + " a key in eu-central-1 (got a key in eu-west-1)",
            "INCLUDE_AURORA_CLUSTERS|yes|includeAurora (INCLUDE_AURORA_CLUSTERS) must be true or false",
            "COPY_MANUAL_SNAPSHOTS|1|copyManualSnapshots (COPY_MANUAL_SNAPSHOTS) must be true or false",
            "DRY_RUN|on|dryRun (DRY_RUN) must be true or false",
            "RETENTION_KEEP_LAST|0|retentionKeepLast (RETENTION_KEEP_LAST) must be a whole number from 1 to 10000",
            "RETENTION_KEEP_LAST|seven|retentionKeepLast (RETENTION_KEEP_LAST) must be a whole number from 1",
            "MAX_CONCURRENT_DB_SNAPSHOT_COPIES|0|maxConcurrentDbSnapshotCopies (MAX_CONCURRENT_DB_SNAPSHOT_COPIES) must"
                    + " be a whole number from 1 to 20",
            "MAX_CONCURRENT_DB_SNAPSHOT_COPIES|21|maxConcurrentDbSnapshotCopies (MAX_CONCURRENT_DB_SNAPSHOT_COPIES)"
                    + " must be a whole number from 1 to 20",
            "MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES|6|maxConcurrentClusterSnapshotCopies"
                    + " (MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES) must be a whole number from 1 to 5",
            "INCLUDE_READ_REPLICAS|no|includeReadReplicas (INCLUDE_READ_REPLICAS) must be true or false",
            "FOLLOW_UP_RULE_NAME|rule name|FOLLOW_UP_RULE_NAME must be 1 to 64 letters",
            "RETENTION_MAX_AGE|30 days|retentionMaxAge (RETENTION_MAX_AGE) must be an ISO-8601 duration",
            "RETENTION_MAX_AGE|-P1D|retentionMaxAge (RETENTION_MAX_AGE) must be at least 1 day (got -P1D)",
            "RETENTION_MAX_AGE|PT2H|retentionMaxAge (RETENTION_MAX_AGE) must be at least 1 day",
            "RETENTION_MAX_AGE|P1M|retentionMaxAge (RETENTION_MAX_AGE) must be an ISO-8601 duration",
            "INCLUDE_DB_IDENTIFIERS|orders-*|includeDbIdentifiers (INCLUDE_DB_IDENTIFIERS) must be a JSON array",
            "EXCLUDE_DB_IDENTIFIERS|[1]|excludeDbIdentifiers (EXCLUDE_DB_IDENTIFIERS) must be a JSON array",
            "SOURCE_TAG_FILTER|[\"dr\"]|sourceTagFilter (SOURCE_TAG_FILTER) must be a JSON object",
            "OPTION_GROUP_MAPPING|{\"a\":1}|optionGroupMapping (OPTION_GROUP_MAPPING) must be a JSON object"})
    void rejectsBadValueNamingTheVariable(String name, String value, String message) {
        Map<String, String> env = minimal();
        env.put(name, value);

        assertThatThrownBy(() -> ReplicationSettings.fromEnvironment(env))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = minimal();
        env.put("RETENTION_KEEP_LAST", "-1");
        env.put("DRY_RUN", "maybe");
        env.remove("TARGET_REGION");

        assertThatThrownBy(() -> ReplicationSettings.fromEnvironment(env))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("targetRegion (TARGET_REGION)"))
                        .anySatisfy(p -> assertThat(p).startsWith("retentionKeepLast (RETENTION_KEEP_LAST)"))
                        .anySatisfy(p -> assertThat(p).startsWith("dryRun (DRY_RUN)")));
    }

    @Test
    void globPatternsMatchWholeIdentifiersIgnoringCase() {
        Map<String, String> env = minimal();
        env.put("INCLUDE_DB_IDENTIFIERS", "[\"orders-?\",\"BILL*\"]");
        env.put("EXCLUDE_DB_IDENTIFIERS", "[\"*-test\"]");
        DatabaseScope scope = ReplicationSettings.fromEnvironment(env).policy().scope();

        assertThat(List.of("orders-1", "billing", "billing-eu", "orders-12", "billing-test", "xorders-1"))
                .filteredOn(scope::matchesIdentifier)
                .containsExactly("orders-1", "billing", "billing-eu");
    }
}
