package io.github.snapshotreplication.lambda.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.SOURCE;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCluster;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-flight copy quota, the order in which databases get it, and plans that do not depend on list order.
 */
class QuotaAndOrderTest {

    private final ReplicationPlanner planner = new ReplicationPlanner();

    @ParameterizedTest(name = "max {0} in flight")
    @ValueSource(ints = {1, 2, 5})
    void neverStartsMoreCopiesThanTheQuota(int max) {
        List<SourceDatabase> dbs = IntStream.range(0, 8).mapToObj(i -> anInstance("db" + i)).toList();
        List<Snapshot> sources = IntStream.range(0, 8).mapToObj(i -> aSourceSnapshot("db" + i, 1).build()).toList();

        Plan plan = planner.planSweep(aPolicy().maxCopies(max).build(), inventory(dbs, sources, List.of()), NOW);

        assertThat(plan.of(Decision.Copy.class)).hasSize(max);
        assertThat(plan.of(Decision.Deferred.class)).hasSize(8 - max)
                .allSatisfy(d -> assertThat(d.reason()).contains("MAX_CONCURRENT_DB_SNAPSHOT_COPIES) is " + max));
    }

    @Test
    void copiesInFlightFromAnyToolCountAgainstTheQuota() {
        // Started by another tool: no tags of ours, but RDS reports it as a cross-region copy still running.
        Snapshot foreign = new TestSnapshots.Builder().kind(SnapshotKind.DB_SNAPSHOT).region(TARGET)
                .id("other-tool-copy").db("legacy").createdAt(NOW).type("manual").status("pending")
                .sourceRegion("us-east-1").build();
        Snapshot ours = aCopyOf(aSourceSnapshot("orders", 30).build()).status("copying").build();
        Plan plan = planner.planSweep(aPolicy().maxCopies(3).build(), inventory(
                List.of(anInstance("a"), anInstance("b"), anInstance("c")),
                List.of(aSourceSnapshot("a", 1).build(), aSourceSnapshot("b", 1).build(),
                        aSourceSnapshot("c", 1).build()),
                List.of(foreign, ours)), NOW);

        assertThat(plan.of(Decision.Copy.class)).hasSize(1);
        assertThat(plan.of(Decision.Deferred.class)).hasSize(2);
    }

    @Test
    void aLocalSnapshotBeingCreatedInTheTargetRegionIsNotACrossRegionCopy() {
        Snapshot local = new TestSnapshots.Builder().kind(SnapshotKind.DB_SNAPSHOT).region(TARGET)
                .id("rds:local-db-x").db("local-db").createdAt(NOW).type("automated").status("creating").build();
        Plan plan = planner.planSweep(aPolicy().maxCopies(1).build(), inventory(List.of(anInstance("a")),
                List.of(aSourceSnapshot("a", 1).build()), List.of(local)), NOW);

        assertThat(plan.of(Decision.Copy.class)).hasSize(1);
    }

    @Test
    void theQuotaIsCountedSeparatelyForClusterSnapshots() {
        Snapshot dbInFlight = aCopyOf(aSourceSnapshot("x", 5).build()).status("creating").build();
        Plan plan = planner.planSweep(aPolicy().aurora().maxCopies(1).build(), inventory(
                List.of(anInstance("orders"), aCluster("billing")),
                List.of(aSourceSnapshot("orders", 1).build(), aSourceSnapshot("billing", 1).cluster().build()),
                List.of(dbInFlight)), NOW);

        assertThat(SweepCopyRulesTest.summarise(plan))
                .contains("Deferred rds:orders-h1", "Copy rds:billing-h1");
    }

    @Test
    void databasesFurthestBehindGetTheQuotaFirst() {
        Snapshot aOld = aSourceSnapshot("a", 48).build();
        Snapshot bOld = aSourceSnapshot("b", 24).build();
        Plan plan = planner.planSweep(aPolicy().maxCopies(2).build(), inventory(
                List.of(anInstance("a"), anInstance("b"), anInstance("c")),
                List.of(aOld, bOld, aSourceSnapshot("a", 1).build(), aSourceSnapshot("b", 1).build(),
                        aSourceSnapshot("c", 1).build()),
                List.of(aCopyOf(aOld).build(), aCopyOf(bOld).build())), NOW);

        // c has no copy at all, a's newest copy is older than b's.
        assertThat(plan.of(Decision.Copy.class)).extracting(d -> d.snapshot().dbIdentifier())
                .containsExactly("c", "a");
    }

    @Test
    void thePlanDoesNotDependOnTheOrderOfTheListings() {
        List<SourceDatabase> dbs = new ArrayList<>();
        List<Snapshot> sources = new ArrayList<>();
        List<Snapshot> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dbs.add(anInstance("db" + i));
            for (int h = 1; h <= 4; h++) {
                Snapshot s = aSourceSnapshot("db" + i, h * 24 + (i % 3)).build();
                sources.add(s);
                if (h > 1 && i % 2 == 0) {
                    targets.add(aCopyOf(s).build());
                }
            }
        }
        Plan reference = planner.planSweep(aPolicy().keepLast(1).maxCopies(4).build(),
                inventory(dbs, sources, targets), NOW);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(dbs, random);
            Collections.shuffle(sources, random);
            Collections.shuffle(targets, random);
            Plan shuffled = planner.planSweep(aPolicy().keepLast(1).maxCopies(4).build(),
                    inventory(dbs, sources, targets), NOW);
            assertThat(shuffled).isEqualTo(reference);
        }
        assertThat(reference.of(Decision.Copy.class)).hasSize(4);
        assertThat(reference.of(Decision.Delete.class)).isNotEmpty();
        assertThat(reference.targetRegion()).isEqualTo(TARGET);
        assertThat(SOURCE).isNotEqualTo(TARGET);
    }
}
