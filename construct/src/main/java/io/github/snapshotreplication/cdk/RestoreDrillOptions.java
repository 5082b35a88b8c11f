package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Schedule;

/**
 * Options of the restore drill of a {@link CrossRegionSnapshotReplication}: on its own schedule, the drill restores
 * the newest copy of selected databases in the target region into a throwaway DB instance (Aurora: a DB cluster and
 * one instance), checks it, records the result and deletes what it created.
 *
 * <p>Immutable; build one with {@link #builder()} and pass it to
 * {@code CrossRegionSnapshotReplicationProps.builder().restoreDrill(...)}. {@code subnetGroupName} and
 * {@code securityGroupIds} are required. Range and format checks run in the construct's constructor; messages name
 * each option as {@code restoreDrill.<option>}. The defaults, bounds and meaning of each option are those of the
 * engine's settings ({@code Settings.DRILL_*} of the contract module).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html">Restoring
 *     to a DB instance</a>
 */
public final class RestoreDrillOptions {

    /** Default round: every Sunday at 03:00 UTC. */
    static final String DEFAULT_SCHEDULE_EXPRESSION = "cron(0 3 ? * SUN *)";

    private final String subnetGroupName;
    private final List<String> securityGroupIds;
    private final Map<String, String> instanceClasses;
    private final Number maxConcurrentDrills;
    private final Duration maxDrillDuration;
    private final Number databasesPerRound;
    private final List<String> databases;
    private final Map<String, String> sourceTagFilter;
    private final Duration successWindow;
    private final Schedule schedule;
    private final boolean createDrillAlarms;

    private RestoreDrillOptions(Builder b) {
        this.subnetGroupName = Objects.requireNonNull(b.subnetGroupName, "restoreDrill.subnetGroupName is required:"
                + " set the DB subnet group of the target region the drill databases are placed in");
        this.securityGroupIds = List.copyOf(Objects.requireNonNull(b.securityGroupIds, "restoreDrill.securityGroupIds"
                + " is required: set 1 to 5 VPC security groups of the subnet group's VPC, without inbound rules"));
        this.instanceClasses = Map.copyOf(b.instanceClasses);
        this.maxConcurrentDrills = b.maxConcurrentDrills;
        this.maxDrillDuration = b.maxDrillDuration;
        this.databasesPerRound = b.databasesPerRound;
        this.databases = List.copyOf(b.databases);
        this.sourceTagFilter = Map.copyOf(b.sourceTagFilter);
        this.successWindow = b.successWindow;
        this.schedule = b.schedule != null ? b.schedule : Schedule.expression(DEFAULT_SCHEDULE_EXPRESSION);
        this.createDrillAlarms = b.createDrillAlarms;
    }

    /**
     * Starts the options of a restore drill.
     *
     * @return a new builder with every optional option at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The DB subnet group of the target region the drill databases are placed in: private subnets, the drill
     * database is never public.
     *
     * @return the subnet group's name
     */
    public String getSubnetGroupName() {
        return subnetGroupName;
    }

    /**
     * The VPC security groups of the drill databases, in the VPC of the subnet group; give one without inbound rules.
     *
     * @return 1 to 5 security group ids
     */
    public List<String> getSecurityGroupIds() {
        return securityGroupIds;
    }

    /**
     * DB instance classes per engine or engine family ({@code mysql}, {@code aurora-postgresql}, {@code oracle},
     * {@code sqlserver-se}...); each entry replaces the default of the same key.
     *
     * @return engine or family to instance class, the entries given
     * @default - {@link Settings#DEFAULT_DRILL_INSTANCE_CLASSES}: the smallest class each engine supports in
     *     general, e.g. {@code db.t4g.micro} for PostgreSQL and {@code db.t4g.medium} for Aurora
     */
    public Map<String, String> getInstanceClasses() {
        return instanceClasses;
    }

    /**
     * Drills in progress at once; the rest of a round waits for a free slot. 1 to 20.
     *
     * @return the cap
     * @default 2
     */
    public Number getMaxConcurrentDrills() {
        return maxConcurrentDrills;
    }

