package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import io.github.snapshotreplication.contract.MetricNames;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Template;

/** The construct and the engine share one definition of names: env vars and metric names come from the contract. */
class ContractTest {

    private final Template full = template(props().includeAurora(true).retentionMaxAge(Duration.days(30))
            .includeDbIdentifiers(List.of("a*")).excludeDbIdentifiers(List.of("b*"))
            .sourceTagFilter(Map.of("k", "v")).optionGroupMapping(Map.of("o", "p")).createDashboard(true)
            .vaultAccount("210987654321").build());
    private final Template vault = Template.fromStack(TestStacks.withVault(TestStacks.vaultProps().includeAurora(true)
            .createDashboard(true).build(), v -> { }));

    private static Set<String> environmentVariableConstants() {
        return Settings.REPLICATION.stream().map(Setting::variable).collect(Collectors.toSet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableIsAContractConstant() {
        Map<String, Object> function = TestStacks.onlyProperties(full, "AWS::Lambda::Function");
        Set<String> keys = ((Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables")).keySet();
        assertThat(environmentVariableConstants()).containsAll(keys);
        // Everything the engine reads, except the runtime's own AWS_REGION, is set when every prop is given.
        assertThat(keys).containsAll(environmentVariableConstants());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theVaultFunctionGetsExactlyTheVaultSettings() {
        Map<String, Object> function = TestStacks.onlyProperties(vault, "AWS::Lambda::Function");
        Set<String> keys = ((Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables")).keySet();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(Settings.VAULT.stream().map(Setting::variable)
                .toList());
    }

    @Test
    void everyMetricOfOurNamespaceIsInTheContractList() {
        for (Template template : List.of(full, vault)) {
            assertMetricsAreInTheContract(template);
        }
    }

    private static void assertMetricsAreInTheContract(Template t) {
        String template = t.toJSON().toString();
        List<String> used = new ArrayList<>();
        Matcher named = Pattern.compile("MetricName=(\\w+), Namespace=" + MetricNames.NAMESPACE).matcher(template);
        while (named.find()) {
            used.add(named.group(1));
        }
        Matcher dashboard = Pattern.compile("\"" + MetricNames.NAMESPACE + "\",\"(\\w+)\"")
                .matcher(template);
        while (dashboard.find()) {
            used.add(dashboard.group(1));
        }
        Matcher insights = Pattern.compile("SELECT MAX\\((\\w+)\\)").matcher(template);
        while (insights.find()) {
            used.add(insights.group(1));
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(MetricNames.ALL).contains(name));
        assertThat(used).contains(MetricNames.COPY_FAILURES, MetricNames.SWEEPS_COMPLETED,
                MetricNames.NEWEST_COPY_AGE_SECONDS, MetricNames.COPIES_STARTED);
    }
}
