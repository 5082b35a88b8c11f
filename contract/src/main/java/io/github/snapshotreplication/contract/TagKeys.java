package io.github.snapshotreplication.contract;

/**
 * Tag keys the Lambda puts on every copy it makes, and that prove a snapshot in the target region is its own.
 *
 * <p>The construct scopes the IAM delete permission to snapshots carrying {@link #MANAGED_BY}, so the Lambda
 * cannot delete a snapshot it did not tag even if its own logic were wrong.
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

    private TagKeys() {
    }
}
