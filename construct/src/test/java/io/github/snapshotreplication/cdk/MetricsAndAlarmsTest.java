package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.snapshotreplication.contract.MetricNames;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.sns.Topic;

class MetricsAndAlarmsTest {

    private static final String ID = "DatabaseStackReplicationCD41015F";

    private static void assertMetric(Metric metric, String name, String statistic, int periodSeconds) {
        assertThat(metric.getNamespace()).isEqualTo(MetricNames.NAMESPACE);
        assertThat(metric.getMetricName()).isEqualTo(name);
        assertThat(metric.getDimensions()).containsExactly(Map.entry(MetricNames.DIMENSION_REPLICATION_ID, ID));
        assertThat(metric.getStatistic()).isEqualTo(statistic);
        assertThat(metric.getPeriod().toSeconds().intValue()).isEqualTo(periodSeconds);
    }

    @Test
    void counterMethodsUseNamespaceDimensionSumAndFiveMinutes() {
        Map<String, Function<CrossRegionSnapshotReplication, Metric>> counters = Map.of(
                MetricNames.COPIES_STARTED, c -> c.metricCopiesStarted(null),
                MetricNames.COPY_FAILURES, c -> c.metricCopyFailures(null),
                MetricNames.COPIES_DEFERRED, c -> c.metricCopiesDeferred(null),
                MetricNames.DELETES, c -> c.metricDeletes(null),
                MetricNames.IGNORED_EVENTS, c -> c.metricIgnoredEvents(null),
                MetricNames.INVALID_EVENTS, c -> c.metricInvalidEvents(null),
                MetricNames.SWEEPS_COMPLETED, c -> c.metricSweepsCompleted(null),
                MetricNames.DELETE_FAILURES, c -> c.metric(MetricNames.DELETE_FAILURES, null));
        TestStacks.withConstruct(props().build(), c -> counters.forEach((name, method) ->
                assertMetric(method.apply(c), name, "Sum", 300)));
    }

    @Test
    void recoveryPointMethodsUseMaximumOverOneHour() {
        TestStacks.withConstruct(props().build(), c -> {
            assertMetric(c.metricDatabasesWithoutCopy(null), MetricNames.DATABASES_WITHOUT_COPY, "Maximum", 3600);
            Metric age = c.metricNewestCopyAgeSeconds("orders-db", null);
            assertThat(age.getMetricName()).isEqualTo(MetricNames.NEWEST_COPY_AGE_SECONDS);
            assertThat(age.getDimensions()).containsOnly(Map.entry(MetricNames.DIMENSION_REPLICATION_ID, ID),
                    Map.entry(MetricNames.DIMENSION_DB_IDENTIFIER, "orders-db"));
            assertThat(age.getStatistic()).isEqualTo("Maximum");
        });
    }

    @Test
    void optionsOverrideStatisticAndPeriodButNotDimensions() {
        TestStacks.withConstruct(props().build(), c -> assertMetric(c.metricCopiesStarted(MetricOptions.builder()
                .statistic("Average").period(Duration.hours(1)).dimensionsMap(Map.of("X", "y")).build()),
                MetricNames.COPIES_STARTED, "Average", 3600));
    }

    @Test
    void everyMetricMethodHasANoArgumentFormWithTheSameDefaults() {
        TestStacks.withConstruct(props().build(), c -> {
            assertMetric(c.metricCopiesStarted(), MetricNames.COPIES_STARTED, "Sum", 300);
            assertMetric(c.metricCopyFailures(), MetricNames.COPY_FAILURES, "Sum", 300);
            assertMetric(c.metricCopiesDeferred(), MetricNames.COPIES_DEFERRED, "Sum", 300);
            assertMetric(c.metricDeletes(), MetricNames.DELETES, "Sum", 300);
            assertMetric(c.metricIgnoredEvents(), MetricNames.IGNORED_EVENTS, "Sum", 300);
            assertMetric(c.metricInvalidEvents(), MetricNames.INVALID_EVENTS, "Sum", 300);
            assertMetric(c.metricSweepsCompleted(), MetricNames.SWEEPS_COMPLETED, "Sum", 300);
            assertMetric(c.metricDatabasesWithoutCopy(), MetricNames.DATABASES_WITHOUT_COPY, "Maximum", 3600);
            assertMetric(c.metric(MetricNames.DELETE_FAILURES), MetricNames.DELETE_FAILURES, "Sum", 300);
            assertThat(c.metricNewestCopyAgeSeconds("orders-db").getDimensions())
                    .containsEntry(MetricNames.DIMENSION_DB_IDENTIFIER, "orders-db");
        });
    }

