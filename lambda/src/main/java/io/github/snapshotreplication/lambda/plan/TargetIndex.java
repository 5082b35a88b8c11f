package io.github.snapshotreplication.lambda.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The snapshots of the target region as the planner needs them, each judged once by {@link OwnershipProof}: this
 * installation's proven copies (all, and by source), the look-alikes, every snapshot by identifier, and the
 * cross-region copies in flight.
 */
final class TargetIndex {

    private final List<OwnedCopy> ours = new ArrayList<>();
    private final Map<SnapshotArn, List<OwnedCopy>> oursBySource;
    private final List<OwnershipProof.LookAlike> lookAlikes = new ArrayList<>();
    private final Map<Key, Snapshot> byIdentifier;
    private final Map<SnapshotKind, Integer> inFlight;
    private final Map<String, OwnedCopy> inProgressByDatabase = new HashMap<>();

    TargetIndex(List<Snapshot> targetSnapshots, ReplicationPolicy policy) {
        // Sized for the whole region at once: tens of thousands of copies, rehashed over and over otherwise.
        int capacity = targetSnapshots.size() * 4 / 3 + 1;
        oursBySource = new HashMap<>(capacity);
        byIdentifier = new HashMap<>(capacity);
        OwnershipProof proof = new OwnershipProof(policy);
        for (Snapshot snapshot : targetSnapshots) {
            byIdentifier.put(key(snapshot.kind(), snapshot.identifier()), snapshot);
            OwnershipProof.Verdict verdict = proof.judge(snapshot);
            if (verdict instanceof OwnershipProof.Ours o) {
                ours.add(o.copy());
                oursBySource.computeIfAbsent(o.copy().sourceArn(), k -> new ArrayList<>()).add(o.copy());
                if (snapshot.isInProgress() && o.copy().dbIdentifier() != null) {
                    inProgressByDatabase.putIfAbsent(o.copy().groupKey(), o.copy());
                }
            } else if (verdict instanceof OwnershipProof.LookAlike l) {
                lookAlikes.add(l);
            }
        }
        inFlight = inFlight(targetSnapshots, policy.targetRegion());
        oursBySource.values().forEach(copies -> copies.sort(Comparator.comparingInt(OwnedCopy::attempt)));
    }

    /** Every proven copy of this installation. */
    List<OwnedCopy> ours() {
        return ours;
    }

    /** The proven copies of one source snapshot, first attempt first. */
    List<OwnedCopy> oursOf(SnapshotArn source) {
        return oursBySource.getOrDefault(source, List.of());
    }

    /** This installation's copy of the database still in progress, or {@code null}. */
    OwnedCopy inProgressCopyOf(SnapshotKind kind, String dbIdentifier) {
        return inProgressByDatabase.get(OwnedCopy.groupKey(kind, dbIdentifier));
    }

    /** Snapshots that carry this installation's managed-by tag without being its copies. */
    List<OwnershipProof.LookAlike> lookAlikes() {
        return lookAlikes;
    }

    /** The snapshot of this kind with this identifier (compared in lower case, as RDS stores it), or {@code null}. */
    Snapshot byIdentifier(SnapshotKind kind, String identifier) {
        return byIdentifier.get(key(kind, identifier));
    }

    /** Cross-region copies of this kind in flight into the target region, whoever started them. */
    int inFlight(SnapshotKind kind) {
        return inFlight.getOrDefault(kind, 0);
    }

    /**
     * Cross-region copies in flight into {@code targetRegion} by kind, whoever started them: the count the copy slots
     * are measured against. Needs no ownership proof, so a caller that wants only this need not build the index.
     */
    static Map<SnapshotKind, Integer> inFlight(List<Snapshot> targetSnapshots, String targetRegion) {
        Map<SnapshotKind, Integer> counts = new EnumMap<>(SnapshotKind.class);
        for (Snapshot snapshot : targetSnapshots) {
            if (snapshot.isCrossRegionCopyInFlight(targetRegion)) {
                counts.merge(snapshot.kind(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Key key(SnapshotKind kind, String identifier) {
        return new Key(kind, identifier.toLowerCase(Locale.ROOT));
    }

    /** A record, not a joined string: the identifier's own cached hash serves every lookup. */
    private record Key(SnapshotKind kind, String identifier) {
    }
}
