package io.github.snapshotreplication.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.snapshotreplication.contract.Setting.Format;

/**
 * Every setting of the replication engine, written once: the construct sets each one from its prop (or itself, for
 * {@link #REPLICATION_ID}), the Lambda reads each one from its environment variable at cold start, and both use the
 * defaults and bounds given here. docs/lambda-configuration.md lists them; a test keeps that page in step.
 */
public final class Settings {

    /** Set by the Lambda runtime, not by the construct: the source region. */
    public static final String AWS_REGION = "AWS_REGION";

    /** Region the copies are made in. Required. */
    public static final Setting TARGET_REGION = Setting.of("TARGET_REGION", "targetRegion", Format.REGION, null,
            "region the copies are made in; must differ from the source region");

    /** KMS key of the target region that re-encrypts copies of encrypted snapshots. */
    public static final Setting TARGET_KMS_KEY_ARN = Setting.of("TARGET_KMS_KEY_ARN", "targetKey",
            Format.KMS_KEY_ARN, null, "KMS key in the target region that re-encrypts copies of encrypted snapshots;"
                    + " unset: encrypted snapshots are not copied");

    /** The installation's id: value of the managed-by tag, metric dimension. Set by the construct. Required. */
    public static final Setting REPLICATION_ID = Setting.of("REPLICATION_ID", null, Format.TAG_VALUE, null,
            "the installation's id: value of the managed-by tag on its copies and the ReplicationId metric dimension;"
                    + " the construct derives it from its path");

    /** Copy Aurora DB cluster snapshots too. */
    public static final Setting INCLUDE_AURORA = Setting.of("INCLUDE_AURORA_CLUSTERS", "includeAurora",
            Format.BOOLEAN, "false", "also copy Aurora DB cluster snapshots");

    /** Copy manual snapshots too. */
    public static final Setting COPY_MANUAL_SNAPSHOTS = Setting.of("COPY_MANUAL_SNAPSHOTS", "copyManualSnapshots",
            Format.BOOLEAN, "false", "also copy manual snapshots, not only automated ones");

    /** Read replicas and replica clusters are in scope too. */
    public static final Setting INCLUDE_READ_REPLICAS = Setting.of("INCLUDE_READ_REPLICAS", "includeReadReplicas",
            Format.BOOLEAN, "false", "also copy snapshots of read replicas and replica clusters; off, their source is"
                    + " the database to protect");

    /** Copies kept per source database. */
    public static final Setting RETENTION_KEEP_LAST = Setting.wholeNumber("RETENTION_KEEP_LAST",
            "retentionKeepLast", 7, 1, 10_000, "keep at least the newest copy; copies count against the manual"
                    + " snapshot quota of the target region", "copies kept per source database");

    /** Copies older than this are deleted, except the newest of each database. Unset: no age limit. */
    public static final Setting RETENTION_MAX_AGE = Setting.duration("RETENTION_MAX_AGE", "retentionMaxAge", 86_400,
            "a shorter age would delete copies before the next daily sweep can replace them",
            "copies whose source snapshot is older are deleted, except the newest copy of each database;"
                    + " unset: no age limit");

    /** Identifier globs of the databases to copy. Unset: every database. */
    public static final Setting INCLUDE_DB_IDENTIFIERS = Setting.of("INCLUDE_DB_IDENTIFIERS", "includeDbIdentifiers",
            Format.GLOB_LIST, null, "DB instance and cluster identifiers to copy (* and ?, case-insensitive);"
                    + " unset: every database");

    /** Identifier globs of the databases never to copy. */
    public static final Setting EXCLUDE_DB_IDENTIFIERS = Setting.of("EXCLUDE_DB_IDENTIFIERS", "excludeDbIdentifiers",
            Format.GLOB_LIST, null, "DB instance and cluster identifiers never to copy; wins over include");

    /** Tags a source database must carry. */
    public static final Setting SOURCE_TAG_FILTER = Setting.of("SOURCE_TAG_FILTER", "sourceTagFilter",
            Format.STRING_MAP, null, "tags a source database must carry, all of them, with these exact values");

