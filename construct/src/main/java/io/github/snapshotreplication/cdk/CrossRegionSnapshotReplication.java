package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.LambdaArtifact;
import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CfnEventSubscription;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Keeps copies of the Amazon RDS and Aurora snapshots of this stack's region in a second region.
 *
 * <p>Defines RDS event subscriptions that publish "snapshot created" events to an encrypted SNS topic, a Java Lambda
 * function (SnapStart, invoked through the {@code live} alias) that copies each new snapshot to the target region,
 * an EventBridge schedule that starts a sweep copying whatever the events missed and deleting expired copies made by
 * this construct (and only those), a dead-letter queue for failed invocations, a log group, a least-privilege role,
 * the alarms that say when a database is no longer protected, and optionally a dashboard.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html">Copying a DB
 *     snapshot</a>
 */
public class CrossRegionSnapshotReplication extends Construct {

    /** The function is called at most 15 minutes per sweep, the Lambda maximum. */
    private static final Duration SWEEP_TIMEOUT = Duration.minutes(15);
    private static final Duration DEFAULT_SWEEP_INTERVAL = Duration.days(1);

    private final String replicationId;
    private final SnapshotEventSource events;
    private final Queue deadLetterQueue;
    private final LogGroup logGroup;
    private final Role role;
    private final Function function;
    private final Alias alias;
    private final Rule schedule;
    private final Rule followUp;
    private final ReplicationMetrics metrics;
    private final List<IAlarm> alarms;
    private final Dashboard dashboard;

    /**
     * Defines the replication of this stack's region's snapshots into {@code props.targetRegion}.
     *
     * @param scope parent construct, normally the stack that holds the databases
     * @param id    construct id
     * @param props configuration; see {@link CrossRegionSnapshotReplicationProps}
     * @throws IllegalArgumentException when props are invalid; the message names each prop and the fix
     */
    public CrossRegionSnapshotReplication(Construct scope, String id, CrossRegionSnapshotReplicationProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        Stack stack = Stack.of(this);
        PropsValidator.validate(props, stack.getRegion());
        replicationId = Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(64).build());
        String targetKeyArn = props.getTargetKey() != null ? props.getTargetKey().getKeyArn() : props.getTargetKeyArn();
        if (targetKeyArn == null) {
            Annotations.of(this).addWarningV2("snapshot-replication:no-target-key", "neither targetKey nor"
                    + " targetKeyArn is set: encrypted snapshots cannot be copied and count as CopyFailures; set"
                    + " targetKeyArn to a KMS key in " + props.getTargetRegion());
        }

        events = new SnapshotEventSource(this, props.isIncludeAurora());
        deadLetterQueue = Queue.Builder.create(this, "Dlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        logGroup = LogGroup.Builder.create(this, "LogGroup").retention(props.getLogRetention()).build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Copies RDS snapshots to " + props.getTargetRegion() + " and deletes its own old copies")
                .build();
        String followUpRuleName = followUpRuleName();
        new ReplicationPermissions(stack, props.getTargetRegion(), props.isIncludeAurora(), replicationId,
                props.getOptionGroupMapping().values(), followUpRuleName).statements(targetKeyArn)
                .forEach(role::addToPrincipalPolicy);
        logGroup.grantWrite(role);

        function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(props.getArchitecture())
                .handler(LambdaArtifact.HANDLER)
                .code(LambdaJarAsset.code())
                .memorySize(props.getMemorySize())
                .timeout(SWEEP_TIMEOUT)
                .role(role)
                .environment(LambdaEnvironment.of(stack, props, replicationId, targetKeyArn, followUpRuleName))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .loggingFormat(LoggingFormat.JSON)
                .logGroup(logGroup)
                .deadLetterQueue(deadLetterQueue)
                .description("Copies RDS snapshots to " + props.getTargetRegion() + " (" + replicationId + ")")
                .build();
        // SnapStart applies to published versions only, so every trigger invokes the alias, never $LATEST.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the current version is published and every trigger invokes it through the live alias");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .retryAttempts(2)
                .build();
        subscribeAliasToTopic();
        schedule = Rule.Builder.create(this, "Schedule")
                .description("Starts a snapshot replication sweep to " + props.getTargetRegion())
                .schedule(props.getSchedule())
                .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
        followUp = defineFollowUpRule(followUpRuleName, props.getTargetRegion());
        NagSuppressionMetadata.onFunctionPolicy(role.getNode().findChild("DefaultPolicy"), props.isIncludeAurora(),
                targetKeyArn != null);

