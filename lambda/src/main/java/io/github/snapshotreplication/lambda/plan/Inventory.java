package io.github.snapshotreplication.lambda.plan;

import java.util.List;

/**
 * What the planner sees: source databases and snapshots, and every snapshot in the target region.
 *
 * @param databases       source databases (for an event: only those the events name, when a tag filter needs them)
 * @param sourceSnapshots snapshots in the source region (for an event: only those the events name)
 * @param targetSnapshots snapshots in the target region, of every kind the policy replicates
 */
public record Inventory(List<SourceDatabase> databases, List<Snapshot> sourceSnapshots,
                        List<Snapshot> targetSnapshots) {

    /** Copies the lists. */
    public Inventory {
        databases = List.copyOf(databases);
        sourceSnapshots = List.copyOf(sourceSnapshots);
        targetSnapshots = List.copyOf(targetSnapshots);
    }
}
