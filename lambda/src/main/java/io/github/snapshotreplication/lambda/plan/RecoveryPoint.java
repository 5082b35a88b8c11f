package io.github.snapshotreplication.lambda.plan;

import java.time.Duration;

/**
 * How old the newest available copy of one in-scope database is: the recovery point if the source region is lost.
 *
 * @param kind         DB snapshot (instance) or cluster snapshot (Aurora cluster)
 * @param dbIdentifier the source database
 * @param newestCopy   the newest available copy, or {@code null} if there is none
 * @param age          now minus the source creation time of that copy, or {@code null} if there is none
 */
public record RecoveryPoint(SnapshotKind kind, String dbIdentifier, Snapshot newestCopy, Duration age) {

    /** True when the database has no available copy in the target region. */
    public boolean hasNoCopy() {
        return newestCopy == null;
    }
}
