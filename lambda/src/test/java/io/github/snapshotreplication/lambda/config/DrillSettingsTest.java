package io.github.snapshotreplication.lambda.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The drill function's settings: its defaults, the instance classes over the defaults, every problem at once. */
class DrillSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("TARGET_REGION", "eu-central-1");
        env.put("REPLICATION_ID", "orders-dr");
        env.put("DRILL_SUBNET_GROUP", "drill subnets");
        env.put("DRILL_SECURITY_GROUP_IDS", "[\"sg-0123456789abcdef0\"]");
        return env;
    }

    @Test
    void appliesTheDefaults() {
        DrillSettings s = DrillSettings.fromEnvironment(minimal());
        DrillPolicy policy = s.policy();

        assertThat(policy.maxConcurrent()).isEqualTo(2);
        assertThat(policy.maxDuration()).isEqualTo(Duration.ofHours(6));
        assertThat(policy.successWindow()).isEqualTo(Duration.ofDays(15));
        assertThat(policy.perRound()).isNull();
        assertThat(policy.securityGroups()).containsExactly("sg-0123456789abcdef0");
        assertThat(policy.identifierStart()).startsWith("sr").endsWith("-drill-");
        assertThat(policy.instanceClassFor("postgres")).isEqualTo("db.t4g.micro");
        assertThat(policy.instanceClassFor("aurora-mysql")).isEqualTo("db.t4g.medium");
        assertThat(policy.instanceClassFor("sqlserver-ee")).isEqualTo("db.t3.xlarge");
        assertThat(policy.instanceClassFor("sqlserver-ex")).isEqualTo("db.t3.small");
        assertThat(policy.instanceClassFor("oracle-se2")).isEqualTo("db.t3.small");
    }

    @Test
    void instanceClassesReplaceTheDefaultsOfTheirKeyOnly() {
        Map<String, String> env = minimal();
        env.put("DRILL_INSTANCE_CLASSES", "{\"postgres\":\"db.m7g.large\",\"oracle-ee\":\"db.r6i.large\"}");
        env.put("DRILL_DATABASES_PER_ROUND", "3");
        env.put("DRILL_DB_IDENTIFIERS", "[\"orders-*\"]");

        DrillPolicy policy = DrillSettings.fromEnvironment(env).policy();

        assertThat(policy.instanceClassFor("postgres")).isEqualTo("db.m7g.large");
        assertThat(policy.instanceClassFor("oracle-ee")).isEqualTo("db.r6i.large");
        assertThat(policy.instanceClassFor("oracle-se2")).isEqualTo("db.t3.small");
        assertThat(policy.instanceClassFor("mysql")).isEqualTo("db.t4g.micro");
        assertThat(policy.perRound()).isEqualTo(3);
        assertThat(policy.selection().include()).isEqualTo(List.of("orders-*"));
    }

    @Test
    void reportsEveryProblemNamingTheSetting() {
        Map<String, String> env = minimal();
        env.remove("DRILL_SUBNET_GROUP");
        env.put("DRILL_SECURITY_GROUP_IDS", "[\"sg-12\"]");
        env.put("DRILL_MAX_CONCURRENT", "50");
        env.put("DRILL_MAX_DURATION", "PT10M");
        env.put("TARGET_REGION", "eu-west-1");

        assertThatThrownBy(() -> DrillSettings.fromEnvironment(env)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("restoreDrill.subnetGroupName (DRILL_SUBNET_GROUP) is not set")
                .hasMessageContaining("restoreDrill.securityGroupIds (DRILL_SECURITY_GROUP_IDS) must be a JSON array"
                        + " of security group ids")
                .hasMessageContaining("restoreDrill.maxConcurrentDrills (DRILL_MAX_CONCURRENT) must be a whole number"
                        + " from 1 to 20 (got 50)")
                .hasMessageContaining("restoreDrill.maxDrillDuration (DRILL_MAX_DURATION) must be at least 1 hour")
                .hasMessageContaining("targetRegion (TARGET_REGION) must differ");
    }

    @Test
    void securityGroupsAreRequired() {
        Map<String, String> env = minimal();
        env.remove("DRILL_SECURITY_GROUP_IDS");

        assertThatThrownBy(() -> DrillSettings.fromEnvironment(env))
                .hasMessageContaining("restoreDrill.securityGroupIds (DRILL_SECURITY_GROUP_IDS) is not set");
    }
}
