package io.github.snapshotreplication.lambda.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This installation's proven copies ({@link OwnershipProof}) per source database, for readers outside the
 * replication planner: the restore drill restores them and keeps its ledger on them.
 */
public final class ProvenCopies {

    private final Map<String, List<Snapshot>> byDatabase = new HashMap<>();

    /** Judges every snapshot of the target region once. */
    public ProvenCopies(ReplicationPolicy policy, List<Snapshot> targetSnapshots) {
        List<OwnedCopy> ours = new ArrayList<>(new TargetIndex(targetSnapshots, policy).ours());
        ours.removeIf(c -> c.dbIdentifier() == null);
        ours.sort(OwnedCopy.NEWEST_FIRST);
        for (OwnedCopy copy : ours) {
            byDatabase.computeIfAbsent(copy.groupKey(), k -> new ArrayList<>()).add(copy.snapshot());
        }
    }

    /** Every proven copy of a source database, available or not, newest source first. */
    public List<Snapshot> of(SnapshotKind kind, String dbIdentifier) {
        return byDatabase.getOrDefault(OwnedCopy.groupKey(kind, dbIdentifier), List.of());
    }

    /** The newest available copy of a source database, or {@code null}. */
    public Snapshot newestAvailable(SnapshotKind kind, String dbIdentifier) {
        return of(kind, dbIdentifier).stream().filter(Snapshot::isAvailable).findFirst().orElse(null);
    }
}