    /** Source option group to the option group named on the copy. */
    public static final Setting OPTION_GROUP_MAPPING = Setting.of("OPTION_GROUP_MAPPING", "optionGroupMapping",
            Format.STRING_MAP, null, "source option group to the option group of the target region named on the"
                    + " copy");

    /** Cross-region DB snapshot copies in flight into the target region. */
    public static final Setting MAX_CONCURRENT_DB_SNAPSHOT_COPIES = Setting.wholeNumber(
            "MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "maxConcurrentDbSnapshotCopies", 15, 1, 20, "RDS allows 20 DB"
                    + " snapshot copies in progress per destination region and account (docs/aws-references.md#q1);"
                    + " the default leaves 5 for other tools", "cross-region DB snapshot copies in flight into the"
                    + " target region at once, other tools' copies included");

    /** Cross-region Aurora cluster snapshot copies in flight into the target region. */
    public static final Setting MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES = Setting.wholeNumber(
            "MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", "maxConcurrentClusterSnapshotCopies", 4, 1, 5, "RDS allows 5"
                    + " DB cluster snapshot copies in progress per destination region and account"
                    + " (docs/aws-references.md#q2); the default leaves 1 for other tools", "cross-region DB cluster"
                    + " snapshot copies in flight into the target region at once, other tools' copies included");

    /** The rule that starts follow-up sweeps while copies wait. Set by the construct. */
    public static final Setting FOLLOW_UP_RULE_NAME = Setting.of("FOLLOW_UP_RULE_NAME", null, Format.RESOURCE_NAME,
            null, "EventBridge rule the function enables while copies wait, so a follow-up sweep starts them as"
                    + " slots free, and disables when none wait; unset: waiting copies start at the next scheduled"
                    + " sweep");

    /** Source side: the vault account that receives every copy. */
    public static final Setting VAULT_ACCOUNT = Setting.of("VAULT_ACCOUNT", "vaultAccount", Format.ACCOUNT_ID, null,
            "source side: the account of the SnapshotVault that copies every copy into its own account; each copy is"
                    + " shared with it and kept until the vault's copy exists; unset: no vault");

    /** Vault side: the accounts whose shared copies the vault copies. */
    public static final Setting VAULT_SOURCE_ACCOUNTS = Setting.accountList("VAULT_SOURCE_ACCOUNTS",
            "sourceAccounts", 1, 20, "the vault's role names each account's snapshots and keys, and those"
                    + " statements must fit one managed policy (6,144 characters); use a second vault for more",
            "vault side: the accounts whose shared copies the vault copies; snapshots shared by any other account are"
                    + " ignored");

    /** Vault side: the vault's own KMS key, which encrypts its copies of encrypted snapshots. */
    public static final Setting VAULT_KMS_KEY_ARN = Setting.of("VAULT_KMS_KEY_ARN", "encryptionKey",
            Format.KMS_KEY_ARN, null, "vault side: the vault account's KMS key that encrypts its copies of encrypted"
                    + " snapshots");

    /** Vault side: how long each copy is kept at least. */
    public static final Setting VAULT_RETENTION = Setting.duration("VAULT_RETENTION", "retention", "P35D", 86_400,
            "a copy younger than a day would be gone before the next sweep could notice a problem",
            "vault side: each copy is kept at least this long, counted from its source snapshot, and the newest copy"
                    + " of a database always; no count-based rule, so snapshots a compromised source shares can never"
                    + " push the vault's copies out");

    /**
     * The instance class a restore drill uses per engine, when {@link #DRILL_INSTANCE_CLASSES} names none: the
     * smallest class each engine supports in general (docs/aws-references.md#r13). Keys are an engine name or its
     * family, the part before the first hyphen ({@code oracle} for {@code oracle-se2}); the engine name wins.
     */
    public static final Map<String, String> DEFAULT_DRILL_INSTANCE_CLASSES = defaultDrillInstanceClasses();

    /** Drill: the DB subnet group of the target region the drill databases are placed in. */
    public static final Setting DRILL_SUBNET_GROUP = Setting.of("DRILL_SUBNET_GROUP", "restoreDrill.subnetGroupName",
            Format.DB_SUBNET_GROUP_NAME, null, "restore drill: the DB subnet group of the target region the drill"
                    + " databases are placed in; private subnets, the drill database is never public");

