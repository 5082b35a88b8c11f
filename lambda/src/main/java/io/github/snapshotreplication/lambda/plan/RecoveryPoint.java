package io.github.snapshotreplication.lambda.plan;

import java.time.Duration;

/**
 * How well one in-scope database is protected: the age of its newest available copy, the recovery point if the
 * source region is lost, or why it has none.
 *
 * @param kind         DB snapshot (instance) or cluster snapshot (cluster)
 * @param dbIdentifier the source database
 * @param coverage     whether it has a copy, and if not, why
 * @param newestCopy   the newest available copy, or {@code null} if there is none
 * @param age          now minus the source creation time of that copy, or {@code null} if there is none
 * @param note         why the database cannot be copied, for {@link Coverage#NOT_COPYABLE}; else {@code null}
 */
public record RecoveryPoint(SnapshotKind kind, String dbIdentifier, Coverage coverage, Snapshot newestCopy,
                            Duration age, String note) {

    /** Whether a database has a copy, and if not, why. */
    public enum Coverage {
        /** It has an available copy in the target region. */
        COPIED,
        /** It should have a copy and has none: counted in {@code DatabasesWithoutCopy}. */
        NO_COPY,
        /** Its automated backups are off, so no snapshot comes to copy: counted in {@code DatabasesWithoutBackups}. */
        BACKUPS_DISABLED,
        /** RDS cannot copy its snapshots to another region: counted in {@code DatabasesNotCopyable}. */
        NOT_COPYABLE
    }

    /** True when the database should have a copy and has none. */
    public boolean hasNoCopy() {
        return coverage == Coverage.NO_COPY;
    }
}
