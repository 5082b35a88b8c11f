package io.github.snapshotreplication.lambda.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCluster;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery point per database: age of the newest available copy, from the source creation time.
 */
class RecoveryPointsTest {

    @Test
    void ageOfTheNewestAvailableCopyPerInScopeDatabase() {
        List<Snapshot> targets = List.of(
                aCopyOf(aSourceSnapshot("orders", 30).build()).build(),
                aCopyOf(aSourceSnapshot("orders", 6).build()).build(),
                aCopyOf(aSourceSnapshot("orders", 1).build()).status("creating").build(),
                aCopyOf(aSourceSnapshot("users", 2).build()).withoutOwnership().build(),
                aCopyOf(aSourceSnapshot("billing", 3).cluster().build()).build());

        List<RecoveryPoint> points = RecoveryPoints.compute(aPolicy().aurora().exclude("ignored").build(),
                List.of(anInstance("orders"), anInstance("users"), anInstance("ignored"), aCluster("billing")),
                targets, NOW);

        assertThat(points).extracting(RecoveryPoint::dbIdentifier).containsExactly("orders", "users", "billing");
        assertThat(points.get(0).age()).isEqualTo(Duration.ofHours(6));
        assertThat(points.get(1).hasNoCopy()).isTrue();
        assertThat(points.get(2).age()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void sweepPlanCarriesTheRecoveryPoints() {
        Plan plan = new ReplicationPlanner().planSweep(aPolicy().build(), TestSnapshots.inventory(
                List.of(anInstance("orders")), List.of(), List.of()), NOW);

        assertThat(plan.recoveryPoints()).singleElement().satisfies(p -> assertThat(p.hasNoCopy()).isTrue());
    }
}
