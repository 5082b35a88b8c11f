package io.github.snapshotreplication.lambda.plan.vault;

import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;

import java.time.Instant;
import java.util.Comparator;

/**
 * A snapshot of the vault account proven to be the vault's copy of a snapshot a source account shared.
 *
 * @param snapshot        the vault's copy
 * @param sourceArn       the shared snapshot it was copied from, as RDS's source field names it
 * @param dbIdentifier    the source database
 * @param attempt         copy attempt, 1 to 3
 * @param sourceCreatedAt when the original source snapshot was taken, or {@code null} if unknown
 * @param copyStartedAt   when the vault started this copy, or {@code null} if unknown
 */
record VaultCopy(Snapshot snapshot, SnapshotArn sourceArn, String dbIdentifier, int attempt, Instant sourceCreatedAt,
                 Instant copyStartedAt) {

    static final Comparator<VaultCopy> BY_SOURCE_TIME = Comparator.comparing(VaultCopy::sourceCreatedAt,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Newest source first; ties broken by identifier. */
    static final Comparator<VaultCopy> NEWEST_FIRST = BY_SOURCE_TIME.reversed()
            .thenComparing(c -> c.snapshot().identifier(), Comparator.reverseOrder());

    /** Kind, source account and database: the group whose retention this copy counts in. */
    String groupKey() {
        return snapshot.kind() + "/" + databaseLabel();
    }

    /** The source database as the vault's metrics name it: {@code <source account>/<database>}. */
    String databaseLabel() {
        return sourceArn.accountId() + "/" + dbIdentifier;
    }

    boolean isFailed() {
        return "failed".equals(snapshot.status());
    }
}
