package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
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
 * Properties of a {@link CrossRegionSnapshotReplication}.
 *
 * <p>Immutable; build one with {@link #builder()}. Only {@code targetRegion} is required. Range and format checks
 * run in the construct's constructor, where the stack region is known and tokens can be told apart. Each getter
 * documents its prop; the builder method of the same name carries the same text.
 */
public final class CrossRegionSnapshotReplicationProps implements FunctionOptions {

    /** Default sweep: every day at 12:00 UTC, after the default backup windows of most regions. */
    static final String DEFAULT_SCHEDULE_EXPRESSION = "cron(0 12 * * ? *)";
    static final int DEFAULT_MEMORY_SIZE = 1024;

    private final String targetRegion;
    private final IKey targetKey;
    private final boolean includeAurora;
    private final Schedule schedule;
    private final Number retentionKeepLast;
    private final Duration retentionMaxAge;
    private final boolean copyManualSnapshots;
    private final List<String> includeDbIdentifiers;
    private final List<String> excludeDbIdentifiers;
    private final Map<String, String> sourceTagFilter;
    private final Map<String, String> optionGroupMapping;
    private final Number maxConcurrentDbSnapshotCopies;
    private final Number maxConcurrentClusterSnapshotCopies;
    private final boolean includeReadReplicas;
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
    private final boolean createDeadLetterQueueAlarm;
    private final boolean createFunctionErrorsAlarm;
    private final boolean createRecoveryPointAlarms;
    private final boolean createDatabasesWithoutBackupsAlarm;
    private final String vaultAccount;
    private final boolean createSweepOverdueAlarm;
    private final boolean createDashboard;
    private final RestoreDrillOptions restoreDrill;

    private CrossRegionSnapshotReplicationProps(Builder b) {
        this.targetRegion = Objects.requireNonNull(b.targetRegion,
                "targetRegion is required: set the region the copies go to, e.g. .targetRegion(\"eu-central-1\")");
        this.targetKey = b.targetKey;
        this.includeAurora = b.includeAurora;
        this.schedule = b.schedule != null ? b.schedule : Schedule.expression(DEFAULT_SCHEDULE_EXPRESSION);
        this.retentionKeepLast = b.retentionKeepLast;
        this.retentionMaxAge = b.retentionMaxAge;
        this.copyManualSnapshots = b.copyManualSnapshots;
        this.includeDbIdentifiers = List.copyOf(b.includeDbIdentifiers);
        this.excludeDbIdentifiers = List.copyOf(b.excludeDbIdentifiers);
        this.sourceTagFilter = Map.copyOf(b.sourceTagFilter);
        this.optionGroupMapping = Map.copyOf(b.optionGroupMapping);
        this.maxConcurrentDbSnapshotCopies = b.maxConcurrentDbSnapshotCopies;
        this.maxConcurrentClusterSnapshotCopies = b.maxConcurrentClusterSnapshotCopies;
        this.includeReadReplicas = b.includeReadReplicas;
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
        this.createDeadLetterQueueAlarm = b.createDeadLetterQueueAlarm;
        this.createFunctionErrorsAlarm = b.createFunctionErrorsAlarm;
        this.createRecoveryPointAlarms = b.createRecoveryPointAlarms;
        this.createDatabasesWithoutBackupsAlarm = b.createDatabasesWithoutBackupsAlarm;
        this.vaultAccount = b.vaultAccount;
        this.createSweepOverdueAlarm = b.createSweepOverdueAlarm;
        this.createDashboard = b.createDashboard;
        this.restoreDrill = b.restoreDrill;
    }

    /**
     * Starts the props of a {@link CrossRegionSnapshotReplication}.
     *
     * @return a new builder with every optional prop at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Region the copies are made in, e.g. {@code eu-central-1}; must differ from the stack's region.
     *
     * @return the target region
     */
    public String getTargetRegion() {
        return targetRegion;
    }

    /**
     * KMS key in the target region that re-encrypts copies of encrypted snapshots.
     *
     * <p>A key of another app or account is imported with {@code Key.fromKeyArn(this, "TargetKey", arn)}; an alias is
     * refused because IAM statements cannot be scoped to an alias.
     *
     * @return the target key, or {@code null}
     * @default - none: encrypted snapshots cannot be copied and count as {@code CopyFailures} (a synth-time warning
     *     says so)
     */
    public IKey getTargetKey() {
        return targetKey;
    }

    /**
     * Whether Aurora DB cluster snapshots are copied too, not only DB instance snapshots.
     *
     * @return whether cluster snapshots are copied
     * @default false
     */
    public boolean isIncludeAurora() {
        return includeAurora;
    }

    /**
     * When the sweep runs that copies whatever the events missed and applies the retention rule.
     *
     * @return the schedule
     * @default - every day at 12:00 UTC ({@code cron(0 12 * * ? *)})
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Copies to keep per source database in the target region; older copies made by this construct are deleted.
     *
     * @return copies kept per database
     * @default 7
     */
    public Number getRetentionKeepLast() {
        return retentionKeepLast;
    }

    /**
     * Copies older than this are deleted, except the newest copy of each database, which is always kept.
     *
     * @return the age limit, or {@code null}
     * @default - no age limit; only {@code retentionKeepLast} applies
     */
    public Duration getRetentionMaxAge() {
        return retentionMaxAge;
    }

    /**
     * Whether manual snapshots are copied as well as automated ones.
     *
     * @return whether manual snapshots are copied
     * @default false
     */
    public boolean isCopyManualSnapshots() {
        return copyManualSnapshots;
    }

    /**
     * Whether snapshots of read replicas and replica clusters are copied too. Off, replicas are out of scope: their
     * source is the database to protect, and many engines take no automated snapshots of replicas.
     *
     * @return whether replicas are copied
     * @default false
     */
    public boolean isIncludeReadReplicas() {
        return includeReadReplicas;
    }

    /**
     * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers to copy.
     *
     * @return the patterns; empty for every database
     * @default - every database
     */
    public List<String> getIncludeDbIdentifiers() {
        return includeDbIdentifiers;
    }

    /**
     * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers never to copy; wins over include.
     *
     * @return the patterns
     * @default - none excluded
     */
    public List<String> getExcludeDbIdentifiers() {
        return excludeDbIdentifiers;
    }

    /**
     * Tags a source database must carry (all of them, exact values) to be copied.
     *
     * @return tag key to value
     * @default - no tag filter
     */
    public Map<String, String> getSourceTagFilter() {
        return sourceTagFilter;
    }

    /**
     * Source option group name to the option group to name on the copy in the target region (needed for engines
     * with persistent options, e.g. Oracle TDE).
     *
     * @return source option group to target option group
     * @default - no option group is named on copies
     */
    public Map<String, String> getOptionGroupMapping() {
        return optionGroupMapping;
    }

    /**
     * Most cross-region DB snapshot copies in flight into the target region at once, other tools' copies included.
     * RDS allows 20 per destination region and account; copies beyond this wait for a follow-up sweep, which starts
     * them as slots free.
     *
     * @return the cap, 1 to 20
     * @default 15
     */
    public Number getMaxConcurrentDbSnapshotCopies() {
        return maxConcurrentDbSnapshotCopies;
    }

    /**
     * Most cross-region Aurora DB cluster snapshot copies in flight into the target region at once, other tools'
     * copies included. RDS allows 5 per destination region and account.
     *
     * @return the cap, 1 to 5
     * @default 4
     */
    public Number getMaxConcurrentClusterSnapshotCopies() {
        return maxConcurrentClusterSnapshotCopies;
    }

    /**
     * When true the function logs what it would copy and delete, and changes nothing.
     *
     * @return whether the function only plans
     * @default false
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * How long the function's logs (one line per copy and delete decision) are kept.
     *
     * @return the retention
     * @default RetentionDays.ONE_YEAR
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * KMS key of the stack's region that encrypts the function's log group.
     *
     * <p>The construct adds a statement to the key's policy that lets CloudWatch Logs of this region use it for log
     * groups of this account; for a key imported from elsewhere a synth-time warning names the statement to add.
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
     * Concurrent executions reserved for the function, at least 1; it also caps them.
     *
     * <p>Lambda keeps 10 executions of the account unreserved, so an account with the default quota of 10 cannot
     * reserve any. When set, throttled asynchronous invocations are expected (Lambda retries them for up to 6 hours),
     * so the function-errors alarm counts errors only.
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
     * VPC to place the function in.
     *
     * <p>The function calls the RDS API of the stack's region and of {@code targetRegion} (the copy is requested from
     * the target region). An interface VPC endpoint reaches only its own region's API, so the selected subnets need a
     * route to the target region's endpoint: a NAT gateway, or your own egress. Logs, metrics and the dead-letter
     * queue do not go through the VPC.
     *
     * @return the VPC, or {@code null}
     * @default - the function runs outside any VPC, in the Lambda service's network
     */
    public IVpc getVpc() {
        return vpc;
    }

    /**
     * Subnets of {@code vpc} for the function's network interfaces; they need a route to both regions' RDS API.
     *
     * @return the subnet selection, or {@code null}
     * @default - the VPC's private subnets with egress (the VPC's default selection)
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
     * Age of the newest copy of any database above which the recovery-point alarm fires.
     *
     * @return the threshold, or {@code null}
     * @default - twice the sweep interval derived from {@code schedule}, at least 2 days
     */
    public Duration getRecoveryPointAgeThreshold() {
        return recoveryPointAgeThreshold;
    }

    /**
     * SNS topic notified when an alarm of this construct changes to ALARM or back to OK.
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
     * Whether to alarm when a copy could not be started.
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateCopyFailuresAlarm() {
        return createCopyFailuresAlarm;
    }

    /**
     * Whether to alarm when the dead-letter queue holds a failed invocation or an undeliverable event.
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
     * Whether to alarm when a database has no copy at all or its newest copy is older than the threshold.
     *
     * @return whether the two alarms are defined
     * @default true
     */
    public boolean isCreateRecoveryPointAlarms() {
        return createRecoveryPointAlarms;
    }

    /**
     * Whether to alarm when an in-scope database has its automated backups off, so that RDS takes no snapshot to
     * copy. Such databases are counted apart from the ones without a copy, so they cannot hold that alarm in ALARM.
     *
     * @return whether the alarm is defined
     * @default true
     */
    public boolean isCreateDatabasesWithoutBackupsAlarm() {
        return createDatabasesWithoutBackupsAlarm;
    }

    /**
     * The account of a {@code SnapshotVault} in the target region that copies every copy into its own account, out of
     * reach of this account. Each available copy is shared with it and kept until the vault's own copy exists (the
     * vault shares that copy back as a receipt). Nothing in this construct grants a right in the vault account. The
     * target key's policy must let the vault account use it (see {@code vaultKeyAccess}).
     *
     * @return the vault account id
     * @default - no vault: copies stay in this account
     */
    public String getVaultAccount() {
        return vaultAccount;
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
     * Whether to define a CloudWatch dashboard with the metrics and alarms.
     *
     * @return whether the dashboard is defined
     * @default false
     */
    public boolean isCreateDashboard() {
        return createDashboard;
    }

    /**
     * The restore drill: on its own schedule, restore the newest copy of selected databases in the target region
     * into a throwaway DB instance (Aurora: a cluster and one instance), check it, record the result and delete it.
     * Defines a function of its own, two schedules, a policy and three alarms (README, "Restore drills").
     *
     * @return the drill's options, or {@code null} when there is no drill
     * @default - no drill: nothing is restored and no drill resource is defined
     */
    public RestoreDrillOptions getRestoreDrill() {
        return restoreDrill;
    }

    /** Builder of {@link CrossRegionSnapshotReplicationProps}; each method sets the prop of the same name. */
    public static final class Builder {
        private String targetRegion;
        private IKey targetKey;
        private boolean includeAurora = Settings.INCLUDE_AURORA.defaultBoolean();
        private Schedule schedule;
        private Number retentionKeepLast = Settings.RETENTION_KEEP_LAST.defaultInt();
        private Duration retentionMaxAge;
        private boolean copyManualSnapshots = Settings.COPY_MANUAL_SNAPSHOTS.defaultBoolean();
        private List<String> includeDbIdentifiers = List.of();
        private List<String> excludeDbIdentifiers = List.of();
        private Map<String, String> sourceTagFilter = Map.of();
        private Map<String, String> optionGroupMapping = Map.of();
        private Number maxConcurrentDbSnapshotCopies = Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES.defaultInt();
        private Number maxConcurrentClusterSnapshotCopies =
                Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES.defaultInt();
        private boolean includeReadReplicas = Settings.INCLUDE_READ_REPLICAS.defaultBoolean();
        private boolean dryRun = Settings.DRY_RUN.defaultBoolean();
        private RetentionDays logRetention = RetentionDays.ONE_YEAR;
        private IKey logEncryptionKey;
        private Architecture architecture = Architecture.ARM_64;
        private Number memorySize = DEFAULT_MEMORY_SIZE;
        private Number reservedConcurrentExecutions;
        private Tracing tracing = Tracing.DISABLED;
        private IVpc vpc;
        private SubnetSelection vpcSubnets;
        private List<ISecurityGroup> securityGroups;
        private Duration recoveryPointAgeThreshold;
        private ITopic alarmTopic;
        private IAlarmAction alarmAction;
        private boolean createCopyFailuresAlarm = true;
        private boolean createDeadLetterQueueAlarm = true;
        private boolean createFunctionErrorsAlarm = true;
        private boolean createRecoveryPointAlarms = true;
        private boolean createDatabasesWithoutBackupsAlarm = true;
        private String vaultAccount;
        private boolean createSweepOverdueAlarm = true;
        private boolean createDashboard;
        private RestoreDrillOptions restoreDrill;

        private Builder() {
        }

        /**
         * Region the copies are made in, e.g. {@code eu-central-1}; must differ from the stack's region. Required.
         *
         * @param targetRegion a region name; a name aws-cdk-lib does not know gives a synth-time warning
         * @return this builder
         */
        public Builder targetRegion(String targetRegion) {
            this.targetRegion = targetRegion;
            return this;
        }

        /**
         * KMS key in the target region that re-encrypts copies of encrypted snapshots; import a key of another app
         * with {@code Key.fromKeyArn(this, "TargetKey", arn)}. Aliases are refused.
         *
         * @param targetKey a key of {@code targetRegion}
         * @return this builder
         * @default - none: encrypted snapshots cannot be copied and count as {@code CopyFailures} (a synth-time
         *     warning says so)
         */
        public Builder targetKey(IKey targetKey) {
            this.targetKey = targetKey;
            return this;
        }

        /**
         * Whether Aurora DB cluster snapshots are copied too, not only DB instance snapshots.
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
         * When the sweep runs that copies whatever the events missed and applies the retention rule.
         *
         * @param schedule a rate or cron schedule; the alarm windows are derived from it
         * @return this builder
         * @default - every day at 12:00 UTC ({@code cron(0 12 * * ? *)})
         */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Copies to keep per source database in the target region; older copies made by this construct are deleted.
         *
         * @param retentionKeepLast a whole number from 1 to 10000
         * @return this builder
         * @default 7
         */
        public Builder retentionKeepLast(Number retentionKeepLast) {
            this.retentionKeepLast = Objects.requireNonNull(retentionKeepLast, "retentionKeepLast");
            return this;
        }

        /**
         * Copies older than this are deleted, except the newest copy of each database, which is always kept.
         *
         * @param retentionMaxAge at least 1 day
         * @return this builder
         * @default - no age limit; only {@code retentionKeepLast} applies
         */
        public Builder retentionMaxAge(Duration retentionMaxAge) {
            this.retentionMaxAge = retentionMaxAge;
            return this;
        }

        /**
         * Whether manual snapshots are copied as well as automated ones.
         *
         * @param copyManualSnapshots true to copy manual snapshots too
         * @return this builder
         * @default false
         */
        public Builder copyManualSnapshots(boolean copyManualSnapshots) {
            this.copyManualSnapshots = copyManualSnapshots;
            return this;
        }

        /**
         * Whether snapshots of read replicas and replica clusters are copied too. Off, replicas are out of scope:
         * their source is the database to protect, and many engines take no automated snapshots of replicas.
         *
         * @param includeReadReplicas true to copy replicas too
         * @return this builder
         * @default false
         */
        public Builder includeReadReplicas(boolean includeReadReplicas) {
            this.includeReadReplicas = includeReadReplicas;
            return this;
        }

        /**
         * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers to copy.
         *
         * @param includeDbIdentifiers patterns of letters, digits, hyphens and wildcards
         * @return this builder
         * @default - every database
         */
        public Builder includeDbIdentifiers(List<String> includeDbIdentifiers) {
            this.includeDbIdentifiers = Objects.requireNonNull(includeDbIdentifiers, "includeDbIdentifiers");
            return this;
        }

        /**
         * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers never to copy; wins over
         * include.
         *
         * @param excludeDbIdentifiers patterns of letters, digits, hyphens and wildcards
         * @return this builder
         * @default - none excluded
         */
        public Builder excludeDbIdentifiers(List<String> excludeDbIdentifiers) {
            this.excludeDbIdentifiers = Objects.requireNonNull(excludeDbIdentifiers, "excludeDbIdentifiers");
            return this;
        }

        /**
         * Tags a source database must carry (all of them, exact values) to be copied.
         *
         * @param sourceTagFilter tag key to value
         * @return this builder
         * @default - no tag filter
         */
        public Builder sourceTagFilter(Map<String, String> sourceTagFilter) {
            this.sourceTagFilter = Objects.requireNonNull(sourceTagFilter, "sourceTagFilter");
            return this;
        }

        /**
         * Source option group name to the option group to name on the copy in the target region (needed for engines
         * with persistent options, e.g. Oracle TDE).
         *
         * @param optionGroupMapping source option group to an option group of the target region
         * @return this builder
         * @default - no option group is named on copies
         */
        public Builder optionGroupMapping(Map<String, String> optionGroupMapping) {
            this.optionGroupMapping = Objects.requireNonNull(optionGroupMapping, "optionGroupMapping");
            return this;
        }

        /**
         * Most cross-region DB snapshot copies in flight into the target region at once, other tools' copies
         * included. RDS allows 20 per destination region and account; copies beyond this wait for a follow-up
         * sweep, which starts them as slots free.
         *
         * @param maxConcurrentDbSnapshotCopies a whole number from 1 to 20
         * @return this builder
         * @default 15
         */
        public Builder maxConcurrentDbSnapshotCopies(Number maxConcurrentDbSnapshotCopies) {
            this.maxConcurrentDbSnapshotCopies = Objects.requireNonNull(maxConcurrentDbSnapshotCopies,
                    "maxConcurrentDbSnapshotCopies");
            return this;
        }

        /**
         * Most cross-region Aurora DB cluster snapshot copies in flight into the target region at once, other tools'
         * copies included. RDS allows 5 per destination region and account.
         *
         * @param maxConcurrentClusterSnapshotCopies a whole number from 1 to 5
         * @return this builder
         * @default 4
         */
        public Builder maxConcurrentClusterSnapshotCopies(Number maxConcurrentClusterSnapshotCopies) {
            this.maxConcurrentClusterSnapshotCopies = Objects.requireNonNull(maxConcurrentClusterSnapshotCopies,
                    "maxConcurrentClusterSnapshotCopies");
            return this;
        }

        /**
         * When true the function logs what it would copy and delete, and changes nothing.
         *
         * @param dryRun true to only plan
         * @return this builder
         * @default false
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * How long the function's logs (one line per copy and delete decision) are kept.
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
         * KMS key of the stack's region that encrypts the function's log group; the construct lets CloudWatch Logs of
         * this region use it (or warns which statement to add to an imported key's policy).
         *
         * @param logEncryptionKey a key in the stack's region
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
         * Memory of the function in MiB (128 to 10240); CPU grows with it.
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
         * Concurrent executions reserved for the function, which also caps them. The account must keep 10
         * executions unreserved; the function-errors alarm then counts errors only, since throttled asynchronous
         * invocations are retried by Lambda.
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
         * VPC to place the function in. The selected subnets need a route to the RDS API of the stack's region and
         * of {@code targetRegion}: interface endpoints serve only their own region, so the target region is reached
         * through a NAT gateway or your own egress.
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
         * Subnets of {@code vpc} for the function's network interfaces; they need a route to both regions' RDS API.
         *
         * @param vpcSubnets a subnet selection of {@code vpc}
         * @return this builder
         * @default - the VPC's private subnets with egress (the VPC's default selection)
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
         * Age of the newest copy of any database above which the recovery-point alarm fires.
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
         * SNS topic notified when an alarm of this construct changes to ALARM or back to OK.
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
         * Any other alarm action (e.g. an incident manager action), added next to {@code alarmTopic}.
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
         * Whether to alarm when a copy could not be started.
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
         * Whether to alarm when the dead-letter queue holds a failed invocation or an undeliverable event.
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
         * Whether to alarm on function errors or throttles (errors only with {@code reservedConcurrentExecutions}).
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
         * Whether to alarm when a database has no copy at all or its newest copy is older than the threshold.
         *
         * @param createRecoveryPointAlarms false to leave the two alarms out
         * @return this builder
         * @default true
         */
        public Builder createRecoveryPointAlarms(boolean createRecoveryPointAlarms) {
            this.createRecoveryPointAlarms = createRecoveryPointAlarms;
            return this;
        }

        /**
         * Whether to alarm when an in-scope database has its automated backups off, so that RDS takes no snapshot to
         * copy. Such databases are counted apart from the ones without a copy, so they cannot hold that alarm in ALARM.
         *
         * @param createDatabasesWithoutBackupsAlarm false to leave the alarm out
         * @return this builder
         * @default true
         */
        public Builder createDatabasesWithoutBackupsAlarm(boolean createDatabasesWithoutBackupsAlarm) {
            this.createDatabasesWithoutBackupsAlarm = createDatabasesWithoutBackupsAlarm;
            return this;
        }

        /**
         * The account of a {@code SnapshotVault} in the target region that copies every copy into its own account,
         * out of reach of this account. Each available copy is shared with it and kept until the vault's own copy
         * exists (the vault shares that copy back as a receipt). Nothing in this construct grants a right in the
         * vault account. The target key's policy must let the vault account use it (see {@code vaultKeyAccess}).
         *
         * @param vaultAccount a 12-digit account id, not this stack's
         * @return this builder
         * @default - no vault: copies stay in this account
         */
        public Builder vaultAccount(String vaultAccount) {
            this.vaultAccount = vaultAccount;
            return this;
        }

        /**
         * Whether to alarm when no sweep completed within one schedule interval (missing data counts as overdue).
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
         * Whether to define a CloudWatch dashboard with the metrics and alarms.
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
         * The restore drill: on its own schedule, restore the newest copy of selected databases in the target region
         * into a throwaway DB instance (Aurora: a cluster and one instance), check it, record the result and delete
         * it. Defines a function of its own, two schedules, a policy and three alarms (README, "Restore drills").
         *
         * @param restoreDrill the drill's options, built with {@code RestoreDrillOptions.builder()}
         * @return this builder
         * @default - no drill: nothing is restored and no drill resource is defined
         */
        public Builder restoreDrill(RestoreDrillOptions restoreDrill) {
            this.restoreDrill = restoreDrill;
            return this;
        }

        /**
         * Builds the props; checks only that the required {@code targetRegion} is set.
         *
         * @return the immutable props
         * @throws NullPointerException when {@code targetRegion} is missing
         */
        public CrossRegionSnapshotReplicationProps build() {
            return new CrossRegionSnapshotReplicationProps(this);
        }
    }
}
