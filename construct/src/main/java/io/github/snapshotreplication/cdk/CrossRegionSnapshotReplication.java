package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.LambdaArtifact;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CfnEventSubscription;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Keeps copies of the Amazon RDS and Aurora snapshots of this stack's region in a second region.
 *
 * <p>Defines RDS event subscriptions that publish "snapshot created" events to an encrypted SNS topic, a Java Lambda
 * function (SnapStart, invoked through the {@code live} alias) that copies each new snapshot to the target region,
 * an EventBridge schedule that starts a sweep copying whatever the events missed and deleting expired copies made by
 * this construct (and only those), a dead-letter queue for failed invocations, a log group, a least-privilege role
 * with one customer managed policy, the alarms that say when a database is no longer protected, and optionally a
 * dashboard. The function is placed in a VPC when {@code vpc} is given; it is then {@link IConnectable}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html">Copying a DB
 *     snapshot</a>
 */
public class CrossRegionSnapshotReplication extends CrossRegionSnapshotReplicationBase implements IConnectable {

    static final String NO_TARGET_KEY = "snapshot-replication:no-target-key";

    private final String replicationId;
    private final SnapshotEventSource events;
    private final Queue deadLetterQueue;
    private final LogGroup logGroup;
    private final Role role;
    private final ManagedPolicy policy;
    private ManagedPolicy optionGroupPolicy;
    private final Function function;
    private final Alias alias;
    private final Rule schedule;
    private final String followUpRuleName;
    private final Rule followUp;
    private final RestoreDrill drill;
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
        PropsValidator.validate(this, props);
        replicationId = Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(64).build());
        followUpRuleName = followUpRuleName();
        warnWithoutTargetKey(props);
        letTheVaultUseTheTargetKey(props);
        events = new SnapshotEventSource(this, props.isIncludeAurora());
        deadLetterQueue = FunctionParts.deadLetterQueue(this);
        logGroup = FunctionParts.logGroup(this, props);
        role = FunctionParts.role(this, "Copies RDS snapshots to " + props.getTargetRegion()
                + " and deletes its own old copies");
        policy = definePolicy(props);
        function = defineFunction(props);
        alias = defineAlias();
        subscribeAliasToTopic();
        schedule = defineSchedule(props);
        followUp = defineFollowUpRule(props);
        drill = props.getRestoreDrill() == null ? null
                : new RestoreDrill(this, props, replicationId, followUpRuleName, deadLetterQueue);
        suppressAcceptedFindings(props);
        metrics = new ReplicationMetrics(replicationId);
        alarms = defineAlarms(props);
        dashboard = props.isCreateDashboard() ? ReplicationDashboard.define(this, metrics, props.getTargetRegion(),
                alarms, function, deadLetterQueue, drill == null ? null : drill.function) : null;
    }

    /** With a vault, the target key's policy must let the vault account copy the copies shared with it. */
    private void letTheVaultUseTheTargetKey(CrossRegionSnapshotReplicationProps props) {
        if (props.getVaultAccount() != null && props.getTargetKey() != null) {
            ServiceKeyAccess.forVault(this, props.getTargetKey(),
                    vaultKeyAccess(props.getVaultAccount(), props.getTargetRegion()));
        }
    }

    private void warnWithoutTargetKey(CrossRegionSnapshotReplicationProps props) {
        if (props.getTargetKey() == null) {
            Annotations.of(this).addWarningV2(NO_TARGET_KEY, "targetKey is not set: encrypted snapshots cannot be"
                    + " copied and count as CopyFailures; set targetKey to a KMS key in " + props.getTargetRegion());
        }
    }

    /**
     * Every permission of the function, in one customer managed policy: no inline policy (HIPAA, NIST and PCI packs
     * ask for none), each statement with a {@code Sid}. The function gets the role without policy updates, so what
     * aws-cdk-lib would add on its own is written here (see {@link RuntimePermissions}).
     */
    private ManagedPolicy definePolicy(CrossRegionSnapshotReplicationProps props) {
        IKey targetKey = props.getTargetKey();
        ReplicationPermissions permissions = new ReplicationPermissions(Stack.of(this), props.getTargetRegion(),
                props.isIncludeAurora(), replicationId, props.getOptionGroupMapping().values(), followUpRuleName,
                props.getVaultAccount() != null);
        List<PolicyStatement> statements = new ArrayList<>(permissions.statements(
                targetKey == null ? null : targetKey.getKeyArn()));
        statements.addAll(RuntimePermissions.statements(logGroup, deadLetterQueue, props.getVpc() != null,
                props.getTracing()));
        ManagedPolicy main = ManagedPolicy.Builder.create(this, "Policy")
                .description("Snapshot replication to " + props.getTargetRegion() + " (" + replicationId + ")")
                .roles(List.of(role))
                .statements(statements)
                .build();
        // One ARN per mapped option group: in a policy of their own, so that a long mapping cannot push the main
        // policy over the 6,144 characters of a managed policy.
        permissions.optionGroupStatement().ifPresent(statement -> optionGroupPolicy = ManagedPolicy.Builder
                .create(this, "OptionGroupPolicy")
                .description("Option groups named on snapshot copies to " + props.getTargetRegion())
                .roles(List.of(role))
                .statements(List.of(statement))
                .build());
        return main;
    }

    private Function defineFunction(CrossRegionSnapshotReplicationProps props) {
        Function.Builder builder = FunctionParts.function(this, props, LambdaArtifact.HANDLER, role, logGroup,
                        deadLetterQueue, LambdaEnvironment.of(Stack.of(this), props, replicationId, followUpRuleName),
                        "Copies RDS snapshots to " + props.getTargetRegion() + " (" + replicationId + ")")
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        VpcPlacement.configure(this, builder, props, props.getTargetRegion());
        Function defined = builder.build();
        VpcPlacement.allowHttpsOut(defined, props, "HTTPS to the RDS API of both regions");
        // The role's permissions must exist before Lambda creates network interfaces or publishes a version.
        defined.getNode().addDependency(policy);
        if (optionGroupPolicy != null) {
            defined.getNode().addDependency(optionGroupPolicy);
        }
        // SnapStart applies to published versions only, so every trigger invokes the alias, never $LATEST.
        Annotations.of(defined).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the current version is published and every trigger invokes it through the live alias");
        return defined;
    }

    private Alias defineAlias() {
        return Alias.Builder.create(this, "Alias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .retryAttempts(2)
                .build();
    }

    /**
     * Subscribes the alias to the topic, with the dead-letter queue for events SNS cannot deliver. The endpoint is
     * written as the qualified function ARN rather than a {@code Ref} to the alias, which CloudFormation accepts but
     * the synth-time template validator (rule W3694) would report as "expects a Lambda Function".
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
                .deadLetterQueue(deadLetterQueue)
                .build();
        subscription.getNode().addDependency(alias);
    }

    private Rule defineSchedule(CrossRegionSnapshotReplicationProps props) {
        return Rule.Builder.create(this, "Schedule")
                .description("Starts a snapshot replication sweep to " + props.getTargetRegion())
                .schedule(props.getSchedule())
                .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
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
     * The rule that starts a follow-up sweep every few minutes while copies wait for a copy slot. It is created
     * disabled; the function enables it when a run leaves copies waiting and disables it when a follow-up finds none,
     * so an idle installation runs no follow-ups. Being one rule, follow-ups never pile up.
     */
    private Rule defineFollowUpRule(CrossRegionSnapshotReplicationProps props) {
        return Rule.Builder.create(this, "FollowUp")
                .ruleName(followUpRuleName)
                .description("Follow-up sweeps while snapshot copies to " + props.getTargetRegion() + " wait for a"
                        + " slot; the replication function turns this rule on and off")
                .schedule(Schedule.rate(Duration.minutes(Invocations.FOLLOW_UP_INTERVAL_MINUTES)))
                .enabled(false)
                .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
                        // Sorted keys: the same input on every synth (Map.of iterates in random order).
                        .event(RuleTargetInput.fromObject(new TreeMap<>(Map.of(Invocations.ACTION, Invocations.SWEEP,
                                Invocations.TRIGGER, Invocations.FOLLOW_UP))))
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
    }

    private void suppressAcceptedFindings(CrossRegionSnapshotReplicationProps props) {
        NagSuppressionMetadata.onFunctionPolicy(policy, props.isIncludeAurora(), props.getTargetKey() != null);
        NagSuppressionMetadata.onDeadLetterQueue(deadLetterQueue, "the function, of the sweep schedule and of the"
                + " topic subscription" + (drill == null ? "" : ", and of the restore drill's function and schedules"));
        NagSuppressionMetadata.onAsyncInvokeConfig(alias.getNode().findChild("EventInvokeConfig"));
    }

    private List<IAlarm> defineAlarms(CrossRegionSnapshotReplicationProps props) {
        Duration interval = FunctionParts.sweepInterval(this, props);
        return List.copyOf(ReplicationAlarms.forReplication(this, metrics, props, function, deadLetterQueue, interval,
                FunctionParts.recoveryPointAgeThreshold(props, interval)));
    }

    /**
     * The statement the target key's policy needs in vault mode: it lets the vault account use the key through RDS of
     * the target region, to copy the encrypted copies shared with it (docs/aws-references.md#v2). With
     * {@code vaultAccount}, the construct adds it to a {@code targetKey} defined in this app (in a stack of the target
     * region); for an imported key a synth-time warning ({@code snapshot-replication:target-key-vault-policy}) asks
     * you to add it to the key's policy yourself, e.g. where the key is defined:
     * {@code key.addToResourcePolicy(CrossRegionSnapshotReplication.vaultKeyAccess("210987654321", "eu-central-1"))}.
     *
     * @param vaultAccount the vault account
     * @param targetRegion the region of the key and the vault
     * @return the key policy statement
     */
    public static PolicyStatement vaultKeyAccess(String vaultAccount, String targetRegion) {
        return PolicyStatement.Builder.create()
                .sid("VaultAccountCopiesSharedSnapshots")
                .principals(List.of(new AccountPrincipal(vaultAccount)))
                .actions(List.of("kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*",
                        "kms:ReEncrypt*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "rds." + targetRegion + ".amazonaws.com",
                        "kms:CallerAccount", vaultAccount)))
                .build();
    }

    @Override
    ReplicationMetrics metrics() {
        return metrics;
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

    /**
     * The network connections of the function's security groups, e.g. to allow its outbound traffic to a proxy.
     *
     * @return the connections
     * @throws RuntimeException when the function is not in a VPC (no {@code vpc} prop)
     */
    @Override
    public Connections getConnections() {
        return function.getConnections();
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

    /**
     * The replication function. Its permissions are in {@link #getPolicy()}: the function's own role reference does
     * not take policy updates, so that no inline policy is created.
     *
     * @return the function; triggers invoke it through {@link #getAlias()}
     */
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

    /** @return the dead-letter queue of failed events: function, schedule and topic subscription */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** @return the function's execution role */
    public IRole getRole() {
        return role;
    }

    /**
     * The customer managed policy that holds every permission of the function's role; add statements here rather
     * than to the role, which would create an inline policy.
     *
     * @return the policy
     */
    public ManagedPolicy getPolicy() {
        return policy;
    }

    /** @return the EventBridge rule that starts the sweeps */
    public IRule getSchedule() {
        return schedule;
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

    /** @return the function's log group */
    public ILogGroup getLogGroup() {
        return logGroup;
    }

    /** @return the alarms defined (the ones not turned off by props) */
    public List<IAlarm> getAlarms() {
        return alarms;
    }

    /**
     * The restore drill's function (handler {@code RestoreDrillHandler}). Its permissions are in the drill's own
     * customer managed policy, child {@code RestoreDrill/Policy}.
     *
     * @return the function, or {@code null} without {@code restoreDrill}
     */
    public IFunction getDrillFunction() {
        return drill == null ? null : drill.function;
    }

    /**
     * The rule that starts a round of drills on {@code restoreDrill.schedule}.
     *
     * @return the rule, or {@code null} without {@code restoreDrill}
     */
    public IRule getDrillRoundRule() {
        return drill == null ? null : drill.roundSchedule;
    }

    /**
     * The rule that moves the drills in progress on, every 5 minutes.
     *
     * @return the rule, or {@code null} without {@code restoreDrill}
     */
    public IRule getDrillAdvanceRule() {
        return drill == null ? null : drill.advanceSchedule;
    }

    /** @return the restore drill's execution role, or {@code null} without {@code restoreDrill} */
    public IRole getDrillRole() {
        return drill == null ? null : drill.role;
    }

    /** @return the dashboard, or {@code null} when {@code createDashboard} is false */
    public Dashboard getDashboard() {
        return dashboard;
    }
}
