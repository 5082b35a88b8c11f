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
 * The default alarms of both constructs: each says what broke and links to the runbook, and each can be turned off by
 * a prop.
 *
 * <p>Sparse per-sweep metrics use {@link TreatMissingData#IGNORE} so the alarm keeps the verdict of the last sweep;
 * the sweep-overdue alarm is the one that treats silence as a failure.
 */
final class ReplicationAlarms {

    static final String RUNBOOK = "See docs/runbook.md of cross-region-snapshot-replication.";
    static final String VAULT_RUNBOOK = "See docs/runbook.md#vault-account of cross-region-snapshot-replication.";
    static final String NOTIFY_NOBODY = "snapshot-replication:alarms-notify-nobody";
    private static final Duration HOUR = Duration.hours(1);
    /** CloudWatch limits an alarm with 1-hour periods to 7 days of evaluation. */
    private static final int MAX_HOURLY_PERIODS = 168;
    /** A sweep runs up to 15 minutes and EMF metrics arrive a few minutes later. */
    private static final Duration SWEEP_GRACE = Duration.hours(2);

    private final Construct scope;
    private final ReplicationMetrics metrics;
    private final String runbook;
    private final List<IAlarmAction> actions = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    /** With reserved concurrency, throttled asynchronous invocations are expected: Lambda retries them for 6 hours. */
    private final boolean throttlesExpected;

    private ReplicationAlarms(Construct scope, ReplicationMetrics metrics, FunctionOptions options, String runbook) {
        this.scope = scope;
        this.metrics = metrics;
        this.runbook = runbook;
        this.throttlesExpected = options.getReservedConcurrentExecutions() != null;
        if (options.getAlarmTopic() != null) {
            actions.add(new SnsAction(options.getAlarmTopic()));
            ServiceKeyAccess.forCloudWatchAlarms(scope, options.getAlarmTopic().getMasterKey());
        }
        if (options.getAlarmAction() != null) {
            actions.add(options.getAlarmAction());
        }
    }

    /**
     * Defines the enabled alarms of a replication.
     *
     * @param scope               the construct
     * @param metrics             its metrics
     * @param props               the props (which alarms are on)
     * @param function            the replication function
     * @param deadLetterQueue     the dead-letter queue
     * @param sweepInterval       how often the sweep runs
     * @param recoveryPointMaxAge the recovery-point age threshold
     * @return the alarms defined, in a stable order
     */
    static List<Alarm> forReplication(Construct scope, ReplicationMetrics metrics,
                                      CrossRegionSnapshotReplicationProps props, IFunction function,
                                      IQueue deadLetterQueue, Duration sweepInterval, Duration recoveryPointMaxAge) {
        ReplicationAlarms a = new ReplicationAlarms(scope, metrics, props, RUNBOOK);
        String maxAge = humanOrThreshold(recoveryPointMaxAge);
        if (props.isCreateCopyFailuresAlarm()) {
            a.counterAlarm("CopyFailuresAlarm", MetricNames.COPY_FAILURES, "A snapshot copy could not be started"
                    + " (permissions, KMS key, quota or API error); the sweep retries it. Check the function logs for"
                    + " action=copy.");
        }
        if (props.isCreateDeadLetterQueueAlarm()) {
            a.deadLetterQueue(deadLetterQueue, "An event failed all retries (or SNS could not deliver it) and is in"
                    + " the dead-letter queue.");
        }
        if (props.isCreateFunctionErrorsAlarm()) {
            a.functionErrors(function, "The replication function");
        }
        if (props.isCreateRecoveryPointAlarms()) {
            a.alarm("DatabasesWithoutCopyAlarm", metrics.gauge(MetricNames.DATABASES_WITHOUT_COPY, null), 0,
                    TreatMissingData.IGNORE, "At least one database in scope has no available copy in the target"
                            + " region: it is not protected against the loss of its region.");
            a.alarm("RecoveryPointAgeAlarm", metrics.oldestRecoveryPointAge(HOUR),
                    recoveryPointMaxAge.toSeconds().doubleValue(), TreatMissingData.IGNORE,
                    "The newest copy of at least one database is older than " + maxAge + ".");
        }
        if (props.isCreateDatabasesWithoutBackupsAlarm()) {
            a.alarm("DatabasesWithoutBackupsAlarm", metrics.gauge(MetricNames.DATABASES_WITHOUT_BACKUPS, null), 0,
                    TreatMissingData.IGNORE, "At least one database in scope has its automated backups off (backup"
                            + " retention 0): RDS takes no snapshot of it, so nothing can be copied.");
        }
        if (props.getVaultAccount() != null && props.isCreateRecoveryPointAlarms()) {
            a.alarm("VaultHandOverAlarm", metrics.gauge(MetricNames.OLDEST_COPY_AWAITING_VAULT_SECONDS, null),
                    recoveryPointMaxAge.toSeconds().doubleValue(), TreatMissingData.IGNORE,
                    "A copy has waited for the vault account's own copy for more than " + maxAge + ": the vault"
                            + " is not copying (its sweep, its KMS access to the target key, its quota).");
        }
        if (props.isCreateSweepOverdueAlarm()) {
            a.sweepOverdue(sweepInterval, "events may be missed and expired copies are not deleted.");
        }
        if (props.getRestoreDrill() != null && props.getRestoreDrill().isCreateDrillAlarms()) {
            a.drillAlarms(props.getRestoreDrill());
        }
        return a.done("a database that loses its copies goes unnoticed");
    }

    /**
     * Defines the enabled alarms of a vault.
     *
     * @param scope               the vault
     * @param metrics             its metrics
     * @param props               the props (which alarms are on)
     * @param function            the vault function
     * @param deadLetterQueue     the dead-letter queue
     * @param sweepInterval       how often the vault sweeps
     * @param recoveryPointMaxAge the recovery-point age threshold
     * @return the alarms defined, in a stable order
     */
    static List<Alarm> forVault(Construct scope, ReplicationMetrics metrics, SnapshotVaultProps props,
                                IFunction function, IQueue deadLetterQueue, Duration sweepInterval,
                                Duration recoveryPointMaxAge) {
        ReplicationAlarms a = new ReplicationAlarms(scope, metrics, props, VAULT_RUNBOOK);
        if (props.isCreateCopyFailuresAlarm()) {
            a.counterAlarm("CopyFailuresAlarm", MetricNames.COPY_FAILURES, "The vault could not start a copy of a"
                    + " snapshot a source account shares (the source account's key policy, the vault key, the"
                    + " manual snapshot quota); the next sweep retries it. Check the function logs for"
                    + " action=copy_failed.");
        }
        if (props.isCreateReceiptFailuresAlarm()) {
            a.counterAlarm("ReceiptFailuresAlarm", MetricNames.VAULT_SHARE_FAILURES, "The vault could not share a"
                    + " copy back with its source account as a receipt; that account keeps its own copy until a"
                    + " receipt arrives. The next sweep retries it.");
        }
        if (props.isCreateDeadLetterQueueAlarm()) {
            a.deadLetterQueue(deadLetterQueue, "A scheduled vault sweep failed all retries and is in the dead-letter"
                    + " queue.");
        }
        if (props.isCreateFunctionErrorsAlarm()) {
            a.functionErrors(function, "The vault function");
        }
        if (props.isCreateRecoveryPointAlarms()) {
            a.alarm("RecoveryPointAgeAlarm", metrics.oldestRecoveryPointAge(HOUR),
                    recoveryPointMaxAge.toSeconds().doubleValue(), TreatMissingData.IGNORE,
                    "The newest vault copy of at least one source database is older than "
                            + humanOrThreshold(recoveryPointMaxAge) + ": its source account stopped sharing copies,"
                            + " or the vault stopped copying them.");
        }
        if (props.isCreateSweepOverdueAlarm()) {
            a.sweepOverdue(sweepInterval, "shared copies are not copied into the vault and no receipt is sent.");
        }
        return a.done("a vault that stops receiving copies goes unnoticed");
    }

    /**
     * A failed drill, a drill database left behind, and a database overdue for a successful drill. Every drill run
     * reports the overdue count, so silence counts as overdue: a drill that stops running alarms too.
     */
    private void drillAlarms(RestoreDrillOptions drill) {
        counterAlarm("DrillFailedAlarm", MetricNames.DRILLS_FAILED, "A restore drill failed: a copy could not be"
                + " restored, a drill database did not become available, a check failed or the drill timed out."
                + " Check the drill function's logs for the database.");
        alarm("DatabasesWithoutRecentDrillAlarm", metrics.gauge(MetricNames.DATABASES_WITHOUT_RECENT_DRILL, null), 0,
                TreatMissingData.BREACHING, "At least one selected database has had no successful restore drill"
                        + " within " + humanOrThreshold(drill.getSuccessWindow()) + ", or the drill function stopped"
                        + " reporting: nobody knows whether its copies can be restored.");
        counterAlarm("DrillCleanupFailuresAlarm", MetricNames.DRILL_CLEANUP_FAILURES, "A restore drill database could"
                + " not be deleted and costs money until it is; the next drill run tries again. Check the drill"
                + " function's logs.");
    }

    private static String humanOrThreshold(Duration maxAge) {
        return maxAge.isUnresolved() ? "the threshold" : maxAge.toHumanString();
    }

    private void counterAlarm(String id, String metricName, String description) {
        alarm(id, metrics.counter(metricName, null), 0, TreatMissingData.NOT_BREACHING, description);
    }

    private void deadLetterQueue(IQueue queue, String what) {
        alarm("DeadLetterQueueAlarm", queue.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build()), 0,
                TreatMissingData.NOT_BREACHING, what + " Fix the cause, run a sweep, then purge the queue.");
    }

    private void functionErrors(IFunction function, String subject) {
        MetricOptions sum = MetricOptions.builder().statistic("Sum").build();
        if (throttlesExpected) {
            alarm("FunctionErrorsAlarm", function.metricErrors(sum), 0, TreatMissingData.NOT_BREACHING,
                    subject + " failed; async retries follow, then the dead-letter queue. Throttles"
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
        alarm("FunctionErrorsAlarm", errorsOrThrottles, 0, TreatMissingData.NOT_BREACHING,
                subject + " failed or was throttled; async retries follow, then the dead-letter queue.");
    }

    private void sweepOverdue(Duration sweepInterval, String consequence) {
        double windowHours = sweepInterval.plus(SWEEP_GRACE).toMinutes().doubleValue() / 60;
        int periods = (int) Math.min(MAX_HOURLY_PERIODS, Math.ceil(windowHours));
        Alarm overdue = Alarm.Builder.create(scope, "SweepOverdueAlarm")
                .metric(metrics.counter(MetricNames.SWEEPS_COMPLETED, MetricOptions.builder().period(HOUR).build()))
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.BREACHING)
                .alarmDescription("No sweep completed in the last " + periods + " hours: " + consequence + " "
                        + runbook)
                .build();
        addActions(overdue);
    }

    private void alarm(String id, IMetric metric, double threshold, TreatMissingData missing, String description) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .metric(metric)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(threshold)
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .alarmDescription(description + " " + runbook)
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

    private List<Alarm> done(String unnoticed) {
        if (!alarms.isEmpty() && actions.isEmpty()) {
            Annotations.of(scope).addWarningV2(NOTIFY_NOBODY, "the " + alarms.size() + " alarms notify nobody:"
                    + " neither alarmTopic nor alarmAction is set, so " + unnoticed + "; set alarmTopic to your"
                    + " on-call topic");
        }
        return List.copyOf(alarms);
    }
}
