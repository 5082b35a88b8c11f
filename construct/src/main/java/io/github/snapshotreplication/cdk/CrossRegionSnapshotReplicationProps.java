package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Properties of a {@link CrossRegionSnapshotReplication}.
 *
 * <p>Immutable; build one with {@link #builder()}. Only {@code targetRegion} is required. Range and format checks
 * run in the construct's constructor, where the stack region is known and tokens can be told apart.
 */
public final class CrossRegionSnapshotReplicationProps {

    /** Default sweep: every day at 12:00 UTC, after the default backup windows of most regions. */
    static final String DEFAULT_SCHEDULE_EXPRESSION = "cron(0 12 * * ? *)";

    private final String targetRegion;
    private final IKey targetKey;
    private final String targetKeyArn;
    private final boolean includeAurora;
    private final Schedule schedule;
    private final Number retentionKeepLast;
    private final Duration retentionMaxAge;
    private final boolean copyManualSnapshots;
    private final boolean includeReadReplicas;
    private final List<String> includeDbIdentifiers;
    private final List<String> excludeDbIdentifiers;
    private final Map<String, String> sourceTagFilter;
    private final Map<String, String> optionGroupMapping;
    private final Number maxConcurrentDbSnapshotCopies;
    private final Number maxConcurrentClusterSnapshotCopies;
    private final RetentionDays logRetention;
    private final Architecture architecture;
    private final Number memorySize;
    private final boolean dryRun;
    private final Duration recoveryPointAgeThreshold;
    private final ITopic alarmTopic;
    private final IAlarmAction alarmAction;
    private final boolean createCopyFailuresAlarm;
    private final boolean createDeadLetterQueueAlarm;
    private final boolean createFunctionErrorsAlarm;
    private final boolean createRecoveryPointAlarms;
    private final boolean createSweepOverdueAlarm;
    private final boolean createDashboard;

    private CrossRegionSnapshotReplicationProps(Builder b) {
        this.targetRegion = Objects.requireNonNull(b.targetRegion,
                "targetRegion is required: set the region the copies go to, e.g. .targetRegion(\"eu-central-1\")");
        this.targetKey = b.targetKey;
        this.targetKeyArn = b.targetKeyArn;
        this.includeAurora = b.includeAurora;
        this.schedule = b.schedule != null ? b.schedule : Schedule.expression(DEFAULT_SCHEDULE_EXPRESSION);
        this.retentionKeepLast = b.retentionKeepLast;
        this.retentionMaxAge = b.retentionMaxAge;
        this.copyManualSnapshots = b.copyManualSnapshots;
        this.includeReadReplicas = b.includeReadReplicas;
        this.includeDbIdentifiers = List.copyOf(b.includeDbIdentifiers);
        this.excludeDbIdentifiers = List.copyOf(b.excludeDbIdentifiers);
        this.sourceTagFilter = Map.copyOf(b.sourceTagFilter);
        this.optionGroupMapping = Map.copyOf(b.optionGroupMapping);
        this.maxConcurrentDbSnapshotCopies = b.maxConcurrentDbSnapshotCopies;
        this.maxConcurrentClusterSnapshotCopies = b.maxConcurrentClusterSnapshotCopies;
        this.logRetention = b.logRetention;
        this.architecture = b.architecture;
        this.memorySize = b.memorySize;
        this.dryRun = b.dryRun;
        this.recoveryPointAgeThreshold = b.recoveryPointAgeThreshold;
        this.alarmTopic = b.alarmTopic;
        this.alarmAction = b.alarmAction;
        this.createCopyFailuresAlarm = b.createCopyFailuresAlarm;
        this.createDeadLetterQueueAlarm = b.createDeadLetterQueueAlarm;
        this.createFunctionErrorsAlarm = b.createFunctionErrorsAlarm;
        this.createRecoveryPointAlarms = b.createRecoveryPointAlarms;
        this.createSweepOverdueAlarm = b.createSweepOverdueAlarm;
        this.createDashboard = b.createDashboard;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Region the copies are made in, e.g. {@code eu-central-1}; must differ from the stack's region. */
    public String getTargetRegion() {
        return targetRegion;
    }

    /**
     * KMS key in the target region that re-encrypts copies of encrypted snapshots. Give this or {@code targetKeyArn}.
     *
     * @default - none: encrypted snapshots cannot be copied (a synth-time warning says so)
     */
    public IKey getTargetKey() {
        return targetKey;
    }

    /**
     * ARN of the KMS key in the target region ({@code arn:aws:kms:<targetRegion>:<account>:key/<id>}), for keys that
     * live outside this CDK app. Give this or {@code targetKey}.
     *
     * @default - none: encrypted snapshots cannot be copied (a synth-time warning says so)
     */
    public String getTargetKeyArn() {
        return targetKeyArn;
    }

    /**
     * Whether Aurora DB cluster snapshots are copied too, not only DB instance snapshots.
     *
     * @default false
     */
    public boolean isIncludeAurora() {
        return includeAurora;
    }

    /**
     * When the sweep runs that copies whatever the events missed and applies the retention rule.
     *
     * @default - every day at 12:00 UTC ({@code cron(0 12 * * ? *)})
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Copies to keep per source database in the target region; older copies made by this construct are deleted.
     *
     * @default 7
     */
    public Number getRetentionKeepLast() {
        return retentionKeepLast;
    }

    /**
     * Copies older than this are deleted, except the newest copy of each database, which is always kept.
     *
     * @default - no age limit; only {@code retentionKeepLast} applies
     */
    public Duration getRetentionMaxAge() {
        return retentionMaxAge;
    }

    /**
     * Whether manual snapshots are copied as well as automated ones.
     *
     * @default false
     */
    public boolean isCopyManualSnapshots() {
        return copyManualSnapshots;
    }

    /**
     * Whether snapshots of read replicas and replica clusters are copied too. Off, replicas are out of scope: their
     * source is the database to protect, and many engines take no automated snapshots of replicas.
     *
     * @default false
     */
    public boolean isIncludeReadReplicas() {
        return includeReadReplicas;
    }

    /**
     * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers to copy.
     *
     * @default - every database
     */
    public List<String> getIncludeDbIdentifiers() {
        return includeDbIdentifiers;
    }

    /**
     * Glob patterns ({@code *}, {@code ?}) of DB instance and DB cluster identifiers never to copy; wins over include.
     *
     * @default - none excluded
     */
    public List<String> getExcludeDbIdentifiers() {
        return excludeDbIdentifiers;
    }

    /**
     * Tags a source database must carry (all of them, exact values) to be copied.
     *
     * @default - no tag filter
     */
    public Map<String, String> getSourceTagFilter() {
        return sourceTagFilter;
    }

    /**
     * Source option group name to the option group to name on the copy in the target region (needed for engines
     * with persistent options, e.g. Oracle TDE).
     *
     * @default - no option group is named on copies
     */
    public Map<String, String> getOptionGroupMapping() {
        return optionGroupMapping;
    }

    /**
     * Most cross-region DB snapshot copies in flight into the target region at once, other tools' copies included.
     * RDS allows 20 per destination region and account; copies beyond this wait for a follow-up sweep, which starts
     * them as slots free. 1 to 20.
     *
     * @default 15
     */
    public Number getMaxConcurrentDbSnapshotCopies() {
        return maxConcurrentDbSnapshotCopies;
    }

    /**
     * Most cross-region Aurora DB cluster snapshot copies in flight into the target region at once, other tools'
     * copies included. RDS allows 5 per destination region and account. 1 to 5.
     *
     * @default 4
     */
    public Number getMaxConcurrentClusterSnapshotCopies() {
        return maxConcurrentClusterSnapshotCopies;
    }

    /**
     * How long the function's logs (one line per copy and delete decision) are kept.
     *
     * @default RetentionDays.ONE_YEAR
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * Instruction set of the function.
     *
     * @default Architecture.ARM_64
     */
    public Architecture getArchitecture() {
        return architecture;
    }

    /**
     * Memory of the function in MiB (128 to 10240); CPU grows with it.
     *
     * @default 1024
     */
    public Number getMemorySize() {
        return memorySize;
    }

    /**
     * When true the function logs what it would copy and delete, and changes nothing.
     *
     * @default false
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * Age of the newest copy of any database above which the recovery-point alarm fires.
     *
     * @default - twice the sweep interval derived from {@code schedule} (2 days for a daily schedule)
     */
    public Duration getRecoveryPointAgeThreshold() {
        return recoveryPointAgeThreshold;
    }

    /**
     * SNS topic notified when an alarm of this construct changes to ALARM or back to OK.
     *
     * @default - no notification; the alarms are only visible in CloudWatch
     */
    public ITopic getAlarmTopic() {
        return alarmTopic;
    }

    /**
     * Any other alarm action (e.g. an incident manager action), added next to {@code alarmTopic}.
     *
     * @default - none
     */
    public IAlarmAction getAlarmAction() {
        return alarmAction;
    }

    /**
     * Whether to alarm when a copy could not be started.
     *
     * @default true
     */
    public boolean isCreateCopyFailuresAlarm() {
        return createCopyFailuresAlarm;
    }

    /**
     * Whether to alarm when the dead-letter queue holds a failed invocation.
     *
     * @default true
     */
    public boolean isCreateDeadLetterQueueAlarm() {
        return createDeadLetterQueueAlarm;
    }

    /**
     * Whether to alarm on function errors or throttles.
     *
     * @default true
     */
    public boolean isCreateFunctionErrorsAlarm() {
        return createFunctionErrorsAlarm;
    }

    /**
     * Whether to alarm when a database has no copy at all or its newest copy is older than the threshold.
     *
     * @default true
     */
    public boolean isCreateRecoveryPointAlarms() {
        return createRecoveryPointAlarms;
    }

    /**
     * Whether to alarm when no sweep completed within one schedule interval (missing data counts as overdue).
     *
     * @default true
     */
    public boolean isCreateSweepOverdueAlarm() {
        return createSweepOverdueAlarm;
    }

    /**
     * Whether to define a CloudWatch dashboard with the metrics and alarms.
     *
     * @default false
     */
    public boolean isCreateDashboard() {
        return createDashboard;
    }

    /** Builder of {@link CrossRegionSnapshotReplicationProps}; each method documents its prop by reference. */
    public static final class Builder {
        private String targetRegion;
        private IKey targetKey;
        private String targetKeyArn;
        private boolean includeAurora;
        private Schedule schedule;
        private Number retentionKeepLast = Settings.RETENTION_KEEP_LAST.defaultInt();
        private Duration retentionMaxAge;
        private boolean copyManualSnapshots;
        private boolean includeReadReplicas;
        private List<String> includeDbIdentifiers = List.of();
        private List<String> excludeDbIdentifiers = List.of();
        private Map<String, String> sourceTagFilter = Map.of();
        private Map<String, String> optionGroupMapping = Map.of();
        private Number maxConcurrentDbSnapshotCopies = Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES.defaultInt();
        private Number maxConcurrentClusterSnapshotCopies = Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES.defaultInt();
        private RetentionDays logRetention = RetentionDays.ONE_YEAR;
        private Architecture architecture = Architecture.ARM_64;
        private Number memorySize = 1024;
        private boolean dryRun;
        private Duration recoveryPointAgeThreshold;
        private ITopic alarmTopic;
        private IAlarmAction alarmAction;
        private boolean createCopyFailuresAlarm = true;
        private boolean createDeadLetterQueueAlarm = true;
        private boolean createFunctionErrorsAlarm = true;
        private boolean createRecoveryPointAlarms = true;
        private boolean createSweepOverdueAlarm = true;
        private boolean createDashboard;

        private Builder() {
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getTargetRegion()} @return this */
        public Builder targetRegion(String v) {
            this.targetRegion = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getTargetKey()} @return this */
        public Builder targetKey(IKey v) {
            this.targetKey = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getTargetKeyArn()} @return this */
        public Builder targetKeyArn(String v) {
            this.targetKeyArn = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isIncludeAurora()} @return this */
        public Builder includeAurora(boolean v) {
            this.includeAurora = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getSchedule()} @return this */
        public Builder schedule(Schedule v) {
            this.schedule = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getRetentionKeepLast()} @return this */
        public Builder retentionKeepLast(Number v) {
            this.retentionKeepLast = Objects.requireNonNull(v, "retentionKeepLast");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getRetentionMaxAge()} @return this */
        public Builder retentionMaxAge(Duration v) {
            this.retentionMaxAge = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCopyManualSnapshots()} @return this */
        public Builder copyManualSnapshots(boolean v) {
            this.copyManualSnapshots = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isIncludeReadReplicas()} @return this */
        public Builder includeReadReplicas(boolean v) {
            this.includeReadReplicas = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getIncludeDbIdentifiers()} @return this */
        public Builder includeDbIdentifiers(List<String> v) {
            this.includeDbIdentifiers = Objects.requireNonNull(v, "includeDbIdentifiers");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getExcludeDbIdentifiers()} @return this */
        public Builder excludeDbIdentifiers(List<String> v) {
            this.excludeDbIdentifiers = Objects.requireNonNull(v, "excludeDbIdentifiers");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getSourceTagFilter()} @return this */
        public Builder sourceTagFilter(Map<String, String> v) {
            this.sourceTagFilter = Objects.requireNonNull(v, "sourceTagFilter");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getOptionGroupMapping()} @return this */
        public Builder optionGroupMapping(Map<String, String> v) {
            this.optionGroupMapping = Objects.requireNonNull(v, "optionGroupMapping");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getMaxConcurrentDbSnapshotCopies()} @return this */
        public Builder maxConcurrentDbSnapshotCopies(Number v) {
            this.maxConcurrentDbSnapshotCopies = Objects.requireNonNull(v, "maxConcurrentDbSnapshotCopies");
            return this;
        }

        /**
         * @param v see {@link CrossRegionSnapshotReplicationProps#getMaxConcurrentClusterSnapshotCopies()}
         * @return this
         */
        public Builder maxConcurrentClusterSnapshotCopies(Number v) {
            this.maxConcurrentClusterSnapshotCopies = Objects.requireNonNull(v, "maxConcurrentClusterSnapshotCopies");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getLogRetention()} @return this */
        public Builder logRetention(RetentionDays v) {
            this.logRetention = Objects.requireNonNull(v, "logRetention");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getArchitecture()} @return this */
        public Builder architecture(Architecture v) {
            this.architecture = Objects.requireNonNull(v, "architecture");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getMemorySize()} @return this */
        public Builder memorySize(Number v) {
            this.memorySize = Objects.requireNonNull(v, "memorySize");
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isDryRun()} @return this */
        public Builder dryRun(boolean v) {
            this.dryRun = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getRecoveryPointAgeThreshold()} @return this */
        public Builder recoveryPointAgeThreshold(Duration v) {
            this.recoveryPointAgeThreshold = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getAlarmTopic()} @return this */
        public Builder alarmTopic(ITopic v) {
            this.alarmTopic = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#getAlarmAction()} @return this */
        public Builder alarmAction(IAlarmAction v) {
            this.alarmAction = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateCopyFailuresAlarm()} @return this */
        public Builder createCopyFailuresAlarm(boolean v) {
            this.createCopyFailuresAlarm = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateDeadLetterQueueAlarm()} @return this */
        public Builder createDeadLetterQueueAlarm(boolean v) {
            this.createDeadLetterQueueAlarm = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateFunctionErrorsAlarm()} @return this */
        public Builder createFunctionErrorsAlarm(boolean v) {
            this.createFunctionErrorsAlarm = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateRecoveryPointAlarms()} @return this */
        public Builder createRecoveryPointAlarms(boolean v) {
            this.createRecoveryPointAlarms = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateSweepOverdueAlarm()} @return this */
        public Builder createSweepOverdueAlarm(boolean v) {
            this.createSweepOverdueAlarm = v;
            return this;
        }

        /** @param v see {@link CrossRegionSnapshotReplicationProps#isCreateDashboard()} @return this */
        public Builder createDashboard(boolean v) {
            this.createDashboard = v;
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
