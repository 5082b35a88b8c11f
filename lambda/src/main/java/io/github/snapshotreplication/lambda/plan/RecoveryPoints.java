package io.github.snapshotreplication.lambda.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes, per in-scope database, the age of its newest available copy (the data lost if the source region
 * disappeared now), or why it has none.
 */
public final class RecoveryPoints {

    private RecoveryPoints() {
    }

    /** One recovery point per in-scope database of a kind the policy replicates, sorted by kind and identifier. */
    public static List<RecoveryPoint> compute(ReplicationPolicy policy, List<SourceDatabase> databases,
                                              List<Snapshot> targetSnapshots, Instant now) {
        return fromCopies(policy, databases, new TargetIndex(targetSnapshots, policy).ours(), now);
    }

    static List<RecoveryPoint> fromCopies(ReplicationPolicy policy, List<SourceDatabase> databases,
                                          List<OwnedCopy> ours, Instant now) {
        Map<String, OwnedCopy> newest = new HashMap<>();
        for (OwnedCopy c : ours) {
            if (c.snapshot().isAvailable() && c.sourceCreatedAt() != null && c.dbIdentifier() != null) {
                newest.merge(c.groupKey(), c, (a, b) -> OwnedCopy.NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        return databases.stream()
                .filter(policy::covers)
                .sorted(Comparator.comparing(SourceDatabase::kind).thenComparing(SourceDatabase::identifier))
                .map(db -> point(db, newest.get(OwnedCopy.groupKey(db.kind(), db.identifier())), now))
                .toList();
    }

    private static RecoveryPoint point(SourceDatabase db, OwnedCopy copy, Instant now) {
        if (copy != null) {
            return new RecoveryPoint(db.kind(), db.identifier(), RecoveryPoint.Coverage.COPIED, copy.snapshot(),
                    Duration.between(copy.sourceCreatedAt(), now), null);
        }
        String notCopyable = db.whyNotCopyable();
        if (notCopyable != null) {
            return new RecoveryPoint(db.kind(), db.identifier(), RecoveryPoint.Coverage.NOT_COPYABLE, null, null,
                    notCopyable);
        }
        RecoveryPoint.Coverage coverage = db.hasBackupsDisabled() ? RecoveryPoint.Coverage.BACKUPS_DISABLED
                : RecoveryPoint.Coverage.NO_COPY;
        return new RecoveryPoint(db.kind(), db.identifier(), coverage, null, null, null);
    }
}