    @Test
    void optionsAreAppliedToTheBaseMetric() {
        TestStacks.withConstruct(props().build(), c -> {
            Metric metric = c.metric(MetricNames.COPIES_ALREADY_PRESENT, MetricOptions.builder().label("Present")
                    .color("#ff0000").unit(software.amazon.awscdk.services.cloudwatch.Unit.COUNT)
                    .region("eu-west-1").build());
            assertMetric(metric, MetricNames.COPIES_ALREADY_PRESENT, "Sum", 300);
            assertThat(metric.getLabel()).isEqualTo("Present");
            assertThat(metric.getColor()).isEqualTo("#ff0000");
            assertThat(metric.getRegion()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void definesTheSevenAlarmsByDefault() {
        Template t = template(props().build());
        t.resourceCountIs("AWS::CloudWatch::Alarm", 7);
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.DATABASES_WITHOUT_BACKUPS,
                "Statistic", "Maximum", "Threshold", 0, "TreatMissingData", "ignore"));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.COPY_FAILURES,
                "Namespace", MetricNames.NAMESPACE, "Statistic", "Sum", "Period", 300, "Threshold", 0,
                "ComparisonOperator", "GreaterThanThreshold", "TreatMissingData", "notBreaching",
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION_REPLICATION_ID, "Value", ID))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS", "Statistic", "Maximum", "Threshold", 0));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Metrics", List.of(
                Match.objectLike(Map.of("Expression", "FILL(errors, 0) + FILL(throttles, 0)")),
                Match.objectLike(Map.of("Id", "errors", "MetricStat", Match.objectLike(Map.of("Metric",
                        Match.objectLike(Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda")))))),
                Match.objectLike(Map.of("Id", "throttles", "MetricStat", Match.objectLike(Map.of("Metric",
                        Match.objectLike(Map.of("MetricName", "Throttles"))))))),
                "Threshold", 0));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.DATABASES_WITHOUT_COPY,
                "Statistic", "Maximum", "Period", 3600, "Threshold", 0, "TreatMissingData", "ignore"));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Metrics", List.of(Match.objectLike(Map.of(
                        "Expression", "SELECT MAX(NewestCopyAgeSeconds) FROM SCHEMA(\"SnapshotReplication\","
                                + " DBIdentifier, ReplicationId) WHERE ReplicationId = '" + ID + "'",
                        "Period", 3600))),
                "Threshold", 172800, "ComparisonOperator", "GreaterThanThreshold"));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.SWEEPS_COMPLETED,
                "Statistic", "Sum", "Period", 3600, "Threshold", 1, "ComparisonOperator", "LessThanThreshold",
                "EvaluationPeriods", 26, "DatapointsToAlarm", 26, "TreatMissingData", "breaching"));
    }

    @Test
    void alarmWindowsFollowTheSchedule() {
        Template sixHourly = template(props().schedule(Schedule.rate(Duration.hours(6))).build());
        sixHourly.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.SWEEPS_COMPLETED,
                "EvaluationPeriods", 8));
        sixHourly.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 172800,
                "Metrics", Match.anyValue()));
        Template weekly = template(props().schedule(Schedule.expression("cron(0 5 ? * SUN *)")).build());
        weekly.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.SWEEPS_COMPLETED,
                "EvaluationPeriods", 168));
        weekly.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 1209600,
                "Metrics", Match.anyValue()));
    }

    @Test
    void recoveryPointThresholdFollowsProp() {
        template(props().recoveryPointAgeThreshold(Duration.hours(30)).build())
                .hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 108000,
                        "Metrics", Match.anyValue(), "ComparisonOperator", "GreaterThanThreshold"));
    }

    @Test
    void eachAlarmCanBeTurnedOff() {
        template(props().createCopyFailuresAlarm(false).build())
                .resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.COPY_FAILURES),
                        0);
        template(props().createDeadLetterQueueAlarm(false).build()).resourcePropertiesCountIs(
                "AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible"), 0);
        template(props().createSweepOverdueAlarm(false).build()).resourcePropertiesCountIs(
                "AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.SWEEPS_COMPLETED), 0);
        template(props().createRecoveryPointAlarms(false).build()).resourceCountIs("AWS::CloudWatch::Alarm", 5);
        template(props().createFunctionErrorsAlarm(false).build()).resourceCountIs("AWS::CloudWatch::Alarm", 6);
        template(props().createDatabasesWithoutBackupsAlarm(false).build()).resourcePropertiesCountIs(
                "AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.DATABASES_WITHOUT_BACKUPS), 0);
        template(props().createCopyFailuresAlarm(false).createDeadLetterQueueAlarm(false)
                .createFunctionErrorsAlarm(false).createRecoveryPointAlarms(false).createSweepOverdueAlarm(false)
                .createDatabasesWithoutBackupsAlarm(false).build()).resourceCountIs("AWS::CloudWatch::Alarm", 0);
    }

    @Test
    void alarmTopicIsNotifiedOnAlarmAndOk() {
        Stack stack = TestStacks.stack();
        Topic onCall = new Topic(stack, "OnCall");
        new CrossRegionSnapshotReplication(stack, "Replication", props().alarmTopic(onCall).build());
        Template t = Template.fromStack(stack);
        Map<String, Map<String, Object>> alarms = t.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(7);
        t.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("OnCall.*"))),
                "OKActions", List.of(Map.of("Ref", Match.stringLikeRegexp("OnCall.*")))), 7);
        template(props().build()).resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
                Map.of("AlarmActions", Match.anyValue()), 0);
    }

    @Test
    void dashboardOnlyWhenAskedAndShowsAlarmsAndMetrics() {
        TestStacks.withConstruct(props().createDashboard(true).build(), c -> {
            assertThat(c.getDashboard()).isNotNull();
            assertThat(c.getAlarms()).hasSize(7);
        });
        Template t = template(props().createDashboard(true).build());
        t.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = t.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
        assertThat(body).contains("Recovery point", "DatabasesWithoutCopy", "CopiesStarted", "CopyFailures",
                "Deletes", "SweepsCompleted", "ApproximateNumberOfMessagesVisible", "alarms", "CopyBacklog",
                "DatabasesWithoutBackups", "DatabasesNotCopyable", "LookAlikeSnapshots");
    }
}