    /** Drill: the security groups of the drill databases. */
    public static final Setting DRILL_SECURITY_GROUPS = Setting.list("DRILL_SECURITY_GROUP_IDS",
            "restoreDrill.securityGroupIds", Format.SECURITY_GROUP_LIST, 1, 5, "RDS allows 5 VPC security groups on"
                    + " a DB instance", "restore drill: the VPC security groups of the drill databases, in the VPC of"
                    + " the subnet group; give one without inbound rules");

    /** Drill: instance classes per engine, over {@link #DEFAULT_DRILL_INSTANCE_CLASSES}. */
    public static final Setting DRILL_INSTANCE_CLASSES = Setting.of("DRILL_INSTANCE_CLASSES",
            "restoreDrill.instanceClasses", Format.STRING_MAP, toJson(DEFAULT_DRILL_INSTANCE_CLASSES),
            "restore drill: the DB instance class per engine or engine family (mysql, aurora-postgresql, oracle,"
                    + " sqlserver-se...); entries replace the defaults of the same key");

    /** Drill: drill databases alive at once. */
    public static final Setting DRILL_MAX_CONCURRENT = Setting.wholeNumber("DRILL_MAX_CONCURRENT",
            "restoreDrill.maxConcurrentDrills", 2, 1, 20, "each drill is a DB instance (Aurora: a cluster and an"
                    + " instance) that counts against the DB instance quota of the target region, 40 by default",
            "restore drill: drills in progress at once; the rest of a round waits for a free slot");

    /** Drill: how long a drill may take before its databases are deleted whatever their state. */
    public static final Setting DRILL_MAX_DURATION = Setting.duration("DRILL_MAX_DURATION",
            "restoreDrill.maxDrillDuration", "PT6H", 3_600, "a restore of even a small database takes tens of"
                    + " minutes", "restore drill: a drill database older than this is deleted by the next run and"
                    + " the drill counted as failed (timed out)");

    /** Drill: databases picked per round. Unset: every selected database. */
    public static final Setting DRILL_DATABASES_PER_ROUND = Setting.optionalWholeNumber("DRILL_DATABASES_PER_ROUND",
            "restoreDrill.databasesPerRound", 1, 10_000, null, "restore drill: databases drilled per round, those"
                    + " with the oldest successful drill first (never drilled first), so a large fleet is covered in"
                    + " rotation; unset: every selected database each round");

    /** Drill: identifier globs of the databases to drill. Unset: every replicated database. */
    public static final Setting DRILL_DB_IDENTIFIERS = Setting.of("DRILL_DB_IDENTIFIERS",
            "restoreDrill.databases", Format.GLOB_LIST, null, "restore drill: identifiers of the replicated"
                    + " databases to drill (* and ?, case-insensitive); unset: every replicated database");

    /** Drill: tags a source database must carry to be drilled. */
    public static final Setting DRILL_SOURCE_TAG_FILTER = Setting.of("DRILL_SOURCE_TAG_FILTER",
            "restoreDrill.sourceTagFilter", Format.STRING_MAP, null, "restore drill: tags a replicated source"
                    + " database must carry, all of them, with these exact values, to be drilled");

    /** Drill: how long a selected database may go without a successful drill before it counts as overdue. */
    public static final Setting DRILL_SUCCESS_WINDOW = Setting.duration("DRILL_SUCCESS_WINDOW",
            "restoreDrill.successWindow", "P15D", 86_400, "drills run at most every few hours",
            "restore drill: a selected database whose last successful drill (or, never drilled, whose first drill"
                    + " request) is older than this counts in DatabasesWithoutRecentDrill");

    /** Plan and log, never copy or delete. */
    public static final Setting DRY_RUN = Setting.of("DRY_RUN", "dryRun", Format.BOOLEAN, "false",
            "plan and log, never copy or delete");

