package io.github.snapshotreplication.cdk;

import java.util.List;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GaugeWidget;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/** The optional CloudWatch dashboards: protection state first, then activity, then the plumbing. */
final class ReplicationDashboard {

    /** The overdue gauge's scale: any value above 0 already means an alarm. */
    private static final int OVERDUE_GAUGE_MAX = 10;

    private ReplicationDashboard() {
    }

    /**
     * @param drillFunction the restore drill's function, or {@code null} without a drill (no drill widgets)
     */
    static Dashboard define(Construct scope, ReplicationMetrics metrics, String targetRegion,
                            List<? extends IAlarm> alarms, IFunction function, IQueue deadLetterQueue,
                            IFunction drillFunction) {
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
        if (drillFunction != null) {
            addDrills(dashboard, metrics);
        }
        addPlumbing(dashboard, function, deadLetterQueue);
        if (drillFunction != null) {
            dashboard.addWidgets(graph("Drill function", List.of(drillFunction.metricInvocations(),
                    drillFunction.metricErrors(), drillFunction.metricThrottles())));
        }
        return dashboard;
    }

    /** Restore drills: outcomes, the restore duration of each database, and the databases overdue for a drill. */
    private static void addDrills(Dashboard dashboard, ReplicationMetrics metrics) {
        MetricOptions hourly = MetricOptions.builder().period(Duration.hours(1)).build();
        dashboard.addWidgets(
                graph("Restore drills", List.of(metrics.counter(MetricNames.DRILLS_SUCCEEDED, hourly),
                        metrics.counter(MetricNames.DRILLS_FAILED, hourly),
                        metrics.counter(MetricNames.DRILL_CLEANUP_FAILURES, hourly))),
                graph("Restore duration per database (s)", List.of(metrics.perDatabase(
                        MetricNames.RESTORE_DURATION_SECONDS, "Maximum", Duration.hours(1),
                        "${PROP('Dim.DBIdentifier')}"))),
                GaugeWidget.Builder.create()
                        .title("Databases without a recent successful drill")
                        .metrics(List.of(metrics.gauge(MetricNames.DATABASES_WITHOUT_RECENT_DRILL, null)))
                        .leftYAxis(YAxisProps.builder().min(0).max(OVERDUE_GAUGE_MAX).build())
                        .width(8).height(6).build());
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
