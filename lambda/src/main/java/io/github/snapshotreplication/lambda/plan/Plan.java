package io.github.snapshotreplication.lambda.plan;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of planning: every decision, in the order it should be carried out (copies before deletes).
 *
 * @param targetRegion   the region the plan acts in
 * @param decisions      the decisions
 * @param recoveryPoints per in-scope database, its newest copy (sweeps only; empty for events)
 * @param vaultWait      in vault mode, how long the oldest copy has waited for the vault's copy (from its source's
 *                       creation); {@code null} without a vault or for events
 */
public record Plan(String targetRegion, List<Decision> decisions, List<RecoveryPoint> recoveryPoints,
                   Duration vaultWait) {

    /** Copies the lists. */
    public Plan {
        decisions = List.copyOf(decisions);
        recoveryPoints = List.copyOf(recoveryPoints);
    }

    /** A plan without vault. */
    public Plan(String targetRegion, List<Decision> decisions, List<RecoveryPoint> recoveryPoints) {
        this(targetRegion, decisions, recoveryPoints, null);
    }

    /** The decisions of one type, e.g. {@code plan.of(Decision.Copy.class)}. */
    public <T extends Decision> List<T> of(Class<T> type) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
