package io.github.snapshotreplication.lambda.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans for snapshots named by events: the named snapshot is copied, not the newest one found.
 */
class EventPlanTest {

    private static final Snapshot NAMED = aSourceSnapshot("orders", 30).build();
    private static final Snapshot NEWER = aSourceSnapshot("orders", 1).build();

    static Stream<Arguments> rules() {
        return Stream.of(
                row("the named snapshot is copied even when a newer one exists (out-of-order event)",
                        aPolicy().build(), inventory(List.of(), List.of(NAMED), List.of(aCopyOf(NEWER).build())),
                        "Copy rds:orders-h30"),
                row("a duplicate event yields one copy", aPolicy().build(),
                        inventory(List.of(), List.of(NAMED, NAMED), List.of()),
                        "Copy rds:orders-h30"),
                row("a replayed event yields no copy", aPolicy().build(),
                        inventory(List.of(), List.of(NAMED), List.of(aCopyOf(NAMED).status("creating").build())),
                        "AlreadyCopied rds:orders-h30"),
                row("an excluded database is skipped", aPolicy().exclude("ord*").build(),
                        inventory(List.of(), List.of(NAMED), List.of()),
                        "Skipped rds:orders-h30"),
                row("a database without the filter tag is skipped", aPolicy().tagFilter("dr", "yes").build(),
                        inventory(List.of(anInstance("orders", "dr", "no")), List.of(NAMED), List.of()),
                        "Skipped rds:orders-h30"),
                row("a database with the filter tag is copied", aPolicy().tagFilter("dr", "yes").build(),
                        inventory(List.of(anInstance("orders", "dr", "yes")), List.of(NAMED), List.of()),
                        "Copy rds:orders-h30"),
                row("a deleted database cannot pass a tag filter", aPolicy().tagFilter("dr", "yes").build(),
                        inventory(List.of(), List.of(NAMED), List.of()),
                        "Skipped rds:orders-h30"),
                row("a manual snapshot is skipped unless opted in", aPolicy().build(),
                        inventory(List.of(), List.of(aSourceSnapshot("orders", 2).id("orders-x").manual().build()),
                                List.of()),
                        "Skipped orders-x"),
                row("a snapshot older than the maximum age is not copied", aPolicy().maxAge(Duration.ofDays(1))
                                .build(),
                        inventory(List.of(), List.of(NAMED), List.of()),
                        "Skipped rds:orders-h30"),
                row("a snapshot not yet available is deferred to the sweep", aPolicy().build(),
                        inventory(List.of(), List.of(aSourceSnapshot("orders", 1).status("creating").build()),
                                List.of()),
                        "Deferred rds:orders-h1"),
                row("retention runs for the named database only", aPolicy().keepLast(1).build(),
                        inventory(List.of(), List.of(NEWER), List.of(
                                aCopyOf(aSourceSnapshot("orders", 48).build()).build(),
                                aCopyOf(aSourceSnapshot("orders", 72).build()).build(),
                                aCopyOf(aSourceSnapshot("users", 48).build()).build(),
                                aCopyOf(aSourceSnapshot("users", 72).build()).build())),
                        "Copy rds:orders-h1", "Delete " + aCopyOf(aSourceSnapshot("orders", 72).build()).build()
                                .identifier()));
    }

    private static Arguments row(String rule, ReplicationPolicy policy, Inventory inventory, String... expected) {
        return Arguments.of(rule, policy, inventory, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void plansNamedSnapshots(String rule, ReplicationPolicy policy, Inventory inventory, List<String> expected) {
        Plan plan = new ReplicationPlanner().planEvents(policy, inventory, NOW);

        assertThat(SweepCopyRulesTest.summarise(plan)).as(rule).containsExactlyElementsOf(expected);
        assertThat(plan.recoveryPoints()).isEmpty();
    }
}
