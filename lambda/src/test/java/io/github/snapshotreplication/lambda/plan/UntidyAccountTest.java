package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.PREFIX;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real account contains besides this installation's copies: look-alikes whose tags travelled, failed copies,
 * sources with many tags, databases without backups or that RDS cannot copy.
 */
class UntidyAccountTest {

    private final ReplicationPlanner planner = new ReplicationPlanner();
    private final OwnershipProof proof = new OwnershipProof(aPolicy().aurora().build());
    private static final Snapshot SOURCE = aSourceSnapshot("orders", 2).build();

    @Test
    void onlyACopyWithEveryFactOfOwnershipIsOurs() {
        assertThat(proof.judge(aCopyOf(SOURCE).build())).isInstanceOf(OwnershipProof.Ours.class);
        assertThat(proof.judge(aCopyOf(SOURCE, 3).build())).isInstanceOfSatisfying(OwnershipProof.Ours.class,
                o -> assertThat(o.copy().attempt()).isEqualTo(3));
        assertThat(proof.judge(aCopyOf(aSourceSnapshot("billing", 2).cluster().build()).build()))
                .isInstanceOf(OwnershipProof.Ours.class);
        assertThat(proof.isCopyOf(aCopyOf(SOURCE).build(), SOURCE.arn())).isTrue();
        assertThat(proof.isCopyOf(aCopyOf(SOURCE).build(), aSourceSnapshot("orders", 3).build().arn())).isFalse();
    }

    @Test
    void snapshotsWithoutOurManagedByTagMakeNoClaim() {
        assertThat(proof.judge(aCopyOf(SOURCE).withoutOwnership().build())).isInstanceOf(OwnershipProof.NotOurs.class);
        assertThat(proof.judge(aCopyOf(SOURCE).tag(TagKeys.MANAGED_BY, "another-installation").build()))
                .isInstanceOf(OwnershipProof.NotOurs.class);
    }

    @Test
    void everyLookAlikeKindSaysWhichFactItLacks() {
        Map<String, Snapshot> lookAlikes = new LinkedHashMap<>();
        lookAlikes.put("automated", aCopyOf(SOURCE).id("rds:drill-db-2024").type("automated").sourceArn(null)
                .build());
        lookAlikes.put("no cross-region source", aCopyOf(SOURCE).id("audit-copy").sourceArn(null).build());
        lookAlikes.put("not from a snapshot of this account in eu-west-1", aCopyOf(SOURCE)
                .sourceArn("arn:aws:rds:eu-central-1:123456789012:snapshot:" + aCopyOf(SOURCE).build().identifier())
                .build());
        lookAlikes.put("SourceRegion", aCopyOf(SOURCE).sourceRegion(TARGET).build());
        lookAlikes.put("identifier is not the one", aCopyOf(SOURCE).id("orders-copy-renamed").build());
        lookAlikes.put("of " + TARGET, aCopyOf(SOURCE).region("us-east-1").build());
        lookAlikes.put("SourceDBClusterSnapshotArn", aCopyOf(aSourceSnapshot("billing", 2).cluster().build())
                .id("billing-copy-of-copy").sourceArn(null).build());

        lookAlikes.forEach((why, snapshot) -> assertThat(proof.judge(snapshot)).as(why)
                .isInstanceOfSatisfying(OwnershipProof.LookAlike.class,
                        l -> assertThat(l.reason()).contains("is not its copy").contains(why)));
    }

    @Test
    void lookAlikesAreReportedNeverDeletedNorCountedAsCopies() {
        Snapshot userCopy = aCopyOf(SOURCE).id("audit-copy").sourceArn(null).createdAt(NOW.minus(Duration.ofDays(400)))
                .build();
        Plan plan = planner.planSweep(aPolicy().keepLast(1).maxAge(Duration.ofDays(7)).build(),
                inventory(List.of(anInstance("orders")), List.of(SOURCE), List.of(userCopy)), NOW);

        assertThat(plan.of(Decision.Delete.class)).isEmpty();
        assertThat(plan.of(Decision.Copy.class)).singleElement()
                .satisfies(c -> assertThat(c.snapshot()).isEqualTo(SOURCE));
        assertThat(plan.of(Decision.LookAlike.class)).singleElement()
                .satisfies(l -> assertThat(l.snapshot()).isEqualTo(userCopy));
        assertThat(plan.recoveryPoints()).singleElement().satisfies(p -> assertThat(p.hasNoCopy()).isTrue());
    }

