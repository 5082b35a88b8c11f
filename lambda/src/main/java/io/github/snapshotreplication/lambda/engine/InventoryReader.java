package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.plan.Inventory;
import io.github.snapshotreplication.lambda.plan.OptionGroup;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what the planner needs with as few calls as possible: whole-region paginated listings, never one
 * describe per database.
 */
final class InventoryReader {

    private final ReplicationPolicy policy;
    private final RdsSnapshotGateway source;
    private final RdsSnapshotGateway target;

    InventoryReader(ReplicationPolicy policy, RdsSnapshotGateway source, RdsSnapshotGateway target) {
        this.policy = policy;
        this.source = source;
        this.target = target;
    }

    /** Everything a sweep needs: databases and snapshots of both regions, for every replicated kind. */
    Inventory forSweep() {
        List<SourceDatabase> databases = new ArrayList<>(source.describeDbInstances());
        List<Snapshot> sourceSnapshots = new ArrayList<>(source.describeSnapshots(SnapshotKind.DB_SNAPSHOT));
        if (policy.includeAuroraClusters()) {
            databases.addAll(source.describeClusters());
            sourceSnapshots.addAll(source.describeSnapshots(SnapshotKind.DB_CLUSTER_SNAPSHOT));
        }
        Map<String, OptionGroup> optionGroups = Map.of();
        if (sourceSnapshots.stream().anyMatch(InventoryReader::hasCustomOptionGroup)) {
            // One paginated listing instead of a call per option group: a fleet has few of them.
            optionGroups = source.describeOptionGroups().stream()
                    .collect(Collectors.toMap(OptionGroup::name, g -> g, (a, b) -> a));
        }
        return new Inventory(databases, sourceSnapshots, targetSnapshots(replicatedKinds()), optionGroups,
                vaultShared());
    }

    /**
     * In vault mode, what the vault account shares with this account in the target region: its receipts. One
     * listing per kind; the planner decides which of our copies they name.
     */
    private List<Snapshot> vaultShared() {
        if (policy.vaultAccount() == null) {
            return List.of();
        }
        List<Snapshot> shared = new ArrayList<>();
        for (SnapshotKind kind : replicatedKinds()) {
            target.describeSharedSnapshots(kind).stream().filter(s -> SnapshotArn.parse(s.arn())
                    .filter(a -> a.accountId().equals(policy.vaultAccount())).isPresent()).forEach(shared::add);
        }
        return shared;
    }

    /** The option groups named by these snapshots, each described once; unknown names are left out. */
    Map<String, OptionGroup> optionGroupsOf(List<Snapshot> snapshots) {
        Map<String, OptionGroup> groups = new HashMap<>();
        snapshots.stream().filter(InventoryReader::hasCustomOptionGroup).map(Snapshot::optionGroupName).distinct()
                .forEach(name -> source.describeOptionGroup(name).ifPresent(g -> groups.put(name, g)));
        return groups;
    }

    private static boolean hasCustomOptionGroup(Snapshot snapshot) {
        return snapshot.kind() == SnapshotKind.DB_SNAPSHOT && !OptionGroup.isDefault(snapshot.optionGroupName());
    }

    /** Every snapshot of the given kinds in the target region: copies, and copies in flight for the quota. */
    List<Snapshot> targetSnapshots(Set<SnapshotKind> kinds) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (SnapshotKind kind : kinds) {
            snapshots.addAll(target.describeSnapshots(kind));
        }
        return snapshots;
    }

    private Set<SnapshotKind> replicatedKinds() {
        Set<SnapshotKind> kinds = EnumSet.of(SnapshotKind.DB_SNAPSHOT);
        if (policy.includeAuroraClusters()) {
            kinds.add(SnapshotKind.DB_CLUSTER_SNAPSHOT);
        }
        return kinds;
    }
}
