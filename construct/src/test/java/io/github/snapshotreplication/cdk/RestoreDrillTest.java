package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.LambdaArtifact;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The restore drill's resources: only with {@code restoreDrill}, its function, environment, schedules and alarms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreDrillTest {

    static final String SUBNET_GROUP = "drill-subnets";
    static final String SECURITY_GROUP = "sg-0123456789abcdef0";

    private final Template withDrill = template(props().includeAurora(true).restoreDrill(drill().build())
            .createDashboard(true).build());

    static RestoreDrillOptions.Builder drill() {
        return RestoreDrillOptions.builder().subnetGroupName(SUBNET_GROUP).securityGroupIds(List.of(SECURITY_GROUP));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> drillEnvironment(Template template) {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Map.of("Handler", LambdaArtifact.DRILL_HANDLER))));
        assertThat(functions).hasSize(1);
        Map<String, Object> properties = (Map<String, Object>) functions.values().iterator().next().get("Properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replicationEnvironment(Template template) {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Map.of("Handler", LambdaArtifact.HANDLER))));
        Map<String, Object> properties = (Map<String, Object>) functions.values().iterator().next().get("Properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    @Test
    void withoutRestoreDrillNothingOfTheDrillIsDefined() {
        AtomicReference<CrossRegionSnapshotReplication> construct = new AtomicReference<>();
        Template t = Template.fromStack(TestStacks.withConstruct(props().includeAurora(true).build(), construct::set));
        t.resourceCountIs("AWS::Lambda::Function", 1);
        t.resourceCountIs("AWS::Events::Rule", 2);
        t.resourceCountIs("AWS::IAM::Role", 1);
        assertThat(t.toJSON().toString()).doesNotContain("RestoreDrill", "Drill");
        assertThat(construct.get().getDrillFunction()).isNull();
        assertThat(construct.get().getDrillRoundRule()).isNull();
        assertThat(construct.get().getDrillAdvanceRule()).isNull();
        assertThat(construct.get().getDrillRole()).isNull();
    }

    @Test
    void theDrillReservesOneExecutionOnlyWhenTheConstructReservesAny() {
        Template t = Template.fromStack(TestStacks.withConstruct(props().reservedConcurrentExecutions(5)
                .restoreDrill(drill().build()).build(), c -> { }));
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", LambdaArtifact.DRILL_HANDLER, "ReservedConcurrentExecutions", 1)));
    }

    @Test
    void theDrillHasItsOwnFunctionRoleLogGroupAndPolicyAndEndsBeforeTheNextAdvanceRun() {
        AtomicReference<CrossRegionSnapshotReplication> construct = new AtomicReference<>();
        Template t = Template.fromStack(TestStacks.withConstruct(props().restoreDrill(drill().build()).build(),
                construct::set));
        t.resourceCountIs("AWS::Lambda::Function", 2);
        t.resourceCountIs("AWS::IAM::Role", 2);
        t.resourceCountIs("AWS::Logs::LogGroup", 2);
        t.resourceCountIs("AWS::SQS::Queue", 1);
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", LambdaArtifact.DRILL_HANDLER,
                "Runtime", "java25",
                "ReservedConcurrentExecutions", Match.absent(),
                "Timeout", 240,
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")),
                "DeadLetterConfig", Match.objectLike(Map.of("TargetArn", Match.anyValue())))));
        assertThat(construct.get().getDrillFunction()).isNotNull();
        assertThat(construct.get().getDrillRoundRule()).isNotNull();
        assertThat(construct.get().getDrillAdvanceRule()).isNotNull();
        assertThat(construct.get().getDrillRole()).isNotNull();
        assertThat(construct.get().getDrillFunction().getNode().getPath())
                .isEqualTo("DatabaseStack/Replication/RestoreDrill/Function");
    }

    @Test
    void theDrillFunctionGetsExactlyTheDrillSettings() {
        Map<String, Object> env = drillEnvironment(template(props().includeAurora(true).includeDbIdentifiers(
                List.of("a*")).excludeDbIdentifiers(List.of("b*")).sourceTagFilter(Map.of("k", "v"))
                .restoreDrill(drill().databasesPerRound(3).databases(List.of("a-*")).sourceTagFilter(Map.of("d", "1"))
                        .build()).build()));
        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(Settings.DRILL.stream().map(Setting::variable)
                .toList());
    }

    @Test
    void theReplicationSettingsOfTheDrillAreExactlyThoseOfTheReplicationFunction() {
        Template t = template(props().includeAurora(true).includeReadReplicas(true).includeDbIdentifiers(
                List.of("a*")).sourceTagFilter(Map.of("k", "v")).dryRun(true).restoreDrill(drill().build()).build());
        Map<String, Object> drill = drillEnvironment(t);
        Map<String, Object> replication = replicationEnvironment(t);
        for (Setting setting : Settings.DRILL) {
            if (replication.containsKey(setting.variable())) {
                assertThat(drill.get(setting.variable())).as(setting.variable())
                        .isEqualTo(replication.get(setting.variable()));
            }
        }
        assertThat(drill).doesNotContainKeys(Settings.FOLLOW_UP_RULE_NAME.variable(),
                Settings.RETENTION_KEEP_LAST.variable());
    }

    @Test
    void theDrillSettingsAreWrittenFromTheOptionsWithTheContractDefaults() {
        Map<String, Object> env = drillEnvironment(withDrill);
        assertThat(env).containsEntry(Settings.DRILL_SUBNET_GROUP.variable(), SUBNET_GROUP)
                .containsEntry(Settings.DRILL_SECURITY_GROUPS.variable(), "[\"" + SECURITY_GROUP + "\"]")
                .containsEntry(Settings.DRILL_MAX_CONCURRENT.variable(), "2")
                .containsEntry(Settings.DRILL_MAX_DURATION.variable(), "PT6H")
                .containsEntry(Settings.DRILL_SUCCESS_WINDOW.variable(), "P15D")
                .doesNotContainKeys(Settings.DRILL_DATABASES_PER_ROUND.variable(),
                        Settings.DRILL_DB_IDENTIFIERS.variable(), Settings.DRILL_SOURCE_TAG_FILTER.variable());
        assertThat((String) env.get(Settings.DRILL_INSTANCE_CLASSES.variable())).contains(
                "\"postgres\":\"db.t4g.micro\"", "\"aurora-postgresql\":\"db.t4g.medium\"");
        Map<String, Object> custom = drillEnvironment(template(props().restoreDrill(drill()
                .instanceClasses(Map.of("postgres", "db.t4g.small")).maxDrillDuration(Duration.hours(3))
                .successWindow(Duration.days(30)).maxConcurrentDrills(4).build()).build()));
        assertThat(custom).containsEntry(Settings.DRILL_MAX_DURATION.variable(), "PT3H")
                .containsEntry(Settings.DRILL_SUCCESS_WINDOW.variable(), "P30D")
                .containsEntry(Settings.DRILL_MAX_CONCURRENT.variable(), "4");
        assertThat((String) custom.get(Settings.DRILL_INSTANCE_CLASSES.variable())).contains(
                "\"postgres\":\"db.t4g.small\"", "\"mysql\":\"db.t4g.micro\"");
    }

    @Test
    void aRoundScheduleWeeklyByDefaultAndAnAdvanceScheduleEveryFiveMinutesInvokeTheDrillFunction() {
        withDrill.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 3 ? * SUN *)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Input", Invocations.DRILL_ROUND_INPUT,
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2),
                        "DeadLetterConfig", Match.objectLike(Map.of())))))));
        withDrill.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(" + Invocations.DRILL_ADVANCE_INTERVAL_MINUTES + " minutes)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Input", Invocations.DRILL_ADVANCE_INPUT))))));
        template(props().restoreDrill(drill().schedule(software.amazon.awscdk.services.events.Schedule.expression(
                "cron(0 4 ? * SAT *)")).build()).build()).hasResourceProperties("AWS::Events::Rule",
                Match.objectLike(Map.of("ScheduleExpression", "cron(0 4 ? * SAT *)")));
    }

    @Test
    void theDrillAlarmsWatchFailuresCleanupAndOverdueDatabasesAndSilenceCountsAsOverdue() {
        withDrill.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", MetricNames.DRILLS_FAILED, "Statistic", "Sum", "Threshold", 0,
                "ComparisonOperator", "GreaterThanThreshold", "TreatMissingData", "notBreaching")));
        withDrill.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", MetricNames.DATABASES_WITHOUT_RECENT_DRILL, "Statistic", "Maximum", "Period", 3600,
                "Threshold", 0, "ComparisonOperator", "GreaterThanThreshold", "TreatMissingData", "breaching",
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION_REPLICATION_ID,
                        "Value", "DatabaseStackReplicationCD41015F")))));
        withDrill.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", MetricNames.DRILL_CLEANUP_FAILURES, "TreatMissingData", "notBreaching")));
        Template without = template(props().restoreDrill(drill().createDrillAlarms(false).build()).build());
        assertThat(without.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("MetricName", MetricNames.DRILLS_FAILED)))))).isEmpty();
    }

    @Test
    void theDashboardShowsDrillOutcomesRestoreDurationPerDatabaseAndTheOverdueGauge() {
        String body = withDrill.findResources("AWS::CloudWatch::Dashboard").toString();
        assertThat(body).contains("Restore drills", MetricNames.DRILLS_SUCCEEDED, MetricNames.DRILLS_FAILED,
                "SEARCH('{SnapshotReplication,DBIdentifier,ReplicationId} MetricName=",
                MetricNames.RESTORE_DURATION_SECONDS, "gauge", MetricNames.DATABASES_WITHOUT_RECENT_DRILL);
    }

    @Test
    void metricMethodsUseTheContractNamesAndThisInstallationsDimension() {
        AtomicReference<CrossRegionSnapshotReplication> c = new AtomicReference<>();
        TestStacks.withConstruct(props().build(), c::set);
        CrossRegionSnapshotReplication r = c.get();
        assertThat(List.of(r.metricDrillsSucceeded(), r.metricDrillsFailed(), r.metricRestoreDurationSeconds(),
                r.metricDatabasesWithoutRecentDrill(), r.metricDrillCleanupFailures(),
                r.metricLookAlikeDrillDatabases())).extracting(m -> m.getMetricName())
                .containsExactly(MetricNames.DRILLS_SUCCEEDED, MetricNames.DRILLS_FAILED,
                        MetricNames.RESTORE_DURATION_SECONDS, MetricNames.DATABASES_WITHOUT_RECENT_DRILL,
                        MetricNames.DRILL_CLEANUP_FAILURES, MetricNames.LOOK_ALIKE_DRILL_DATABASES);
        assertThat(r.metricDrillsFailed().getDimensions()).containsEntry(MetricNames.DIMENSION_REPLICATION_ID,
                r.getReplicationId());
        assertThat(r.metricDatabasesWithoutRecentDrill().getStatistic()).isEqualTo("Maximum");
        assertThat(r.metricDrillsSucceeded().getStatistic()).isEqualTo("Sum");
    }
}
