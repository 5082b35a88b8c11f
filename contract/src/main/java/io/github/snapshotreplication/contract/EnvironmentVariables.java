package io.github.snapshotreplication.contract;

/**
 * Names of the environment variables that the construct sets on the Lambda and the Lambda reads at cold start.
 *
 * <p>Both sides use these constants, so a rename cannot drift apart. Structured values (lists, maps) are JSON.
 */
public final class EnvironmentVariables {

    /** Region the copies are made in, e.g. {@code eu-central-1}. Required. */
    public static final String TARGET_REGION = "TARGET_REGION";

    /** ARN of the KMS key in the target region used to re-encrypt encrypted snapshots. Optional. */
    public static final String TARGET_KMS_KEY_ARN = "TARGET_KMS_KEY_ARN";

    /** Value of the {@link TagKeys#MANAGED_BY} tag: identifies one installation of the construct. Required. */
    public static final String REPLICATION_ID = "REPLICATION_ID";

    /** {@code true} to copy Aurora DB cluster snapshots as well as DB instance snapshots. Default {@code false}. */
    public static final String INCLUDE_AURORA_CLUSTERS = "INCLUDE_AURORA_CLUSTERS";

    /** {@code true} to copy manual snapshots, not only automated ones. Default {@code false}. */
    public static final String COPY_MANUAL_SNAPSHOTS = "COPY_MANUAL_SNAPSHOTS";

    /** Number of copies to keep per source database, at least 1. Default 7. */
    public static final String RETENTION_KEEP_LAST = "RETENTION_KEEP_LAST";

    /** Maximum age of a copy as an ISO-8601 duration ({@code P30D}); unset: no age limit. */
    public static final String RETENTION_MAX_AGE = "RETENTION_MAX_AGE";

    /** JSON array of glob patterns of DB instance / cluster identifiers to include; unset: all. */
    public static final String INCLUDE_DB_IDENTIFIERS = "INCLUDE_DB_IDENTIFIERS";

    /** JSON array of glob patterns of DB instance / cluster identifiers to exclude; unset: none. */
    public static final String EXCLUDE_DB_IDENTIFIERS = "EXCLUDE_DB_IDENTIFIERS";

    /** JSON object of tag key to value; a source database must carry all of them. Unset: no tag filter. */
    public static final String SOURCE_TAG_FILTER = "SOURCE_TAG_FILTER";

    /** JSON object mapping a source option group name to the option group to use in the target region. */
    public static final String OPTION_GROUP_MAPPING = "OPTION_GROUP_MAPPING";

    /** Maximum number of cross-region copies in flight into the target region. Default 5. */
    public static final String MAX_CONCURRENT_COPIES = "MAX_CONCURRENT_COPIES";

    /** {@code true} to log the plan without copying or deleting anything. Default {@code false}. */
    public static final String DRY_RUN = "DRY_RUN";

    /** Set by the Lambda runtime: the source region. */
    public static final String AWS_REGION = "AWS_REGION";

    private EnvironmentVariables() {
    }
}
