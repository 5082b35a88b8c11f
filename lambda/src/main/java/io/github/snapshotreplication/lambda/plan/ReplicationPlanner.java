package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure heart of the engine: from a policy, an inventory and the current time, decides what to copy, defer,
 * reject and delete, each with its reason. No I/O, no clock, no environment: the same inputs give the same plan.
 */
public final class ReplicationPlanner {

    /**
     * Plans a sweep: for every in-scope database, its newest available snapshot of a replicated type is copied if
     * the target region holds no copy of it; then retention over every copy of this installation.
     */
    public Plan planSweep(ReplicationPolicy policy, Inventory inventory, Instant now) {
        Map<String, SourceDatabase> inScope = new HashMap<>();
        for (SourceDatabase db : inventory.databases()) {
            if (policy.replicates(db.kind()) && policy.scope().includes(db)) {
                inScope.put(db.kind() + "/" + db.identifier(), db);
            }
        }
        Map<String, Snapshot> newestPerDb = new HashMap<>();
        for (Snapshot snapshot : inventory.sourceSnapshots()) {
            String key = snapshot.kind() + "/" + snapshot.dbIdentifier();
            if (inScope.containsKey(key) && snapshot.isAvailable() && policy.replicatesType(snapshot)
                    && snapshot.ownership().isEmpty()) {
                newestPerDb.merge(key, snapshot, ReplicationPlanner::newer);
            }
        }
        TargetIndex target = new TargetIndex(inventory.targetSnapshots(), policy.targetRegion());
        List<RecoveryPoint> recoveryPoints = RecoveryPoints.fromCopies(policy, inventory.databases(),
                target.managedCopies(), now);
        // Databases furthest behind get the in-flight quota first: no copy at all, then the oldest copy.
        Map<String, Instant> newestCopyTime = new HashMap<>();
        recoveryPoints.stream().filter(rp -> !rp.hasNoCopy()).forEach(rp -> newestCopyTime.put(
                rp.kind() + "/" + rp.dbIdentifier(), now.minus(rp.age())));
        List<Snapshot> candidates = newestPerDb.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Snapshot> e) ->
                                newestCopyTime.getOrDefault(e.getKey(), Instant.MIN))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue)
                .toList();
        List<Decision> decisions = new ArrayList<>(new CopyPlanner(policy, target, now).decide(candidates));
        decisions.addAll(new RetentionPlanner(policy, now).decide(target.managedCopies(), null));
        return new Plan(policy.targetRegion(), decisions, recoveryPoints);
    }

    /**
     * Plans the copy of the snapshots named by events (each once, whatever its age), then retention for their
     * databases. {@code inventory.databases()} must hold the named snapshots' databases when a tag filter is set.
     */
    public Plan planEvents(ReplicationPolicy policy, Inventory inventory, Instant now) {
        Map<String, SourceDatabase> databases = inventory.databases().stream()
                .collect(Collectors.toMap(db -> db.kind() + "/" + db.identifier(), db -> db, (a, b) -> a));
        List<Decision> decisions = new ArrayList<>();
        List<Snapshot> candidates = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (Snapshot snapshot : inventory.sourceSnapshots()) {
            Optional<String> skip = skipReason(policy, snapshot, databases);
            if (skip.isPresent()) {
                decisions.add(new Decision.Skipped(snapshot, skip.get()));
            } else {
                candidates.add(snapshot);
                touched.add(snapshot.dbIdentifier());
            }
        }
        TargetIndex target = new TargetIndex(inventory.targetSnapshots(), policy.targetRegion());
        decisions.addAll(new CopyPlanner(policy, target, now).decide(candidates));
        decisions.addAll(new RetentionPlanner(policy, now).decide(target.managedCopies(), touched));
        return new Plan(policy.targetRegion(), decisions, List.of());
    }

    private static Optional<String> skipReason(ReplicationPolicy policy, Snapshot snapshot,
                                               Map<String, SourceDatabase> databases) {
        if (!policy.replicates(snapshot.kind())) {
            return Optional.of("Aurora cluster snapshots are not copied (INCLUDE_AURORA_CLUSTERS=false)");
        }
        if (!policy.replicatesType(snapshot)) {
            return Optional.of(snapshot.snapshotType() + " snapshots are not copied"
                    + (snapshot.isManual() ? " (COPY_MANUAL_SNAPSHOTS=false)" : ""));
        }
        if (snapshot.ownership().isPresent()) {
            return Optional.of("the snapshot is itself a copy made by snapshot replication");
        }
        SourceDatabase db = databases.get(snapshot.kind() + "/" + snapshot.dbIdentifier());
        if (db == null) {
            db = new SourceDatabase(snapshot.kind(), snapshot.dbIdentifier(), Map.of());
            if (policy.scope().hasTagFilter()) {
                return Optional.of("database " + snapshot.dbIdentifier()
                        + " no longer exists, so SOURCE_TAG_FILTER cannot be checked");
            }
        }
        return Optional.ofNullable(policy.scope().exclusionReason(db));
    }

    /** The newer of two snapshots; ties broken by identifier so the result never depends on list order. */
    private static Snapshot newer(Snapshot a, Snapshot b) {
        int byTime = a.createdAt().compareTo(b.createdAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.identifier().compareTo(b.identifier()) >= 0 ? a : b;
    }
}
