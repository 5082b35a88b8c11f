package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: which copies in the target region are deleted, and above all which ones never are.
 * Rows list the copies of the target region and the expected deletes (and postponed deletes).
 */
class RetentionRulesTest {

    private final ReplicationPlanner planner = new ReplicationPlanner();

    /** A copy of {@code db}'s snapshot taken {@code daysAgo} days before NOW. */
    private static TestSnapshots.Builder copy(String db, int daysAgo) {
        return aCopyOf(aSourceSnapshot(db, daysAgo * 24).build());
    }

    private static TestSnapshots.Builder clusterCopy(String db, int daysAgo) {
        return aCopyOf(aSourceSnapshot(db, daysAgo * 24).cluster().build());
    }

    private static TestSnapshots.Builder attempt(String db, int daysAgo, int attempt) {
        return aCopyOf(aSourceSnapshot(db, daysAgo * 24).build(), attempt);
    }

    private static String id(String db, int daysAgo) {
        return copy(db, daysAgo).build().identifier();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                row("keeps the newest N and deletes the rest", aPolicy().keepLast(2).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).build(), copy("orders", 3).build(),
                                copy("orders", 4).build()),
                        "Delete " + id("orders", 3), "Delete " + id("orders", 4)),
                row("nothing to delete within the limits", aPolicy().keepLast(3).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).build())),
                row("an unmanaged snapshot named like ours is never touched", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).withoutOwnership().build(),
                                copy("orders", 3).withoutOwnership().build())),
                row("the source database is RDS's DBInstanceIdentifier, not a tag", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).build(),
                                copy("orders", 3).tag(TagKeys.SOURCE_DB_IDENTIFIER, "users").build()),
                        "Delete " + id("orders", 2), "Delete " + id("orders", 3)),
                row("copies managed by another REPLICATION_ID are never touched", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(),
                                copy("orders", 2).tag(TagKeys.MANAGED_BY, "another-install").build(),
                                copy("orders", 3).tag(TagKeys.MANAGED_BY, "another-install").build())),
                row("a copy RDS says came from another region is a look-alike", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).sourceRegion("us-east-1")
                                .sourceArn("arn:aws:rds:us-east-1:123456789012:snapshot:rds:orders-h48").build()),
                        "LookAlike " + id("orders", 2)),
                row("a copy whose RDS source region disagrees with its ARN is a look-alike",
                        aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).sourceRegion("us-east-1").build()),
                        "LookAlike " + id("orders", 2)),
                row("a copy of another account's snapshot is a look-alike", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2)
                                .sourceArn("arn:aws:rds:eu-west-1:210987654321:snapshot:rds:orders-h48").build()),
                        "LookAlike " + id("orders", 2)),
                row("a same-region copy of a copy (no RDS source field) is a look-alike", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).id("orders-audit").sourceArn(null)
                                .sourceRegion(TestSnapshots.TARGET).build()),
                        "LookAlike orders-audit"),
                row("a restored database's manual snapshot with inherited tags is a look-alike",
                        aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).id("drill-final").sourceArn(null)
                                .sourceRegion(null).db("orders-drill").build()),
                        "LookAlike drill-final"),
                row("a copy without any source database is never touched", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(),
                                copy("orders", 2).db(null).withoutTag(TagKeys.SOURCE_DB_IDENTIFIER).build())),
                row("a cluster copy with an unreadable source time tag is never touched",
                        aPolicy().aurora().keepLast(1).build(),
                        List.of(clusterCopy("billing", 1).build(),
                                clusterCopy("billing", 2).tag(TagKeys.SOURCE_CREATED_AT, "yesterday").build())),
                row("only available copies expire; a failed copy goes once a newer copy exists",
                        aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("orders", 2).status("failed").build(),
                                copy("orders", 3).status("deleting").build(), copy("orders", 4).build()),
                        "Delete " + id("orders", 2), "Delete " + id("orders", 4)),
                row("a failed copy without a newer copy is left to the copy planner", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).status("failed").build(), copy("orders", 2).build())),
                row("a failed attempt goes once a later attempt exists", aPolicy().keepLast(1).build(),
                        List.of(attempt("orders", 1, 1).status("failed").build(),
                                attempt("orders", 1, 2).status("creating").build()),
                        "Delete " + attempt("orders", 1, 1).build().identifier()),
                row("never while a newer copy of that database is in progress", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 0).status("creating").build(), copy("orders", 1).build(),
                                copy("orders", 2).build()),
                        "Kept " + id("orders", 2)),
                row("an older copy in progress does not hold newer deletes", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 9).status("copying").build(), copy("orders", 1).build(),
                                copy("orders", 2).build()),
                        "Delete " + id("orders", 2)),
                row("the only available copy is kept even when too old", aPolicy().maxAge(Duration.ofDays(7))
                                .build(),
                        List.of(copy("orders", 30).build())),
                row("the newest available copy is kept while a newer copy is still running",
                        aPolicy().keepLast(1).maxAge(Duration.ofDays(7)).build(),
                        List.of(copy("orders", 0).status("creating").build(), copy("orders", 30).build())),
                row("max age deletes old copies but never the newest", aPolicy().keepLast(10)
                                .maxAge(Duration.ofDays(7)).build(),
                        List.of(copy("orders", 10).build(), copy("orders", 8).build(), copy("orders", 6).build(),
                                copy("orders", 20).build()),
                        "Delete " + id("orders", 8), "Delete " + id("orders", 10), "Delete " + id("orders", 20)),
                row("databases are judged apart", aPolicy().keepLast(1).build(),
                        List.of(copy("orders", 1).build(), copy("users", 5).build(), copy("users", 6).build()),
                        "Delete " + id("users", 6)));
    }

    private static Arguments row(String rule, ReplicationPolicy policy, List<Snapshot> targets, String... expected) {
        return Arguments.of(rule, policy, targets, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void appliesRetention(String rule, ReplicationPolicy policy, List<Snapshot> targets, List<String> expected) {
        Plan plan = planner.planSweep(policy, inventory(List.of(), List.of(), targets), NOW);

        assertThat(SweepCopyRulesTest.summarise(plan)).as(rule).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void tiesInCreationTimeDeleteExactlyTheSurplusWhateverTheListingOrder() {
        List<Snapshot> copies = new ArrayList<>();
        for (String suffix : List.of("a", "b", "c", "d")) {
            Snapshot source = aSourceSnapshot("orders", 24).id("rds:orders-tie-" + suffix).build();
            copies.add(aCopyOf(source).build());
        }
        ReplicationPolicy policy = aPolicy().keepLast(2).build();
        List<String> reference = SweepCopyRulesTest.summarise(
                planner.planSweep(policy, inventory(List.of(), List.of(), copies), NOW));
        Random random = new Random(7);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(copies, random);
            assertThat(SweepCopyRulesTest.summarise(planner.planSweep(policy,
                    inventory(List.of(), List.of(), copies), NOW))).isEqualTo(reference);
        }
        assertThat(reference).hasSize(2).allMatch(s -> s.startsWith("Delete "));
    }

    @Test
    void deleteReasonsNameTheRule() {
        Plan plan = planner.planSweep(aPolicy().keepLast(1).maxAge(Duration.ofDays(3)).build(),
                inventory(List.of(), List.of(), List.of(copy("orders", 1).build(), copy("orders", 2).build())), NOW);

        assertThat(plan.of(Decision.Delete.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("RETENTION_KEEP_LAST) is 1"));
    }

    @Test
    void sweepCopiesAndDeletesInOnePlanWithCopiesFirst() {
        Snapshot fresh = aSourceSnapshot("orders", 1).build();
        Plan plan = planner.planSweep(aPolicy().keepLast(1).build(), inventory(List.of(anInstance("orders")),
                List.of(fresh), List.of(copy("orders", 1).build(), copy("orders", 2).build())), NOW);

        assertThat(plan.decisions()).first().isInstanceOf(Decision.Copy.class);
        assertThat(plan.of(Decision.Delete.class)).hasSize(1);
    }
}
