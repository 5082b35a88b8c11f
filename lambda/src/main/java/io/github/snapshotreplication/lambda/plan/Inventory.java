package io.github.snapshotreplication.lambda.plan;

import java.util.List;
import java.util.Map;

/**
 * What the planner sees: source databases and snapshots, and every snapshot in the target region.
 *
 * @param databases       source databases (for an event: only those the events name, when a tag filter needs them)
 * @param sourceSnapshots snapshots in the source region (for an event: only those the events name)
 * @param targetSnapshots snapshots in the target region, of every kind the policy replicates
 * @param optionGroups    the source region's non-default option groups named by source DB snapshots, by name; a
 *                        name missing here is unknown (the copy is then made without naming an option group)
 * @param vaultShared     in vault mode, the snapshots the vault account shares with this account in the target
 *                        region: the vault shares its copy of each of our copies back as a receipt
 */
public record Inventory(List<SourceDatabase> databases, List<Snapshot> sourceSnapshots,
                        List<Snapshot> targetSnapshots, Map<String, OptionGroup> optionGroups,
                        List<Snapshot> vaultShared) {

    /** Copies the lists. */
    public Inventory {
        databases = List.copyOf(databases);
        sourceSnapshots = List.copyOf(sourceSnapshots);
        targetSnapshots = List.copyOf(targetSnapshots);
        optionGroups = Map.copyOf(optionGroups);
        vaultShared = List.copyOf(vaultShared);
    }

    /** An inventory without vault receipts. */
    public Inventory(List<SourceDatabase> databases, List<Snapshot> sourceSnapshots, List<Snapshot> targetSnapshots,
                     Map<String, OptionGroup> optionGroups) {
        this(databases, sourceSnapshots, targetSnapshots, optionGroups, List.of());
    }

    /** An inventory without option groups. */
    public Inventory(List<SourceDatabase> databases, List<Snapshot> sourceSnapshots, List<Snapshot> targetSnapshots) {
        this(databases, sourceSnapshots, targetSnapshots, Map.of(), List.of());
    }
}