    /**
     * How long a drill may take: a drill database older than this is deleted by the next run and the drill counted
     * as failed (timed out). At least 1 hour.
     *
     * @return the cap
     * @default Duration.hours(6)
     */
    public Duration getMaxDrillDuration() {
        return maxDrillDuration;
    }

    /**
     * Databases drilled per round, those with the oldest successful drill first (never drilled first), so that a
     * large fleet is covered in rotation.
     *
     * @return the number, or {@code null} for every selected database
     * @default - every selected database each round
     */
    public Number getDatabasesPerRound() {
        return databasesPerRound;
    }

    /**
     * Identifier globs ({@code *}, {@code ?}, case-insensitive) of the replicated databases to drill.
     *
     * @return the globs
     * @default - every replicated database
     */
    public List<String> getDatabases() {
        return databases;
    }

    /**
     * Tags a replicated source database must carry, all of them, with these exact values, to be drilled.
     *
     * @return tag key to value
     * @default - no tag filter
     */
    public Map<String, String> getSourceTagFilter() {
        return sourceTagFilter;
    }

    /**
     * How long a selected database may go without a successful drill (never drilled: since its first drill
     * request) before it counts in {@code DatabasesWithoutRecentDrill} and the alarm fires. At least 1 day, and
     * longer than the interval of {@code schedule}.
     *
     * @return the window
     * @default Duration.days(15)
     */
    public Duration getSuccessWindow() {
        return successWindow;
    }

    /**
     * When a round starts: it picks the databases to drill. Drills then move on every 5 minutes.
     *
     * @return the schedule
     * @default - every Sunday at 03:00 UTC ({@code cron(0 3 ? * SUN *)})
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * Whether to define the drill's alarms: a drill failed, a database without a successful drill within
     * {@code successWindow} (or no drill run reporting), a drill database that could not be deleted.
     *
     * @return whether the alarms are defined
     * @default true
     */
    public boolean isCreateDrillAlarms() {
        return createDrillAlarms;
    }

    /** Builder of {@link RestoreDrillOptions}; each method sets the option of the same name. */
    public static final class Builder {
        private String subnetGroupName;
        private List<String> securityGroupIds;
        private Map<String, String> instanceClasses = Map.of();
        private Number maxConcurrentDrills = Settings.DRILL_MAX_CONCURRENT.defaultInt();
        private Duration maxDrillDuration = defaultDuration(Settings.DRILL_MAX_DURATION.defaultValue().orElseThrow());
        private Number databasesPerRound;
        private List<String> databases = List.of();
        private Map<String, String> sourceTagFilter = Map.of();
        private Duration successWindow = defaultDuration(Settings.DRILL_SUCCESS_WINDOW.defaultValue().orElseThrow());
        private Schedule schedule;
        private boolean createDrillAlarms = true;

        private Builder() {
        }

        /**
         * The DB subnet group of the target region the drill databases are placed in: private subnets, the drill
         * database is never public. Required.
         *
         * @param subnetGroupName the name of an existing DB subnet group in the target region
         * @return this builder
         */
        public Builder subnetGroupName(String subnetGroupName) {
            this.subnetGroupName = subnetGroupName;
            return this;
        }

        /**
         * The VPC security groups of the drill databases, in the VPC of the subnet group; give one without inbound
         * rules. Required.
         *
         * @param securityGroupIds 1 to 5 ids such as {@code sg-0123456789abcdef0}
         * @return this builder
         */
        public Builder securityGroupIds(List<String> securityGroupIds) {
            this.securityGroupIds = securityGroupIds;
            return this;
        }

