package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.Comparator;

/**
 * A snapshot of the target region proven to be a copy made by this installation ({@link OwnershipProof}), with the
 * facts retention and recovery points need, each read once per plan.
 *
 * @param snapshot        the copy
 * @param sourceArn       the source snapshot, as RDS's own source field names it
 * @param dbIdentifier    the source database
 * @param attempt         which copy attempt of that source this is, 1 to {@link TargetIdentifiers#MAX_ATTEMPTS}
 * @param sourceCreatedAt when the source snapshot was taken, or {@code null} if unknown (never expires then)
 * @param copyStartedAt   when the copy was started, or {@code null} if unknown
 * @param groupKey        snapshot kind and source database: the group whose retention this copy counts in (built
 *                        once: retention, recovery points and the index look every copy up by it)
 */
record OwnedCopy(Snapshot snapshot, SnapshotArn sourceArn, String dbIdentifier, int attempt, Instant sourceCreatedAt,
                 Instant copyStartedAt, String groupKey) {

    OwnedCopy(Snapshot snapshot, SnapshotArn sourceArn, String dbIdentifier, int attempt, Instant sourceCreatedAt,
              Instant copyStartedAt) {
        this(snapshot, sourceArn, dbIdentifier, attempt, sourceCreatedAt, copyStartedAt,
                groupKey(snapshot.kind(), dbIdentifier));
    }

    /** Newest source first; ties broken by identifier, so the order never depends on list order. */
    static final Comparator<OwnedCopy> NEWEST_FIRST = Comparator
            .comparing(OwnedCopy::sourceCreatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(c -> c.snapshot().identifier(), Comparator.reverseOrder());

    static String groupKey(SnapshotKind kind, String dbIdentifier) {
        return kind + "/" + dbIdentifier;
    }

    /** True when RDS reports the copy as failed (docs/aws-references.md#o9). */
    boolean isFailed() {
        return "failed".equals(snapshot.status());
    }
}
