package io.github.snapshotreplication.contract;

import java.util.List;

/**
 * Tag keys the Lambda puts on every copy it makes.
 *
 * <p>Tags are one fact of ownership among several, never the proof: they travel to copies a user makes of a copy,
 * to databases restored from a copy and to those databases' snapshots. The Lambda proves a copy is its own from its
 * identifier and RDS's own source fields too; the construct scopes the IAM delete permission to snapshots carrying
 * {@link #MANAGED_BY} and named with the installation's identifier prefix ({@link CopyIdentifiers}).
 */
public final class TagKeys {

    /** Common prefix of every tag key this library writes. */
    public static final String PREFIX = "snapshot-replication:";

    /** Marks a copy made by this library; the value is the installation's {@code REPLICATION_ID}. */
    public static final String MANAGED_BY = PREFIX + "managed-by";

    /** ARN of the source snapshot the copy was made from. */
    public static final String SOURCE_SNAPSHOT_ARN = PREFIX + "source-snapshot-arn";

    /** DB instance or DB cluster identifier of the source database. */
    public static final String SOURCE_DB_IDENTIFIER = PREFIX + "source-db-identifier";

    /** Region of the source snapshot. */
    public static final String SOURCE_REGION = PREFIX + "source-region";

    /** Creation time of the source snapshot, ISO-8601 in UTC. */
    public static final String SOURCE_CREATED_AT = PREFIX + "source-created-at";

    /** When the Lambda started this copy, ISO-8601 in UTC: spaces out retries after a failed copy. */
    public static final String COPY_STARTED_AT = PREFIX + "copy-started-at";

    /**
     * On a source account's copy in vault mode: {@code shared} once shared with the vault account, {@code received}
     * once the vault's copy exists and sharing stopped. Bookkeeping only: retention decides from RDS's facts.
     */
    public static final String VAULT = PREFIX + "vault";

    /** On a vault's copy: {@code sent} once the copy is shared back to its source account as a receipt. */
    public static final String RECEIPT = PREFIX + "receipt";

    /**
     * On a restore drill's database: the installation's {@code REPLICATION_ID}. With the drill identifier prefix
     * ({@link CopyIdentifiers#drillIdentifierStart}) the only proof the drill accepts, and the condition of its IAM
     * delete permission. A key of its own, not {@link #MANAGED_BY}: copies' tags travel to restored databases.
     */
    public static final String DRILL = PREFIX + "drill";

    /** On a drill database: when the drill asked RDS to restore it, ISO-8601 in UTC; its age counts from this. */
    public static final String DRILL_STARTED_AT = PREFIX + "drill-started-at";

    /** On a drill database: the ARN of the copy it was restored from. */
    public static final String DRILL_COPY_ARN = PREFIX + "drill-copy-arn";

    /**
     * Drill ledger, on a database's newest copy (carried forward as copies come and go): when a round last asked for
     * a drill of the database, ISO-8601 in UTC.
     */
    public static final String DRILL_REQUESTED_AT = PREFIX + "drill-requested-at";

    /** Drill ledger: when the first round asked for a drill of the database; the success window counts from it. */
    public static final String DRILL_FIRST_REQUESTED_AT = PREFIX + "drill-first-requested-at";

    /** Drill ledger: when the last drill of the database ended, passed or failed. */
    public static final String DRILL_ENDED_AT = PREFIX + "drill-ended-at";

    /** Drill ledger: when the last successful drill of the database ended. */
    public static final String DRILL_PASSED_AT = PREFIX + "drill-passed-at";

    /** Every key this library writes, in the order it writes them. */
    public static final List<String> ALL = List.of(MANAGED_BY, SOURCE_SNAPSHOT_ARN,
            SOURCE_DB_IDENTIFIER, SOURCE_REGION, SOURCE_CREATED_AT, COPY_STARTED_AT, VAULT, RECEIPT, DRILL,
            DRILL_STARTED_AT, DRILL_COPY_ARN, DRILL_REQUESTED_AT, DRILL_FIRST_REQUESTED_AT, DRILL_ENDED_AT,
            DRILL_PASSED_AT);

    private TagKeys() {
    }
}
