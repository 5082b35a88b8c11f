package io.github.snapshotreplication.lambda.plan.drill;

import java.util.List;

/**
 * What one drill run decided, and the gauges it reports.
 *
 * @param actions    the steps, in the order to carry them out
 * @param selected   databases the drill covers now (selected, with an available copy)
 * @param overdue    selected databases without a successful drill within the success window
 * @param picked     databases this run's round asked for
 * @param drills     drills alive before this run's restores, those RDS is deleting included
 * @param lookAlikes databases that look like drill databases but are not this drill's: never touched
 */
public record DrillPlan(List<DrillAction> actions, List<String> selected, List<String> overdue, List<String> picked,
                        List<Drill> drills, List<LookAlikeDrillDatabase> lookAlikes) {

    /** Copies the lists. */
    public DrillPlan {
        actions = List.copyOf(actions);
        selected = List.copyOf(selected);
        overdue = List.copyOf(overdue);
        picked = List.copyOf(picked);
        drills = List.copyOf(drills);
        lookAlikes = List.copyOf(lookAlikes);
    }

    /** How many drills are alive: each counts against the concurrency cap until RDS has deleted it. */
    public int inFlight() {
        return drills.size();
    }
}
