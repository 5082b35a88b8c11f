package io.github.snapshotreplication.lambda.plan;

/**
 * The two kinds of RDS snapshot this library copies, with the rules RDS applies to each.
 */
public enum SnapshotKind {

    /** A DB instance snapshot ({@code CopyDBSnapshot}). */
    DB_SNAPSHOT("snapshot", 255),

    /** An Aurora DB cluster snapshot ({@code CopyDBClusterSnapshot}). */
    DB_CLUSTER_SNAPSHOT("cluster-snapshot", 63);

    private final String arnResourceType;
    private final int maxIdentifierLength;

    SnapshotKind(String arnResourceType, int maxIdentifierLength) {
        this.arnResourceType = arnResourceType;
        this.maxIdentifierLength = maxIdentifierLength;
    }

    /** The resource type in the snapshot's ARN ({@code arn:aws:rds:region:account:<type>:<id>}). */
    public String arnResourceType() {
        return arnResourceType;
    }

    /** The longest identifier RDS accepts for a snapshot of this kind. */
    public int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    /** The kind named by an ARN resource type, or {@code null} when the ARN is not a snapshot. */
    public static SnapshotKind fromArnResourceType(String type) {
        for (SnapshotKind kind : values()) {
            if (kind.arnResourceType.equals(type)) {
                return kind;
            }
        }
        return null;
    }
}