        metrics = new ReplicationMetrics(replicationId);
        Duration interval = ScheduleInterval.of(props.getSchedule()).orElseGet(() -> {
            Annotations.of(this).addWarningV2("snapshot-replication:unknown-schedule-interval", "cannot tell how often"
                    + " the schedule runs; the alarms assume daily sweeps. Set recoveryPointAgeThreshold to match it");
            return DEFAULT_SWEEP_INTERVAL;
        });
        Duration recoveryThreshold = props.getRecoveryPointAgeThreshold() != null
                ? props.getRecoveryPointAgeThreshold()
                : Duration.seconds(Math.max(Duration.days(2).toSeconds().doubleValue(),
                        2 * interval.toSeconds().doubleValue()));
        alarms = List.copyOf(new ReplicationAlarms(this, metrics, props)
                .define(props, function, deadLetterQueue, interval, recoveryThreshold));
        dashboard = props.isCreateDashboard() ? ReplicationDashboard.define(this, metrics, props.getTargetRegion(),
                alarms, function, deadLetterQueue) : null;
    }

    /**
     * The physical name of the follow-up rule, fixed at synth time: the function's environment names the rule and the
     * rule targets the function, so a reference to the rule would be a circular dependency.
     */
    private String followUpRuleName() {
        return Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(55).separator("-")
                .build()) + "-FollowUp";
    }

    /**
     * Defines the rule that starts a follow-up sweep every few minutes while copies wait for a copy slot. It is
     * created disabled; the function enables it when a run leaves copies waiting and disables it when a follow-up
     * finds none, so an idle installation runs no follow-ups. Being one rule, follow-ups never pile up.
     */
    private Rule defineFollowUpRule(String ruleName, String targetRegion) {
        return Rule.Builder.create(this, "FollowUp")
                .ruleName(ruleName)
                .description("Follow-up sweeps while snapshot copies to " + targetRegion + " wait for a"
                        + " slot; the replication function turns this rule on and off")
                .schedule(Schedule.rate(Duration.minutes(Invocations.FOLLOW_UP_INTERVAL_MINUTES)))
                .enabled(false)
                .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
                        .event(RuleTargetInput.fromObject(Map.of(Invocations.ACTION, Invocations.SWEEP,
                                Invocations.TRIGGER, Invocations.FOLLOW_UP)))
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
    }

    /**
     * Subscribes the alias to the topic. The endpoint is written as the qualified function ARN rather than a
     * {@code Ref} to the alias, which CloudFormation accepts but the synth-time template validator (rule W3694) would
     * report as "expects a Lambda Function".
     */
    private void subscribeAliasToTopic() {
        alias.addPermission("InvokedByTopic", Permission.builder()
                .principal(new ServicePrincipal("sns.amazonaws.com"))
                .sourceArn(events.topic.getTopicArn())
                .build());
        Subscription subscription = Subscription.Builder.create(this, "Subscription")
                .topic(events.topic)
                .protocol(SubscriptionProtocol.LAMBDA)
                .endpoint(function.getFunctionArn() + ":" + alias.getAliasName())
                .build();
        subscription.getNode().addDependency(alias);
    }

    /**
     * Gives {@code grantee} the right to invoke the replication function (through its alias), e.g. to start a sweep
     * by hand with an EventBridge "Scheduled Event" payload.
     *
     * @param grantee the principal
     * @return the grant
     */
    public Grant grantInvoke(IGrantable grantee) {
        return alias.grantInvoke(grantee);
    }

    /** @return the id of this installation: the value of the managed-by tag on copies and the metric dimension */
    public String getReplicationId() {
        return replicationId;
    }

    /**
     * The start of every identifier this installation gives a copy, e.g. {@code sr3f9a2c1b-}: derived from the
     * replication id, and part of the IAM scope that lets the function delete its own copies and nothing else.
     *
     * @return the prefix with its trailing hyphen
     */
    public String getCopyIdentifierPrefix() {
        return CopyIdentifiers.identifierStart(replicationId);
    }

    /** @return the replication function; triggers invoke it through {@link #getAlias()} */
    public IFunction getFunction() {
        return function;
    }

    /** @return the {@code live} alias on the current published version, which every trigger invokes */
    public IAlias getAlias() {
        return alias;
    }

    /** @return the encrypted topic that receives RDS snapshot events */
    public ITopic getTopic() {
        return events.topic;
    }

    /** @return the customer managed key that encrypts the topic */
    public IKey getTopicKey() {
        return events.key;
    }

    /** @return the RDS event subscriptions (DB snapshots, and DB cluster snapshots when Aurora is on) */
    public List<CfnEventSubscription> getEventSubscriptions() {
        return List.copyOf(events.subscriptions);
    }

    /** @return the dead-letter queue of failed asynchronous invocations (events and sweeps) */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** @return the function's execution role */
    public IRole getRole() {
        return role;
    }

    /** @return the EventBridge rule that starts the sweeps */
    public IRule getSchedule() {
        return schedule;
    }

    /** @return the function's log group */
    public ILogGroup getLogGroup() {
        return logGroup;
    }

    /**
     * The rule that starts follow-up sweeps every 10 minutes while copies wait for a cross-region copy slot. The
     * function enables and disables it; it is disabled when nothing waits.
     *
     * @return the rule
     */
    public IRule getFollowUpRule() {
        return followUp;
    }

    /** @return the alarms defined (the ones not turned off by props) */
    public List<IAlarm> getAlarms() {
        return alarms;
    }

    /** @return the dashboard, or {@code null} when {@code createDashboard} is false */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /**
     * Any metric of {@link MetricNames#ALL} with this installation's dimension ({@code Sum} over 5 minutes by default).
     *
     * @param metricName a name from {@link MetricNames}
     * @param options    statistic, period, label... (optional)
     * @return the metric
     * @throws IllegalArgumentException for a name the engine does not emit
     */
    public Metric metric(String metricName, MetricOptions options) {
        return metrics.counter(metricName, options);
    }

    /** @param options optional overrides @return copies started ({@code Sum}, 5 minutes) */
    public Metric metricCopiesStarted(MetricOptions options) {
        return metrics.counter(MetricNames.COPIES_STARTED, options);
    }

    /** @param options optional overrides @return copies that could not be started ({@code Sum}, 5 minutes) */
    public Metric metricCopyFailures(MetricOptions options) {
        return metrics.counter(MetricNames.COPY_FAILURES, options);
    }

    /** @param options optional overrides @return copies postponed to a later sweep ({@code Sum}, 5 minutes) */
    public Metric metricCopiesDeferred(MetricOptions options) {
        return metrics.counter(MetricNames.COPIES_DEFERRED, options);
    }

    /** @param options optional overrides @return expired copies deleted ({@code Sum}, 5 minutes) */
    public Metric metricDeletes(MetricOptions options) {
        return metrics.counter(MetricNames.DELETES, options);
    }

    /** @param options optional overrides @return events that were not in scope ({@code Sum}, 5 minutes) */
    public Metric metricIgnoredEvents(MetricOptions options) {
        return metrics.counter(MetricNames.IGNORED_EVENTS, options);
    }

    /** @param options optional overrides @return events that could not be understood ({@code Sum}, 5 minutes) */
    public Metric metricInvalidEvents(MetricOptions options) {
        return metrics.counter(MetricNames.INVALID_EVENTS, options);
    }

    /** @param options optional overrides @return sweeps that ran to their end ({@code Sum}, 5 minutes) */
    public Metric metricSweepsCompleted(MetricOptions options) {
        return metrics.counter(MetricNames.SWEEPS_COMPLETED, options);
    }

    /** @param options optional overrides @return databases with no copy at all ({@code Maximum}, 1 hour) */
    public Metric metricDatabasesWithoutCopy(MetricOptions options) {
        return metrics.gauge(MetricNames.DATABASES_WITHOUT_COPY, options);
    }

    /**
     * Seconds since the source snapshot of the newest available copy of one database was taken: its recovery point.
     *
     * @param dbIdentifier DB instance or DB cluster identifier
     * @param options      optional overrides
     * @return the metric ({@code Maximum}, 1 hour)
     */
    public Metric metricNewestCopyAgeSeconds(String dbIdentifier, MetricOptions options) {
        return metrics.newestCopyAge(Objects.requireNonNull(dbIdentifier, "dbIdentifier"), options);
    }
}
