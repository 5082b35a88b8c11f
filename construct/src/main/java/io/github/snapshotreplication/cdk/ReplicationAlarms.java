package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The default alarms: each says what broke and links to the runbook, and each can be turned off by a prop.
 *
 * <p>Sparse per-sweep metrics use {@link TreatMissingData#IGNORE} so the alarm keeps the verdict of the last sweep;
 * the sweep-overdue alarm is the one that treats silence as a failure.
 */
final class ReplicationAlarms {

    static final String RUNBOOK = "See docs/runbook.md of cross-region-snapshot-replication.";
    static final String NOTIFY_NOBODY = "snapshot-replication:alarms-notify-nobody";
    private static final Duration HOUR = Duration.hours(1);
    /** CloudWatch limits an alarm with 1-hour periods to 7 days of evaluation. */
    private static final int MAX_HOURLY_PERIODS = 168;
    /** A sweep runs up to 15 minutes and EMF metrics arrive a few minutes later. */
    private static final Duration SWEEP_GRACE = Duration.hours(2);

    private final Construct scope;
    private final ReplicationMetrics metrics;
    private final List<IAlarmAction> actions = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    /** With reserved concurrency, throttled asynchronous invocations are expected: Lambda retries them for 6 hours. */
    private final boolean throttlesExpected;

    ReplicationAlarms(Construct scope, ReplicationMetrics metrics, CrossRegionSnapshotReplicationProps props) {
        this.scope = scope;
        this.metrics = metrics;
        this.throttlesExpected = props.getReservedConcurrentExecutions() != null;
        if (props.getAlarmTopic() != null) {
            actions.add(new SnsAction(props.getAlarmTopic()));
            ServiceKeyAccess.forCloudWatchAlarms(scope, props.getAlarmTopic().getMasterKey());
        }
        if (props.getAlarmAction() != null) {
            actions.add(props.getAlarmAction());
        }
    }

    /**
     * Defines the enabled alarms.
     *
     * @param props               the props (which alarms are on)
     * @param function            the replication function
     * @param deadLetterQueue     the dead-letter queue
     * @param sweepInterval       how often the sweep runs
     * @param recoveryPointMaxAge the recovery-point age threshold
     * @return the alarms defined, in a stable order
     */
    List<Alarm> define(CrossRegionSnapshotReplicationProps props, IFunction function, IQueue deadLetterQueue,
                       Duration sweepInterval, Duration recoveryPointMaxAge) {
        if (props.isCreateCopyFailuresAlarm()) {
            alarm("CopyFailuresAlarm", metrics.counter(MetricNames.COPY_FAILURES, null), 0, 1,
                    TreatMissingData.NOT_BREACHING, "A snapshot copy could not be started (permissions, KMS key,"
                            + " quota or API error); the sweep retries it. Check the function logs for action=copy.");
        }
        if (props.isCreateDeadLetterQueueAlarm()) {
            alarm("DeadLetterQueueAlarm", deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                            MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build()), 0, 1,
                    TreatMissingData.NOT_BREACHING, "An event failed all retries (or SNS could not deliver it) and is"
                            + " in the dead-letter queue. Fix the cause, run a sweep, then purge the queue.");
        }
        if (props.isCreateFunctionErrorsAlarm()) {
            defineFunctionErrorsAlarm(function);
        }
        if (props.isCreateRecoveryPointAlarms()) {
            alarm("DatabasesWithoutCopyAlarm", metrics.gauge(MetricNames.DATABASES_WITHOUT_COPY, null), 0, 1,
                    TreatMissingData.IGNORE, "At least one database in scope has no available copy in the target"
                            + " region: it is not protected against the loss of its region.");
            String maxAge = recoveryPointMaxAge.isUnresolved() ? "the threshold" : recoveryPointMaxAge.toHumanString();
            alarm("RecoveryPointAgeAlarm", metrics.oldestRecoveryPointAge(HOUR),
                    recoveryPointMaxAge.toSeconds().doubleValue(), 1, TreatMissingData.IGNORE,
                    "The newest copy of at least one database is older than " + maxAge + ".");
        }
        if (props.isCreateDatabasesWithoutBackupsAlarm()) {
            alarm("DatabasesWithoutBackupsAlarm", metrics.gauge(MetricNames.DATABASES_WITHOUT_BACKUPS, null), 0, 1,
                    TreatMissingData.IGNORE, "At least one database in scope has its automated backups off (backup"
                            + " retention 0): RDS takes no snapshot of it, so nothing can be copied.");
        }
        if (props.getVaultAccount() != null && props.isCreateRecoveryPointAlarms()) {
            String maxAge = recoveryPointMaxAge.isUnresolved() ? "the threshold" : recoveryPointMaxAge.toHumanString();
            alarm("VaultHandOverAlarm", metrics.gauge(MetricNames.OLDEST_COPY_AWAITING_VAULT_SECONDS, null),
                    recoveryPointMaxAge.toSeconds().doubleValue(), 1, TreatMissingData.IGNORE,
                    "A copy has waited for the vault account's own copy for more than " + maxAge + ": the vault"
                            + " is not copying (its sweep, its KMS access to the target key, its quota).");
        }
        if (props.isCreateSweepOverdueAlarm()) {
            double windowHours = sweepInterval.plus(SWEEP_GRACE).toMinutes().doubleValue() / 60;
            int periods = (int) Math.min(MAX_HOURLY_PERIODS, Math.ceil(windowHours));
            Alarm overdue = Alarm.Builder.create(scope, "SweepOverdueAlarm")
                    .metric(metrics.counter(MetricNames.SWEEPS_COMPLETED,
                            MetricOptions.builder().period(HOUR).build()))
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .threshold(1)
                    .evaluationPeriods(periods)
                    .datapointsToAlarm(periods)
                    .treatMissingData(TreatMissingData.BREACHING)
                    .alarmDescription("No sweep completed in the last " + periods + " hours: events may be missed and"
                            + " expired copies are not deleted. " + RUNBOOK)
                    .build();
            addActions(overdue);
        }
        if (!alarms.isEmpty() && actions.isEmpty()) {
            Annotations.of(scope).addWarningV2(NOTIFY_NOBODY, "the " + alarms.size() + " alarms notify nobody:"
                    + " neither alarmTopic nor alarmAction is set, so a database that loses its copies goes"
                    + " unnoticed; set alarmTopic to your on-call topic");
        }
        return List.copyOf(alarms);
    }

    private void defineFunctionErrorsAlarm(IFunction function) {
        MetricOptions sum = MetricOptions.builder().statistic("Sum").build();
        if (throttlesExpected) {
            alarm("FunctionErrorsAlarm", function.metricErrors(sum), 0, 1, TreatMissingData.NOT_BREACHING,
                    "The replication function failed; async retries follow, then the dead-letter queue. Throttles"
                            + " are not counted: with reserved concurrency they are expected and retried.");
            return;
        }
        MathExpression errorsOrThrottles = MathExpression.Builder.create()
                .expression("FILL(errors, 0) + FILL(throttles, 0)")
                .usingMetrics(new TreeMap<>(Map.of(
                        "errors", function.metricErrors(sum),
                        "throttles", function.metricThrottles(sum))))
                .label("Errors + throttles")
                .period(Duration.minutes(5))
                .build();
        alarm("FunctionErrorsAlarm", errorsOrThrottles, 0, 1, TreatMissingData.NOT_BREACHING,
                "The replication function failed or was throttled; async retries follow, then the dead-letter"
                        + " queue.");
    }

    private void alarm(String id, IMetric metric, double threshold, int evaluationPeriods, TreatMissingData missing,
                       String description) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .metric(metric)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(threshold)
                .evaluationPeriods(evaluationPeriods)
                .treatMissingData(missing)
                .alarmDescription(description + " " + RUNBOOK)
                .build();
        addActions(alarm);
    }

    private void addActions(Alarm alarm) {
        for (IAlarmAction action : actions) {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
        alarms.add(alarm);
    }
}
