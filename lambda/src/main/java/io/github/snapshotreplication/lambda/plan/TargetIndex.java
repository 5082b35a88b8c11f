package io.github.snapshotreplication.lambda.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookups over the snapshots of the target region: copies by source ARN, snapshots by identifier, copies in flight.
 */
final class TargetIndex {

    private final Map<String, List<Snapshot>> copiesBySourceArn = new HashMap<>();
    private final Map<String, Snapshot> byIdentifier = new HashMap<>();
    private final Map<SnapshotKind, Integer> inFlight = new EnumMap<>(SnapshotKind.class);
    private final List<OwnedCopy> managedCopies = new ArrayList<>();

    TargetIndex(List<Snapshot> targetSnapshots, String targetRegion) {
        for (Snapshot snapshot : targetSnapshots) {
            byIdentifier.put(key(snapshot.kind(), snapshot.identifier()), snapshot);
            OwnedCopy.of(snapshot).ifPresent(copy -> {
                managedCopies.add(copy);
                if (copy.owner().sourceSnapshotArn() != null) {
                    copiesBySourceArn.computeIfAbsent(copy.owner().sourceSnapshotArn(), k -> new ArrayList<>())
                            .add(snapshot);
                }
            });
            if (snapshot.isCrossRegionCopyInFlight(targetRegion)) {
                inFlight.merge(snapshot.kind(), 1, Integer::sum);
            }
        }
    }

    /** Every snapshot carrying a managed-by tag (of any installation), with its tags read once. */
    List<OwnedCopy> managedCopies() {
        return managedCopies;
    }

    /** Copies tagged with this source ARN, made by any installation. */
    List<Snapshot> copiesOf(String sourceArn) {
        return copiesBySourceArn.getOrDefault(sourceArn, List.of());
    }

    /** The snapshot of this kind with this identifier, or {@code null}. */
    Snapshot byIdentifier(SnapshotKind kind, String identifier) {
        return byIdentifier.get(key(kind, identifier));
    }

    /** Cross-region copies of this kind in flight into the target region, whoever started them. */
    int inFlight(SnapshotKind kind) {
        return inFlight.getOrDefault(kind, 0);
    }

    private static String key(SnapshotKind kind, String identifier) {
        return kind.name() + "/" + identifier;
    }
}