        /**
         * DB instance classes per engine or engine family ({@code mysql}, {@code aurora-postgresql},
         * {@code oracle}, {@code sqlserver-se}...); each entry replaces the default of the same key.
         * {@code db.serverless} is refused: the drill configures no Aurora Serverless v2 scaling.
         *
         * @param instanceClasses engine or family to instance class, e.g. {@code Map.of("postgres", "db.t4g.small")}
         * @return this builder
         * @default - {@link Settings#DEFAULT_DRILL_INSTANCE_CLASSES}: the smallest class each engine supports in
         *     general, e.g. {@code db.t4g.micro} for PostgreSQL and {@code db.t4g.medium} for Aurora
         */
        public Builder instanceClasses(Map<String, String> instanceClasses) {
            this.instanceClasses = Objects.requireNonNull(instanceClasses, "instanceClasses");
            return this;
        }

        /**
         * Drills in progress at once; the rest of a round waits for a free slot. 1 to 20.
         *
         * @param maxConcurrentDrills the cap; each drill counts against the DB instance quota of the target region
         * @return this builder
         * @default 2
         */
        public Builder maxConcurrentDrills(Number maxConcurrentDrills) {
            this.maxConcurrentDrills = Objects.requireNonNull(maxConcurrentDrills, "maxConcurrentDrills");
            return this;
        }

        /**
         * How long a drill may take: a drill database older than this is deleted by the next run and the drill
         * counted as failed (timed out). At least 1 hour.
         *
         * @param maxDrillDuration the cap
         * @return this builder
         * @default Duration.hours(6)
         */
        public Builder maxDrillDuration(Duration maxDrillDuration) {
            this.maxDrillDuration = Objects.requireNonNull(maxDrillDuration, "maxDrillDuration");
            return this;
        }

        /**
         * Databases drilled per round, those with the oldest successful drill first (never drilled first), so that
         * a large fleet is covered in rotation.
         *
         * @param databasesPerRound 1 to 10,000
         * @return this builder
         * @default - every selected database each round
         */
        public Builder databasesPerRound(Number databasesPerRound) {
            this.databasesPerRound = databasesPerRound;
            return this;
        }

        /**
         * Identifier globs ({@code *}, {@code ?}, case-insensitive) of the replicated databases to drill.
         *
         * @param databases globs such as {@code orders-*}
         * @return this builder
         * @default - every replicated database
         */
        public Builder databases(List<String> databases) {
            this.databases = Objects.requireNonNull(databases, "databases");
            return this;
        }

        /**
         * Tags a replicated source database must carry, all of them, with these exact values, to be drilled.
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
         * How long a selected database may go without a successful drill (never drilled: since its first drill
         * request) before it counts in {@code DatabasesWithoutRecentDrill} and the alarm fires. At least 1 day, and
         * longer than the interval of {@code schedule}.
         *
         * @param successWindow the window
         * @return this builder
         * @default Duration.days(15)
         */
        public Builder successWindow(Duration successWindow) {
            this.successWindow = Objects.requireNonNull(successWindow, "successWindow");
            return this;
        }

        /**
         * When a round starts: it picks the databases to drill. Drills then move on every 5 minutes.
         *
         * @param schedule an EventBridge schedule, e.g. {@code Schedule.expression("cron(0 3 ? * SAT *)")}
         * @return this builder
         * @default - every Sunday at 03:00 UTC ({@code cron(0 3 ? * SUN *)})
         */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Whether to define the drill's alarms: a drill failed, a database without a successful drill within
         * {@code successWindow} (or no drill run reporting), a drill database that could not be deleted.
         *
         * @param createDrillAlarms false to leave the three alarms out
         * @return this builder
         * @default true
         */
        public Builder createDrillAlarms(boolean createDrillAlarms) {
            this.createDrillAlarms = createDrillAlarms;
            return this;
        }

        /**
         * Builds the options; checks only that {@code subnetGroupName} and {@code securityGroupIds} are set.
         *
         * @return the immutable options
         * @throws NullPointerException when a required option is missing
         */
        public RestoreDrillOptions build() {
            return new RestoreDrillOptions(this);
        }

        /** The contract's defaults are ISO-8601 durations such as {@code PT6H} and {@code P15D}. */
        private static Duration defaultDuration(String iso) {
            return Duration.parse(iso);
        }
    }
}
