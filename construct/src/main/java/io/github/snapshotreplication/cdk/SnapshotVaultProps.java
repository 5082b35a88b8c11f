package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Objects;

import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Properties of a {@link SnapshotVault}.
 *
 * <p>Immutable; build one with {@link #builder()}. Only {@code sourceAccounts} is required. Range and format checks
 * run in the construct's constructor, where the stack's account and region are known and tokens can be told apart.
 * Props shared with {@link CrossRegionSnapshotReplicationProps} have its names, defaults and meaning.
 *
 * <p>Props of the replication that a vault has no use for: {@code targetRegion} and {@code targetKey} (the vault
 * copies within its own region, with {@code encryptionKey}); {@code retentionKeepLast} (a count would let a compromised
 * source account push genuine copies out by sharing look-alikes, so the vault keeps copies by age only, see
 * {@code retention}); the scope filters ({@code includeDbIdentifiers}, {@code excludeDbIdentifiers},
 * {@code sourceTagFilter}, {@code copyManualSnapshots}, {@code includeReadReplicas}: each source installation chooses
 * its scope, and the vault sees neither the source databases nor the tags of shared snapshots);
 * {@code optionGroupMapping} (RDS does not share DB snapshots with persistent or permanent options, so none arrives);
 * the copy caps (they bound cross-region copies); {@code vaultAccount}; and {@code createDatabasesWithoutBackupsAlarm}
 * (the vault sees no database).
 */
public final class SnapshotVaultProps implements FunctionOptions {

    /** Default sweep: every hour, so a copy shared by a source account is in the vault within about an hour. */
    static final Duration DEFAULT_SCHEDULE_INTERVAL = Duration.hours(1);

    private final List<String> sourceAccounts;
    private final IKey encryptionKey;
    private final boolean includeAurora;
    private final Duration retention;
    private final Schedule schedule;
    private final String vaultId;
    private final boolean dryRun;
    private final RetentionDays logRetention;
    private final IKey logEncryptionKey;
    private final Architecture architecture;
    private final Number memorySize;
    private final Number reservedConcurrentExecutions;
    private final Tracing tracing;
    private final IVpc vpc;
    private final SubnetSelection vpcSubnets;
    private final List<ISecurityGroup> securityGroups;
    private final Duration recoveryPointAgeThreshold;
    private final ITopic alarmTopic;
    private final IAlarmAction alarmAction;
    private final boolean createCopyFailuresAlarm;
    private final boolean createReceiptFailuresAlarm;
    private final boolean createDeadLetterQueueAlarm;
    private final boolean createFunctionErrorsAlarm;
    private final boolean createRecoveryPointAlarms;
    private final boolean createSweepOverdueAlarm;
    private final boolean createDashboard;

    private SnapshotVaultProps(Builder b) {
        this.sourceAccounts = List.copyOf(Objects.requireNonNull(b.sourceAccounts, "sourceAccounts is required: name"
                + " the accounts whose copies the vault keeps, e.g. .sourceAccounts(List.of(\"123456789012\"))"));
        this.encryptionKey = b.encryptionKey;
        this.includeAurora = b.includeAurora;
        this.retention = b.retention != null ? b.retention
                : Duration.parse(Settings.VAULT_RETENTION.defaultValue().orElseThrow());
        this.schedule = b.schedule != null ? b.schedule : Schedule.rate(DEFAULT_SCHEDULE_INTERVAL);
        this.vaultId = b.vaultId;
        this.dryRun = b.dryRun;
        this.logRetention = b.logRetention;
        this.logEncryptionKey = b.logEncryptionKey;
        this.architecture = b.architecture;
        this.memorySize = b.memorySize;
        this.reservedConcurrentExecutions = b.reservedConcurrentExecutions;
        this.tracing = b.tracing;
        this.vpc = b.vpc;
        this.vpcSubnets = b.vpcSubnets;
        this.securityGroups = b.securityGroups == null ? null : List.copyOf(b.securityGroups);
        this.recoveryPointAgeThreshold = b.recoveryPointAgeThreshold;
        this.alarmTopic = b.alarmTopic;
        this.alarmAction = b.alarmAction;
        this.createCopyFailuresAlarm = b.createCopyFailuresAlarm;
        this.createReceiptFailuresAlarm = b.createReceiptFailuresAlarm;
        this.createDeadLetterQueueAlarm = b.createDeadLetterQueueAlarm;
        this.createFunctionErrorsAlarm = b.createFunctionErrorsAlarm;
        this.createRecoveryPointAlarms = b.createRecoveryPointAlarms;
        this.createSweepOverdueAlarm = b.createSweepOverdueAlarm;
        this.createDashboard = b.createDashboard;
    }

    /**
     * Starts the props of a {@link SnapshotVault}.
     *
     * @return a new builder with every optional prop at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The accounts whose copies the vault keeps: their {@code CrossRegionSnapshotReplication} has
     * {@code vaultAccount} set to this stack's account and {@code targetRegion} set to this stack's region. Snapshots
     * any other account shares are ignored. The vault's role may copy these accounts' shared snapshots named
     * {@code sr*} and use their keys through RDS of this region, nothing else of theirs.
     *
     * @return 1 to 20 12-digit account ids, not this stack's
     */
    public List<String> getSourceAccounts() {
        return sourceAccounts;
    }

    /**
     * KMS key of this stack's region that encrypts the vault's copies of encrypted snapshots. A key given here must
     * let this account's IAM policies grant its use (the default key policy does); the vault's role then gets
     * {@code kms:CreateGrant} and {@code kms:DescribeKey} on it, through RDS only.
     *
     * @return the key, or {@code null}
     * @default - a new customer managed key with rotation on and removal policy RETAIN, whose key policy names only
     *     this account and lets nobody create grants other than for AWS resources
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * Whether shared Aurora DB cluster snapshots are copied too. Turn it on when any source installation has
     * {@code includeAurora}: otherwise its cluster copies never reach the vault and wait there for a receipt.
     *
     * @return whether cluster snapshots are copied
     * @default false
     */
    public boolean isIncludeAurora() {
        return includeAurora;
    }

    /**
     * How long each of the vault's copies is kept at least, counted from the time its source snapshot was taken. The
     * newest copy of each source database is kept whatever its age. There is no count-based rule: snapshots that a
     * compromised source account shares cannot push the vault's copies out.
     *
     * @return the retention
     * @default - 35 days ({@code P35D})
     */
    public Duration getRetention() {
        return retention;
    }

    /**
     * When the vault sweeps: it copies what the source accounts share, sends receipts and deletes its own expired
     * copies. It is the vault's only trigger: no event reaches it from a source account.
     *
     * @return the schedule
     * @default - every hour ({@code rate(1 hour)})
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * The vault's id: the value of the managed-by tag on its copies, the {@code ReplicationId} metric dimension, and,
     * through its hash, the start of its copies' identifiers. Copies made under another id are no longer the vault's
     * and are never deleted by it, so set it to keep the id when the construct moves in the tree.
     *
     * @return the id, or {@code null} for the derived one
     * @default - derived from the construct's path, as the replication id of {@code CrossRegionSnapshotReplication}
     */
    public String getVaultId() {
        return vaultId;
    }

    /**
     * When true the vault logs what it would copy, share back and delete, and changes nothing.
     *
     * @return whether the function only plans
     * @default false
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * How long the vault function's logs (one line per copy, receipt and delete decision) are kept.
     *
     * @return the retention
     * @default RetentionDays.ONE_YEAR
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * KMS key of this stack's region that encrypts the function's log group. The construct lets CloudWatch Logs of
     * this region use it; for a key imported from elsewhere a synth-time warning names the statement to add.
     *
     * @return the log key, or {@code null}
     * @default - the log group is encrypted by CloudWatch Logs with a key it owns, not with a customer managed key
     */
    public IKey getLogEncryptionKey() {
        return logEncryptionKey;
    }

    /**
     * Instruction set of the function.
     *
     * @return the architecture
     * @default Architecture.ARM_64
     */
    public Architecture getArchitecture() {
        return architecture;
    }

    /**
     * Memory of the function in MiB (128 to 10240); CPU grows with it.
     *
     * @return the memory size in MiB
     * @default 1024
     */
    public Number getMemorySize() {
        return memorySize;
    }

    /**
     * Concurrent executions reserved for the function, at least 1; it also caps them. 1 keeps sweeps from
     * overlapping, which is safe anyway: copies have fixed names and deletes of missing copies are no-ops.
     *
     * @return the reserved concurrency, or {@code null}
     * @default - no reservation: the function uses the account's unreserved concurrency
     */
    public Number getReservedConcurrentExecutions() {
        return reservedConcurrentExecutions;
    }

    /**
     * AWS X-Ray tracing of the function.
     *
     * @return the tracing mode
     * @default Tracing.DISABLED
     */
    public Tracing getTracing() {
        return tracing;
    }

    /**
     * VPC to place the function in. The vault calls the RDS API of its own region only, so subnets without internet
     * access work with an interface VPC endpoint {@code com.amazonaws.<region>.rds} (private DNS on); otherwise they
     * need a NAT route. Logs, metrics and the dead-letter queue do not go through the VPC.
     *
     * @return the VPC, or {@code null}
     * @default - the function runs outside any VPC, in the Lambda service's network
     */
    public IVpc getVpc() {
        return vpc;
    }

    /**
     * Subnets of {@code vpc} for the function's network interfaces; they need a way to this region's RDS API.
     *
     * @return the subnet selection, or {@code null}
     * @default - the VPC's private subnets (the VPC's default selection)
     */
    public SubnetSelection getVpcSubnets() {
        return vpcSubnets;
    }

    /**
     * Security groups of the function's network interfaces in {@code vpc}; they must allow outbound HTTPS.
     *
     * @return the security groups, or {@code null}
     * @default - a new security group that allows outbound TCP 443 only, and no inbound traffic
     */
    public List<ISecurityGroup> getSecurityGroups() {
        return securityGroups;
    }

    /**
     * Age of the newest vault copy of any source database above which the recovery-point alarm fires: the sign that
     * a source account stopped sharing, or that the vault stopped copying.
     *
     * @return the threshold, or {@code null}
     * @default - twice the sweep interval derived from {@code schedule}, at least 2 days
     */
    public Duration getRecoveryPointAgeThreshold() {
        return recoveryPointAgeThreshold;
    }

    /**
     * SNS topic notified when an alarm of the vault changes to ALARM or back to OK.
     *
     * @return the topic, or {@code null}
     * @default - no topic; without {@code alarmAction} either, the alarms notify nobody (a synth-time warning says so)
     */
    public ITopic getAlarmTopic() {
        return alarmTopic;
    }

    /**
     * Any other alarm action (e.g. an incident manager action), added next to {@code alarmTopic}.
     *
     * @return the action, or {@code null}
     * @default - none
     */
    public IAlarmAction getAlarmAction() {
        return alarmAction;
    }

    /**
     * Whether to alarm when the vault could not start a copy of a shared snapshot.
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateCopyFailuresAlarm() {
        return createCopyFailuresAlarm;
    }

    /**
     * Whether to alarm when the vault could not share a copy back with its source account as a receipt (the source
     * keeps its copy until one arrives).
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateReceiptFailuresAlarm() {
        return createReceiptFailuresAlarm;
    }

    /**
     * Whether to alarm when the dead-letter queue holds a failed sweep.
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateDeadLetterQueueAlarm() {
        return createDeadLetterQueueAlarm;
    }

    /**
     * Whether to alarm on function errors or throttles (errors only with {@code reservedConcurrentExecutions}).
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateFunctionErrorsAlarm() {
        return createFunctionErrorsAlarm;
    }

    /**
     * Whether to alarm when the newest vault copy of a source database is older than the threshold.
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateRecoveryPointAlarms() {
        return createRecoveryPointAlarms;
    }

    /**
     * Whether to alarm when no sweep completed within one schedule interval (missing data counts as overdue).
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateSweepOverdueAlarm() {
        return createSweepOverdueAlarm;
    }

    /**
     * Whether to define a CloudWatch dashboard with the vault's metrics and alarms.
     *
     * @return whether the dashboard is defined
     * @default false
     */
    public boolean isCreateDashboard() {
        return createDashboard;
    }

    /** Builder of {@link SnapshotVaultProps}; each method sets the prop of the same name. */
    public static final class Builder {
        private List<String> sourceAccounts;
        private IKey encryptionKey;
        private boolean includeAurora = Settings.INCLUDE_AURORA.defaultBoolean();
        private Duration retention;
        private Schedule schedule;
        private String vaultId;
        private boolean dryRun = Settings.DRY_RUN.defaultBoolean();
        private RetentionDays logRetention = RetentionDays.ONE_YEAR;
        private IKey logEncryptionKey;
        private Architecture architecture = Architecture.ARM_64;
        private Number memorySize = CrossRegionSnapshotReplicationProps.DEFAULT_MEMORY_SIZE;
        private Number reservedConcurrentExecutions;
        private Tracing tracing = Tracing.DISABLED;
        private IVpc vpc;
        private SubnetSelection vpcSubnets;
        private List<ISecurityGroup> securityGroups;
        private Duration recoveryPointAgeThreshold;
        private ITopic alarmTopic;
        private IAlarmAction alarmAction;
        private boolean createCopyFailuresAlarm = true;
        private boolean createReceiptFailuresAlarm = true;
        private boolean createDeadLetterQueueAlarm = true;
        private boolean createFunctionErrorsAlarm = true;
        private boolean createRecoveryPointAlarms = true;
        private boolean createSweepOverdueAlarm = true;
        private boolean createDashboard;

        private Builder() {
        }

        /**
         * The accounts whose copies the vault keeps; snapshots any other account shares are ignored. Required.
         *
         * @param sourceAccounts 1 to 20 12-digit account ids, not this stack's
         * @return this builder
         */
        public Builder sourceAccounts(List<String> sourceAccounts) {
            this.sourceAccounts = sourceAccounts;
            return this;
        }

        /**
         * KMS key of this stack's region that encrypts the vault's copies of encrypted snapshots; its policy must let
         * this account's IAM policies grant its use.
         *
         * @param encryptionKey a key, not an alias, in this stack's region
         * @return this builder
         * @default - a new customer managed key with rotation on and removal policy RETAIN, whose key policy names
         *     only this account and lets nobody create grants other than for AWS resources
         */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * Whether shared Aurora DB cluster snapshots are copied too; on when any source installation has
         * {@code includeAurora}.
         *
         * @param includeAurora true to copy cluster snapshots
         * @return this builder
         * @default false
         */
        public Builder includeAurora(boolean includeAurora) {
            this.includeAurora = includeAurora;
            return this;
        }

        /**
         * How long each of the vault's copies is kept at least, counted from its source snapshot; the newest copy of
         * each source database, and any copy whose source is still shared with the vault (it is the receipt the
         * source account waits for), is always kept.
         *
         * @param retention at least 1 day
         * @return this builder
         * @default - 35 days ({@code P35D})
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * When the vault sweeps; its only trigger.
         *
         * @param schedule an EventBridge schedule; a shorter interval brings copies into the vault sooner
         * @return this builder
         * @default - every hour ({@code rate(1 hour)})
         */
        public Builder schedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * The vault's id: managed-by tag value, metric dimension and, through its hash, its copies' identifier
         * prefix.
         *
         * @param vaultId 1 to 256 letters, digits, spaces or {@code _.:/=+-@}
         * @return this builder
         * @default - derived from the construct's path, as the replication id of
         *     {@code CrossRegionSnapshotReplication}
         */
        public Builder vaultId(String vaultId) {
            this.vaultId = vaultId;
            return this;
        }

        /**
         * When true the vault logs what it would copy, share back and delete, and changes nothing.
         *
         * @param dryRun true for a dry run
         * @return this builder
         * @default false
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * How long the vault function's logs are kept.
         *
         * @param logRetention the retention; Control Tower's CT.CLOUDWATCH.PR.2 asks for at least one year
         * @return this builder
         * @default RetentionDays.ONE_YEAR
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
            return this;
        }

        /**
         * KMS key of this stack's region that encrypts the function's log group; the construct lets CloudWatch Logs
         * of this region use it (or warns which statement to add to an imported key's policy).
         *
         * @param logEncryptionKey a key in this stack's region
         * @return this builder
         * @default - the log group is encrypted by CloudWatch Logs with a key it owns, not with a customer managed
         *     key
         */
        public Builder logEncryptionKey(IKey logEncryptionKey) {
            this.logEncryptionKey = logEncryptionKey;
            return this;
        }

        /**
         * Instruction set of the function.
         *
         * @param architecture ARM_64 or X86_64
         * @return this builder
         * @default Architecture.ARM_64
         */
        public Builder architecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /**
         * Memory of the function in MiB; CPU grows with it.
         *
         * @param memorySize a whole number of MiB from 128 to 10240
         * @return this builder
         * @default 1024
         */
        public Builder memorySize(Number memorySize) {
            this.memorySize = Objects.requireNonNull(memorySize, "memorySize");
            return this;
        }

        /**
         * Concurrent executions reserved for the function, which also caps them; the account must keep 10
         * executions unreserved.
         *
         * @param reservedConcurrentExecutions a whole number of at least 1
         * @return this builder
         * @default - no reservation: the function uses the account's unreserved concurrency
         */
        public Builder reservedConcurrentExecutions(Number reservedConcurrentExecutions) {
            this.reservedConcurrentExecutions = reservedConcurrentExecutions;
            return this;
        }

        /**
         * AWS X-Ray tracing of the function.
         *
         * @param tracing the tracing mode, e.g. Tracing.ACTIVE
         * @return this builder
         * @default Tracing.DISABLED
         */
        public Builder tracing(Tracing tracing) {
            this.tracing = Objects.requireNonNull(tracing, "tracing");
            return this;
        }

        /**
         * VPC to place the function in; it needs a way to this region's RDS API only (an interface endpoint
         * {@code com.amazonaws.<region>.rds} or a NAT route).
         *
         * @param vpc the VPC
         * @return this builder
         * @default - the function runs outside any VPC, in the Lambda service's network
         */
        public Builder vpc(IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        /**
         * Subnets of {@code vpc} for the function's network interfaces.
         *
         * @param vpcSubnets a subnet selection of {@code vpc}
         * @return this builder
         * @default - the VPC's private subnets (the VPC's default selection)
         */
        public Builder vpcSubnets(SubnetSelection vpcSubnets) {
            this.vpcSubnets = vpcSubnets;
            return this;
        }

        /**
         * Security groups of the function's network interfaces in {@code vpc}; they must allow outbound HTTPS.
         *
         * @param securityGroups one or more security groups
         * @return this builder
         * @default - a new security group that allows outbound TCP 443 only, and no inbound traffic
         */
        public Builder securityGroups(List<ISecurityGroup> securityGroups) {
            this.securityGroups = securityGroups;
            return this;
        }

        /**
         * Age of the newest vault copy of any source database above which the recovery-point alarm fires.
         *
         * @param recoveryPointAgeThreshold at least 1 hour
         * @return this builder
         * @default - twice the sweep interval derived from {@code schedule}, at least 2 days
         */
        public Builder recoveryPointAgeThreshold(Duration recoveryPointAgeThreshold) {
            this.recoveryPointAgeThreshold = recoveryPointAgeThreshold;
            return this;
        }

        /**
         * SNS topic notified when an alarm of the vault changes to ALARM or back to OK.
         *
         * @param alarmTopic the topic
         * @return this builder
         * @default - no topic; without {@code alarmAction} either, the alarms notify nobody (a synth-time warning
         *     says so)
         */
        public Builder alarmTopic(ITopic alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        /**
         * Any other alarm action, added next to {@code alarmTopic}.
         *
         * @param alarmAction the action
         * @return this builder
         * @default - none
         */
        public Builder alarmAction(IAlarmAction alarmAction) {
            this.alarmAction = alarmAction;
            return this;
        }

        /**
         * Whether to alarm when the vault could not start a copy of a shared snapshot.
         *
         * @param createCopyFailuresAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createCopyFailuresAlarm(boolean createCopyFailuresAlarm) {
            this.createCopyFailuresAlarm = createCopyFailuresAlarm;
            return this;
        }

        /**
         * Whether to alarm when the vault could not share a copy back with its source account as a receipt.
         *
         * @param createReceiptFailuresAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createReceiptFailuresAlarm(boolean createReceiptFailuresAlarm) {
            this.createReceiptFailuresAlarm = createReceiptFailuresAlarm;
            return this;
        }

        /**
         * Whether to alarm when the dead-letter queue holds a failed sweep.
         *
         * @param createDeadLetterQueueAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createDeadLetterQueueAlarm(boolean createDeadLetterQueueAlarm) {
            this.createDeadLetterQueueAlarm = createDeadLetterQueueAlarm;
            return this;
        }

        /**
         * Whether to alarm on function errors or throttles.
         *
         * @param createFunctionErrorsAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createFunctionErrorsAlarm(boolean createFunctionErrorsAlarm) {
            this.createFunctionErrorsAlarm = createFunctionErrorsAlarm;
            return this;
        }

        /**
         * Whether to alarm when the newest vault copy of a source database is older than the threshold.
         *
         * @param createRecoveryPointAlarms false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createRecoveryPointAlarms(boolean createRecoveryPointAlarms) {
            this.createRecoveryPointAlarms = createRecoveryPointAlarms;
            return this;
        }

        /**
         * Whether to alarm when no sweep completed within one schedule interval.
         *
         * @param createSweepOverdueAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createSweepOverdueAlarm(boolean createSweepOverdueAlarm) {
            this.createSweepOverdueAlarm = createSweepOverdueAlarm;
            return this;
        }

        /**
         * Whether to define a CloudWatch dashboard with the vault's metrics and alarms.
         *
         * @param createDashboard true to define the dashboard
         * @return this builder
         * @default false
         */
        public Builder createDashboard(boolean createDashboard) {
            this.createDashboard = createDashboard;
            return this;
        }

        /**
         * Builds the props; checks only that the required {@code sourceAccounts} is set.
         *
         * @return the immutable props
         * @throws NullPointerException when {@code sourceAccounts} is missing
         */
        public SnapshotVaultProps build() {
            return new SnapshotVaultProps(this);
        }
    }
}