    @Test
    void aFailedCopyIsRetriedAfterItsBackoffAsTheNextAttemptReplacingIt() {
        Snapshot source = aSourceSnapshot("orders", 5).build();
        Snapshot failed = aCopyOf(source).status("failed").build();

        Plan plan = planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")), List.of(source),
                List.of(failed)), NOW);

        assertThat(plan.of(Decision.Copy.class)).singleElement().satisfies(c -> {
            assertThat(c.attempt()).isEqualTo(2);
            assertThat(c.targetIdentifier()).isEqualTo(aCopyOf(source, 2).build().identifier());
            assertThat(c.replaces()).isEqualTo(failed);
            assertThat(c.reason()).contains("attempt 2").contains(failed.identifier());
        });
        assertThat(plan.of(Decision.Delete.class)).as("deleted by the executor once the retry started").isEmpty();
    }

    @Test
    void eachRetryWaitsFourTimesLongerAndTheLastFailureNeedsAPerson() {
        Snapshot source = aSourceSnapshot("orders", 5).build();
        Snapshot secondFailedRecently = aCopyOf(source, 2).status("failed")
                .tag(TagKeys.COPY_STARTED_AT, NOW.minus(Duration.ofHours(3)).toString()).build();
        Snapshot secondFailedLongAgo = aCopyOf(source, 2).status("failed")
                .tag(TagKeys.COPY_STARTED_AT, NOW.minus(Duration.ofHours(4)).toString()).build();
        Snapshot lastFailed = aCopyOf(source, 3).status("failed").build();

        assertThat(planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")), List.of(source),
                List.of(secondFailedRecently)), NOW).decisions()).singleElement()
                .isInstanceOfSatisfying(Decision.Deferred.class, d -> assertThat(d.reason())
                        .contains("attempt 3 starts after " + NOW.plus(Duration.ofHours(1))));
        assertThat(planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")), List.of(source),
                List.of(secondFailedLongAgo)), NOW).of(Decision.Copy.class)).singleElement()
                .satisfies(c -> assertThat(c.attempt()).isEqualTo(3));
        assertThat(planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")), List.of(source),
                List.of(lastFailed)), NOW).decisions()).singleElement()
                .isInstanceOfSatisfying(Decision.Rejected.class, r -> assertThat(r.reason())
                        .contains("all 3 copy attempts failed").contains(lastFailed.identifier()));
    }

    @Test
    void copyTagsFitRdsLimitsWhateverTheSourceCarries() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put(String.format("team-tag-%02d", i), "v" + i);
        }
        many.put("aws:cloudformation:stack-name", "db");
        many.put("empty", "");
        many.put(TagKeys.MANAGED_BY, "inherited-from-a-restore");
        String longId = "rds:" + "x".repeat(240);
        Snapshot source = aSourceSnapshot("orders", 1).id(longId).tags(many).build();

        CopyTags tags = CopyTags.forCopy(source, REPLICATION_ID, NOW);

        assertThat(tags.tags()).hasSize(CopyTags.MAX_TAGS)
                .containsEntry(TagKeys.MANAGED_BY, REPLICATION_ID)
                .doesNotContainKey(TagKeys.SOURCE_SNAPSHOT_ARN)
                .doesNotContainKey("aws:cloudformation:stack-name").doesNotContainKey("empty")
                .containsEntry("team-tag-00", "v0");
        assertThat(tags.tags().values()).allMatch(v -> !v.isEmpty() && v.length() <= CopyTags.MAX_VALUE_LENGTH);
        assertThat(tags.dropped()).isEqualTo(63 - (CopyTags.MAX_TAGS - 5));
        assertThat(CopyTags.forCopy(source, REPLICATION_ID, NOW)).isEqualTo(tags);

        Plan plan = planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")), List.of(source),
                List.of()), NOW);
        assertThat(plan.of(Decision.Copy.class)).singleElement().satisfies(c -> {
            assertThat(c.tags()).hasSize(CopyTags.MAX_TAGS);
            assertThat(c.reason()).contains("of the source's tags are not copied");
            assertThat(c.targetIdentifier()).startsWith(PREFIX + "-");
        });
    }

    @Test
    void databasesThatCannotHaveACopyAreCountedApartFromThoseWithoutOne() {
        List<SourceDatabase> databases = List.of(anInstance("orders"),
                new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "legacy", Map.of(), "mysql", 0, null),
                new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "erp", Map.of(), "custom-oracle-ee", 7, null),
                new SourceDatabase(SnapshotKind.DB_CLUSTER_SNAPSHOT, "maz", Map.of(), "postgres", 7, null),
                new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "orders-replica", Map.of(), "postgres", 0, "orders"));

        List<RecoveryPoint> points = RecoveryPoints.compute(aPolicy().aurora().build(), databases, List.of(), NOW);

        assertThat(points).extracting(RecoveryPoint::dbIdentifier, RecoveryPoint::coverage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("erp", RecoveryPoint.Coverage.NOT_COPYABLE),
                org.assertj.core.groups.Tuple.tuple("legacy", RecoveryPoint.Coverage.BACKUPS_DISABLED),
                org.assertj.core.groups.Tuple.tuple("orders", RecoveryPoint.Coverage.NO_COPY),
                org.assertj.core.groups.Tuple.tuple("maz", RecoveryPoint.Coverage.NOT_COPYABLE));
        assertThat(points.get(0).note()).contains("RDS Custom");
        assertThat(points.get(3).note()).contains("Multi-AZ DB cluster");
        assertThat(RecoveryPoints.compute(aPolicy().readReplicas().build(), databases, List.of(), NOW))
                .extracting(RecoveryPoint::dbIdentifier).contains("orders-replica");
    }
}
