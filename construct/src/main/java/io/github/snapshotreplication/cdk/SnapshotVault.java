package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.LambdaArtifact;
import io.github.snapshotreplication.contract.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Keeps copies of the snapshot copies that source accounts share with it, in an account of its own: the vault
 * account of {@link CrossRegionSnapshotReplication}'s {@code vaultAccount}.
 *
 * <p>Deploy it in the vault account, in the region the source installations copy to (their {@code targetRegion}).
 * Each source installation shares every available copy with this account; on a schedule the vault function lists
 * the snapshots shared with it, copies those of its {@code sourceAccounts} named by a replication installation into
 * this account with its own KMS key, shares each of its copies back with the source account as a receipt (the source
 * then stops sharing and applies its retention), and deletes its own copies older than {@code retention}, never the
 * newest of a database. It defines a customer managed key (unless {@code encryptionKey} is given), a Java Lambda
 * function (the jar of {@link CrossRegionSnapshotReplication}, another handler), an EventBridge schedule, a
 * dead-letter queue, a log group, a role with two customer managed policies, alarms and optionally a dashboard. The
 * function is placed in a VPC when {@code vpc} is given; it is then {@link IConnectable}.
 *
 * <p>What a compromised source account can and cannot do: it cannot delete, unshare or re-encrypt the vault's
 * copies (nothing grants it any right in this account, and the vault key's policy names only this account); it can
 * stop sharing new copies (the recovery-point alarm then fires) and it can share snapshots of its own named like
 * copies, which the vault copies and keeps for {@code retention} (and as long as they stay shared), like any other:
 * retention is by age only, so they cannot push genuine copies out before their {@code retention} ends (choose it
 * longer than the time needed to notice a compromise, and remove the account from {@code sourceAccounts} then). The
 * vault account's own administrators can still delete copies and schedule the key's deletion: unlike AWS Backup Vault
 * Lock, nothing here is immutable. Guard the account with service control policies.
 *
 * <p>No event reaches the vault from a source account. A cross-account EventBridge bus would be faster, but the
 * source account's template would then need a statement naming this account's bus, and no source-account statement
 * names a vault-account resource; the schedule is the only trigger (shorten it for a faster hand-over).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html">Sharing a DB
 *     snapshot</a>
 */
public class SnapshotVault extends SnapshotMetricsBase implements IConnectable {

    private final String vaultId;
    private final List<String> sourceAccounts;
    private final IKey key;
    private final Queue deadLetterQueue;
    private final LogGroup logGroup;
    private final Role role;
    private final ManagedPolicy policy;
    private final ManagedPolicy sourceAccountsPolicy;
    private final Function function;
    private final Rule schedule;
    private final ReplicationMetrics metrics;
    private final List<IAlarm> alarms;
    private final Dashboard dashboard;

    /**
     * Defines a vault for the snapshot copies that {@code props.sourceAccounts} share with this stack's account.
     *
     * @param scope parent construct, normally a stack of the vault account in the source installations' target
     *              region
     * @param id    construct id
     * @param props configuration; see {@link SnapshotVaultProps}
     * @throws IllegalArgumentException when props are invalid; the message names each prop and the fix
     */
    public SnapshotVault(Construct scope, String id, SnapshotVaultProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        VaultPropsValidator.validate(this, props);
        vaultId = props.getVaultId() != null ? props.getVaultId()
                : Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(64).build());
        sourceAccounts = List.copyOf(new TreeSet<>(props.getSourceAccounts()));
        key = props.getEncryptionKey() != null ? props.getEncryptionKey() : defineKey();
        deadLetterQueue = FunctionParts.deadLetterQueue(this);
        logGroup = FunctionParts.logGroup(this, props);
        role = FunctionParts.role(this, "Copies the RDS snapshots that its source accounts share into this account");
        VaultPermissions permissions = new VaultPermissions(Stack.of(this), vaultId, props.isIncludeAurora(),
                sourceAccounts);
        policy = definePolicy(props, permissions);
        sourceAccountsPolicy = ManagedPolicy.Builder.create(this, "SourceAccountsPolicy")
                .description("What the snapshot vault may do with the snapshots and keys of its source accounts")
                .roles(List.of(role))
                .statements(permissions.sourceAccountStatements())
                .build();
        function = defineFunction(props);
        schedule = defineSchedule(props);
        suppressAcceptedFindings(props);
        metrics = new ReplicationMetrics(vaultId);
        Duration interval = FunctionParts.sweepInterval(this, props);
        alarms = List.copyOf(ReplicationAlarms.forVault(this, metrics, props, function, deadLetterQueue, interval,
                FunctionParts.recoveryPointAgeThreshold(props, interval)));
        dashboard = props.isCreateDashboard() ? ReplicationDashboard.defineForVault(this, metrics, vaultId, alarms,
                function, deadLetterQueue) : null;
    }

    /**
     * The vault's own key: rotated, kept when the stack is deleted (the copies would be lost without it). Its policy
     * is aws-cdk-lib's default, which names only this account and lets its IAM policies grant the key's use (the
     * vault's role, and whoever restores a copy), plus a statement that denies grants other than for AWS resources.
     */
    private Key defineKey() {
        Key defined = Key.Builder.create(this, "Key")
                .description("Encrypts the copies of an RDS snapshot vault")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        defined.addToResourcePolicy(ServiceKeyAccess.denyGrantsExceptForAwsServices());
        return defined;
    }

    /** Every permission on the vault's own copies and key, and what the Lambda service needs to run the function. */
    private ManagedPolicy definePolicy(SnapshotVaultProps props, VaultPermissions permissions) {
        List<PolicyStatement> statements = new ArrayList<>(permissions.statements(key.getKeyArn()));
        statements.addAll(RuntimePermissions.statements(logGroup, deadLetterQueue, props.getVpc() != null,
                props.getTracing()));
        return ManagedPolicy.Builder.create(this, "Policy")
                .description("Snapshot vault " + vaultId + ": its own copies and key")
                .roles(List.of(role))
                .statements(statements)
                .build();
    }

    /**
     * The function runs hourly at most a few minutes, so a cold start is of no concern: no SnapStart, no alias, the
     * schedule invokes the function.
     */
    private Function defineFunction(SnapshotVaultProps props) {
        Function.Builder builder = FunctionParts.function(this, props, LambdaArtifact.VAULT_HANDLER, role, logGroup,
                deadLetterQueue, LambdaEnvironment.ofVault(Stack.of(this), props, vaultId, sourceAccounts,
                        key.getKeyArn()), "Copies the RDS snapshots that its source accounts share into this vault");
        VpcPlacement.configure(this, builder, props, null);
        Function defined = builder.build();
        VpcPlacement.allowHttpsOut(defined, props, "HTTPS to the RDS API of this region");
        // The role's permissions must exist before Lambda creates network interfaces or the first sweep runs.
        defined.getNode().addDependency(policy, sourceAccountsPolicy);
        return defined;
    }

    private Rule defineSchedule(SnapshotVaultProps props) {
        return Rule.Builder.create(this, "Schedule")
                .description("Starts a sweep of an RDS snapshot vault")
                .schedule(props.getSchedule())
                .targets(List.of(new LambdaFunction(function, LambdaFunctionProps.builder()
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
    }

    private void suppressAcceptedFindings(SnapshotVaultProps props) {
        NagSuppressionMetadata.onVaultPolicy(policy, props.isIncludeAurora());
        NagSuppressionMetadata.onVaultSourceAccountsPolicy(sourceAccountsPolicy, props.isIncludeAurora());
        NagSuppressionMetadata.onDeadLetterQueue(deadLetterQueue, "the vault function and of its schedule");
    }

    @Override
    ReplicationMetrics metrics() {
        return metrics;
    }

    /**
     * Receipts the vault could not share back with their source account; that account keeps its copy until one
     * arrives.
     *
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricReceiptFailures() {
        return metricReceiptFailures(null);
    }

    /**
     * Receipts the vault could not share back with their source account; that account keeps its copy until one
     * arrives.
     *
     * @param options statistic, period, label and so on; {@code null} for none
     * @return the metric
     * @default - {@code Sum} over 5 minutes
     */
    public Metric metricReceiptFailures(MetricOptions options) {
        return metrics.counter(MetricNames.VAULT_SHARE_FAILURES, options);
    }

    /**
     * Gives {@code grantee} the right to invoke the vault function, e.g. to start a sweep by hand with
     * {@code {"action": "sweep"}}.
     *
     * @param grantee the principal
     * @return the grant
     */
    public Grant grantInvoke(IGrantable grantee) {
        return function.grantInvoke(grantee);
    }

    /**
     * The network connections of the function's security groups.
     *
     * @return the connections
     * @throws RuntimeException when the function is not in a VPC (no {@code vpc} prop)
     */
    @Override
    public Connections getConnections() {
        return function.getConnections();
    }

    /** @return the vault's id: the value of the managed-by tag on its copies and the metric dimension */
    public String getVaultId() {
        return vaultId;
    }

    /**
     * The start of every identifier the vault gives a copy, e.g. {@code sr3f9a2c1b-}: derived from the vault id, and
     * part of the IAM scope that lets the function share back, tag and delete its own copies and nothing else.
     *
     * @return the prefix with its trailing hyphen
     */
    public String getCopyIdentifierPrefix() {
        return CopyIdentifiers.identifierStart(vaultId);
    }

    /** @return the accepted source accounts, sorted, each once */
    public List<String> getSourceAccounts() {
        return sourceAccounts;
    }

    /** @return the key that encrypts the vault's copies: {@code encryptionKey}, or the key the vault defined */
    public IKey getKey() {
        return key;
    }

    /**
     * The vault function. Its permissions are in {@link #getPolicy()} and {@link #getSourceAccountsPolicy()}.
     *
     * @return the function, invoked by {@link #getSchedule()}
     */
    public IFunction getFunction() {
        return function;
    }

    /** @return the function's execution role */
    public IRole getRole() {
        return role;
    }

    /**
     * The customer managed policy with the permissions on the vault's own copies and key and the function's runtime;
     * add statements here rather than to the role, which would create an inline policy.
     *
     * @return the policy
     */
    public ManagedPolicy getPolicy() {
        return policy;
    }

    /**
     * The customer managed policy with the only statements that name other accounts: the accepted source accounts'
     * shared snapshots and keys.
     *
     * @return the policy
     */
    public ManagedPolicy getSourceAccountsPolicy() {
        return sourceAccountsPolicy;
    }

    /** @return the dead-letter queue of failed sweeps: function and schedule */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** @return the EventBridge rule that starts the sweeps, the vault's only trigger */
    public IRule getSchedule() {
        return schedule;
    }

    /** @return the function's log group */
    public ILogGroup getLogGroup() {
        return logGroup;
    }

    /** @return the alarms defined (the ones not turned off by props) */
    public List<IAlarm> getAlarms() {
        return alarms;
    }

    /** @return the dashboard, or {@code null} when {@code createDashboard} is false */
    public Dashboard getDashboard() {
        return dashboard;
    }
}
