package io.github.snapshotreplication.fakerds;

/** The kinds of RDS resources the fake holds, as test code names them (deletion log, pending copies, set-up). */
public enum ResourceKind {
    /** A DB snapshot ({@code snapshot} in ARNs). */
    DB_SNAPSHOT,
    /** A DB cluster snapshot ({@code cluster-snapshot} in ARNs). */
    DB_CLUSTER_SNAPSHOT,
    /** A DB instance ({@code db} in ARNs). */
    DB_INSTANCE,
    /** A DB cluster, Aurora or Multi-AZ ({@code cluster} in ARNs). */
    DB_CLUSTER;

    /** @return true for the two snapshot kinds */
    public boolean isSnapshot() {
        return this == DB_SNAPSHOT || this == DB_CLUSTER_SNAPSHOT;
    }
}
