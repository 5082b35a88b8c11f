package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.Settings;

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
            if (policy.covers(db) && db.whyNotCopyable() == null) {
                inScope.put(OwnedCopy.groupKey(db.kind(), db.identifier()), db);
            }
        }
        Map<String, Snapshot> newestPerDb = new HashMap<>();
        for (Snapshot snapshot : inventory.sourceSnapshots()) {
            String key = OwnedCopy.groupKey(snapshot.kind(), snapshot.dbIdentifier());
            if (inScope.containsKey(key) && snapshot.isAvailable() && policy.replicatesType(snapshot)
                    && !isReplicationCopy(snapshot, policy)) {
                newestPerDb.merge(key, snapshot, ReplicationPlanner::newer);
            }
        }
        TargetIndex target = new TargetIndex(inventory.targetSnapshots(), policy);
        List<RecoveryPoint> recoveryPoints = RecoveryPoints.fromCopies(policy, inventory.databases(), target.ours(),
                now);
        // Databases furthest behind get the in-flight quota first: no copy at all, then the oldest copy.
        Map<String, Instant> newestCopyTime = new HashMap<>();
        recoveryPoints.stream().filter(rp -> rp.age() != null).forEach(rp -> newestCopyTime.put(
                OwnedCopy.groupKey(rp.kind(), rp.dbIdentifier()), now.minus(rp.age())));
        List<Snapshot> candidates = newestPerDb.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Snapshot> e) ->
                                newestCopyTime.getOrDefault(e.getKey(), Instant.MIN))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue)
                .toList();
        VaultSharing vault = new VaultSharing(policy, inventory.vaultShared(), target.ours());
        List<Decision> decisions = new ArrayList<>(new CopyPlanner(policy, target, inventory.optionGroups(), now)
                .decide(candidates));
        decisions.addAll(vault.decide(target.ours()));
        decisions.addAll(new RetentionPlanner(policy, vault, now).decide(target.ours(), null));
        target.lookAlikes().forEach(l -> decisions.add(new Decision.LookAlike(l.snapshot(), l.reason())));
        return new Plan(policy.targetRegion(), decisions, recoveryPoints,
                policy.vaultAccount() == null ? null : vault.oldestWait(target.ours(), now));
    }

    /**
     * Plans the copy of the snapshots named by events (each once, whatever its age), then retention for their
     * databases. {@code inventory.databases()} must hold the named snapshots' databases when a tag filter is set.
     */
    public Plan planEvents(ReplicationPolicy policy, Inventory inventory, Instant now) {
        Map<String, SourceDatabase> databases = inventory.databases().stream()
                .collect(Collectors.toMap(db -> OwnedCopy.groupKey(db.kind(), db.identifier()), db -> db,
                        (a, b) -> a));
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
        TargetIndex target = new TargetIndex(inventory.targetSnapshots(), policy);
        decisions.addAll(new CopyPlanner(policy, target, inventory.optionGroups(), now).decide(candidates));
        VaultSharing vault = new VaultSharing(policy, inventory.vaultShared(), target.ours());
        decisions.addAll(new RetentionPlanner(policy, vault, now).decide(target.ours(), touched));
        return new Plan(policy.targetRegion(), decisions, List.of());
    }

    /**
     * True when a copy of one of {@code kinds} could start now: fewer copies of that kind are in flight into the target
     * region (ours or not) than the policy's slots.
     */
    public boolean hasFreeSlot(ReplicationPolicy policy, List<Snapshot> targetSnapshots, Set<SnapshotKind> kinds) {
        Map<SnapshotKind, Integer> inFlight = TargetIndex.inFlight(targetSnapshots, policy.targetRegion());
        return kinds.stream().anyMatch(k -> inFlight.getOrDefault(k, 0) < policy.copySlots(k));
    }

    private static Optional<String> skipReason(ReplicationPolicy policy, Snapshot snapshot,
                                               Map<String, SourceDatabase> databases) {
        if (!policy.replicates(snapshot.kind())) {
            return Optional.of("Aurora cluster snapshots are not copied (" + Settings.INCLUDE_AURORA.label()
                    + " is false)");
        }
        if (!policy.replicatesType(snapshot)) {
            return Optional.of(snapshot.snapshotType() + " snapshots are not copied"
                    + (snapshot.isManual() ? " (" + Settings.COPY_MANUAL_SNAPSHOTS.label() + " is false)" : ""));
        }
        if (isReplicationCopy(snapshot, policy)) {
            return Optional.of("the snapshot is itself a cross-region copy made by snapshot replication");
        }
        SourceDatabase db = databases.get(OwnedCopy.groupKey(snapshot.kind(), snapshot.dbIdentifier()));
        if (db == null) {
            db = new SourceDatabase(snapshot.kind(), snapshot.dbIdentifier(), Map.of());
            if (policy.scope().hasTagFilter()) {
                return Optional.of("database " + snapshot.dbIdentifier() + " no longer exists, so "
                        + Settings.SOURCE_TAG_FILTER.label() + " cannot be checked");
            }
        }
        if (db.isReplica() && !policy.includeReadReplicas()) {
            return Optional.of("database " + db.identifier() + " is a replica of " + db.replicaSource()
                    + ", which is the database to protect; set " + Settings.INCLUDE_READ_REPLICAS.label()
                    + " to copy replicas too");
        }
        return Optional.ofNullable(policy.scope().exclusionReason(db));
    }

    /**
     * True for a snapshot of the source region that an installation of this library copied here from another
     * region (two installations replicating in opposite directions): copying it back would ping-pong. Tags alone
     * are not enough: a database restored from a copy inherits them, and its own snapshots must be copied.
     */
    private static boolean isReplicationCopy(Snapshot snapshot, ReplicationPolicy policy) {
        return snapshot.ownershipTags().isPresent() && SnapshotArn.parse(snapshot.sourceSnapshotArn())
                .filter(from -> !from.region().equals(policy.sourceRegion())).isPresent();
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
