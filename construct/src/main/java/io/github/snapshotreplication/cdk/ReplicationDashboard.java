package io.github.snapshotreplication.cdk;

import java.util.List;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/** The optional CloudWatch dashboards: protection state first, then activity, then the plumbing. */
final class ReplicationDashboard {

    private ReplicationDashboard() {
    }

    static Dashboard define(Construct scope, ReplicationMetrics metrics, String targetRegion,
                            List<? extends IAlarm> alarms, IFunction function, IQueue deadLetterQueue) {
        Dashboard dashboard = header(scope, "## RDS snapshot replication to " + targetRegion + "\n"
                + ReplicationAlarms.RUNBOOK, alarms);
        dashboard.addWidgets(
                graph("Recovery point: oldest newest-copy age (s)",
                        List.of(metrics.oldestRecoveryPointAge(ReplicationMetrics.GAUGE_PERIOD))),
                graph("Databases without any copy",
                        List.of(metrics.gauge(MetricNames.DATABASES_WITHOUT_COPY, null))),
                sweepsCompleted(metrics));
        dashboard.addWidgets(
                copies(metrics),
                retention(metrics),
                graph("Events", List.of(metrics.counter(MetricNames.IGNORED_EVENTS, null),
                        metrics.counter(MetricNames.INVALID_EVENTS, null))));
        dashboard.addWidgets(
                graph("Backlog: copies waiting for a copy slot",
                        List.of(metrics.gauge(MetricNames.COPY_BACKLOG, null))),
                graph("Databases without backups, not copyable",
                        List.of(metrics.gauge(MetricNames.DATABASES_WITHOUT_BACKUPS, null),
                                metrics.gauge(MetricNames.DATABASES_NOT_COPYABLE, null))),
                graph("Look-alikes; vault hand-over wait (s)",
                        List.of(metrics.gauge(MetricNames.LOOK_ALIKE_SNAPSHOTS, null),
                                metrics.gauge(MetricNames.OLDEST_COPY_AWAITING_VAULT_SECONDS, null))));
        addPlumbing(dashboard, function, deadLetterQueue);
        return dashboard;
    }

    static Dashboard defineForVault(Construct scope, ReplicationMetrics metrics, String vaultId,
                                    List<? extends IAlarm> alarms, IFunction function, IQueue deadLetterQueue) {
        Dashboard dashboard = header(scope, "## RDS snapshot vault " + vaultId + "\n" + ReplicationAlarms.VAULT_RUNBOOK,
                alarms);
        dashboard.addWidgets(
                graph("Recovery point: oldest newest vault copy age (s)",
                        List.of(metrics.oldestRecoveryPointAge(ReplicationMetrics.GAUGE_PERIOD))),
                graph("Receipts that could not be sent",
                        List.of(metrics.counter(MetricNames.VAULT_SHARE_FAILURES, null))),
                sweepsCompleted(metrics));
        dashboard.addWidgets(
                copies(metrics),
                retention(metrics),
                graph("Look-alikes", List.of(metrics.gauge(MetricNames.LOOK_ALIKE_SNAPSHOTS, null))));
        addPlumbing(dashboard, function, deadLetterQueue);
        return dashboard;
    }

    private static Dashboard header(Construct scope, String markdown, List<? extends IAlarm> alarms) {
        Dashboard dashboard = Dashboard.Builder.create(scope, "Dashboard").build();
        dashboard.addWidgets(TextWidget.Builder.create().markdown(markdown).width(24).height(2).build());
        if (!alarms.isEmpty()) {
            dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                    .title("Alarms").alarms(List.copyOf(alarms)).width(24).height(3).build());
        }
        return dashboard;
    }

    private static IWidget sweepsCompleted(ReplicationMetrics metrics) {
        return graph("Sweeps completed", List.of(metrics.counter(MetricNames.SWEEPS_COMPLETED,
                MetricOptions.builder().period(Duration.hours(1)).build())));
    }

    private static IWidget copies(ReplicationMetrics metrics) {
        return graph("Copies", List.of(metrics.counter(MetricNames.COPIES_STARTED, null),
                metrics.counter(MetricNames.COPIES_ALREADY_PRESENT, null),
                metrics.counter(MetricNames.COPIES_DEFERRED, null),
                metrics.counter(MetricNames.COPY_FAILURES, null)));
    }

    private static IWidget retention(ReplicationMetrics metrics) {
        return graph("Retention", List.of(metrics.counter(MetricNames.DELETES, null),
                metrics.counter(MetricNames.DELETE_FAILURES, null)));
    }

    private static void addPlumbing(Dashboard dashboard, IFunction function, IQueue deadLetterQueue) {
        dashboard.addWidgets(
                graph("Function", List.of(function.metricInvocations(), function.metricErrors(),
                        function.metricThrottles())),
                graph("Function duration", List.of(function.metricDuration())),
                graph("Dead-letter queue", List.of(deadLetterQueue.metricApproximateNumberOfMessagesVisible())));
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(8).height(6).build();
    }
}
