package io.github.snapshotreplication.lambda.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes, per in-scope database, the age of its newest available copy: the data lost if the source region
 * disappeared now.
 */
public final class RecoveryPoints {

    private RecoveryPoints() {
    }

    /** One recovery point per in-scope database of a kind the policy replicates, sorted by kind and identifier. */
    public static List<RecoveryPoint> compute(ReplicationPolicy policy, List<SourceDatabase> databases,
                                              List<Snapshot> targetSnapshots, Instant now) {
        return fromCopies(policy, databases,
                new TargetIndex(targetSnapshots, policy.targetRegion()).managedCopies(), now);
    }

    static List<RecoveryPoint> fromCopies(ReplicationPolicy policy, List<SourceDatabase> databases,
                                          List<OwnedCopy> managedCopies, Instant now) {
        Map<String, OwnedCopy> newest = new HashMap<>();
        for (OwnedCopy c : managedCopies) {
            if (c.snapshot().isAvailable() && c.belongsTo(policy) && c.owner().sourceCreatedAt() != null) {
                newest.merge(c.groupKey(), c, (a, b) -> OwnedCopy.NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        return databases.stream()
                .filter(db -> policy.replicates(db.kind()))
                .filter(db -> policy.scope().includes(db))
                .sorted(Comparator.comparing(SourceDatabase::kind).thenComparing(SourceDatabase::identifier))
                .map(db -> {
                    OwnedCopy copy = newest.get(db.kind() + "/" + db.identifier());
                    return copy == null ? new RecoveryPoint(db.kind(), db.identifier(), null, null)
                            : new RecoveryPoint(db.kind(), db.identifier(), copy.snapshot(),
                            Duration.between(copy.owner().sourceCreatedAt(), now));
                })
                .toList();
    }
}