    /** Every setting, in the order of the documentation. */
    public static final List<Setting> ALL = List.of(TARGET_REGION, TARGET_KMS_KEY_ARN, REPLICATION_ID, INCLUDE_AURORA,
            COPY_MANUAL_SNAPSHOTS, INCLUDE_READ_REPLICAS, RETENTION_KEEP_LAST, RETENTION_MAX_AGE,
            INCLUDE_DB_IDENTIFIERS, EXCLUDE_DB_IDENTIFIERS, SOURCE_TAG_FILTER, OPTION_GROUP_MAPPING,
            MAX_CONCURRENT_DB_SNAPSHOT_COPIES, MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES, FOLLOW_UP_RULE_NAME,
            VAULT_ACCOUNT, VAULT_SOURCE_ACCOUNTS, VAULT_KMS_KEY_ARN, VAULT_RETENTION, DRILL_SUBNET_GROUP,
            DRILL_SECURITY_GROUPS, DRILL_INSTANCE_CLASSES, DRILL_MAX_CONCURRENT, DRILL_MAX_DURATION,
            DRILL_DATABASES_PER_ROUND, DRILL_DB_IDENTIFIERS, DRILL_SOURCE_TAG_FILTER, DRILL_SUCCESS_WINDOW, DRY_RUN);

    /** The settings of the replication function ({@code CrossRegionSnapshotReplication}), each set by the construct. */
    public static final List<Setting> REPLICATION = List.of(TARGET_REGION, TARGET_KMS_KEY_ARN, REPLICATION_ID,
            INCLUDE_AURORA, COPY_MANUAL_SNAPSHOTS, INCLUDE_READ_REPLICAS, RETENTION_KEEP_LAST, RETENTION_MAX_AGE,
            INCLUDE_DB_IDENTIFIERS, EXCLUDE_DB_IDENTIFIERS, SOURCE_TAG_FILTER, OPTION_GROUP_MAPPING,
            MAX_CONCURRENT_DB_SNAPSHOT_COPIES, MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES, FOLLOW_UP_RULE_NAME,
            VAULT_ACCOUNT, DRY_RUN);

    /** The settings of the vault's function ({@code SnapshotVault}). */
    public static final List<Setting> VAULT = List.of(REPLICATION_ID, INCLUDE_AURORA, VAULT_SOURCE_ACCOUNTS,
            VAULT_KMS_KEY_ARN, VAULT_RETENTION, DRY_RUN);

    /**
     * The settings of the restore drill's function: what proves a copy ours and which databases are replicated,
     * and the drill's own.
     */
    public static final List<Setting> DRILL = List.of(TARGET_REGION, TARGET_KMS_KEY_ARN, REPLICATION_ID,
            INCLUDE_AURORA, INCLUDE_READ_REPLICAS, INCLUDE_DB_IDENTIFIERS, EXCLUDE_DB_IDENTIFIERS, SOURCE_TAG_FILTER,
            DRILL_SUBNET_GROUP, DRILL_SECURITY_GROUPS, DRILL_INSTANCE_CLASSES, DRILL_MAX_CONCURRENT,
            DRILL_MAX_DURATION, DRILL_DATABASES_PER_ROUND, DRILL_DB_IDENTIFIERS, DRILL_SOURCE_TAG_FILTER,
            DRILL_SUCCESS_WINDOW, DRY_RUN);

    private Settings() {
    }

    private static Map<String, String> defaultDrillInstanceClasses() {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("mysql", "db.t4g.micro");
        classes.put("mariadb", "db.t4g.micro");
        classes.put("postgres", "db.t4g.micro");
        classes.put("aurora-mysql", "db.t4g.medium");
        classes.put("aurora-postgresql", "db.t4g.medium");
        classes.put("oracle", "db.t3.small");
        classes.put("sqlserver-ex", "db.t3.small");
        classes.put("sqlserver-web", "db.t3.small");
        classes.put("sqlserver", "db.t3.xlarge");
        classes.put("db2", "db.t3.small");
        return Collections.unmodifiableMap(classes);
    }

    private static String toJson(Map<String, String> map) {
        // Keys and values are fixed identifiers without quotes or backslashes: no escaping needed.
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
