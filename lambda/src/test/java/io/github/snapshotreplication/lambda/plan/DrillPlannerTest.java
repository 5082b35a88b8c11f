package io.github.snapshotreplication.lambda.plan;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.ACCOUNT;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET_KEY;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCluster;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.Settings;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.drill.DrillAction;
import io.github.snapshotreplication.lambda.plan.drill.DrillFailure;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlanner;
import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restore drill's decisions, run by run: what a round asks for, when drills start, how each ends, what is
 * deleted, and that nothing but this drill's own databases is ever touched.
 */
class DrillPlannerTest {

    private static final String DRILL_START = CopyIdentifiers.drillIdentifierStart(REPLICATION_ID);

    private final DrillPlanner planner = new DrillPlanner();
    private final List<SourceDatabase> databases = new ArrayList<>();
    private final List<Snapshot> copies = new ArrayList<>();
    private final List<TargetDatabase> instances = new ArrayList<>();
    private final List<TargetDatabase> clusters = new ArrayList<>();

    @Test
    void aRoundAsksForEverySelectedDatabaseAndStartsAsManyAsTheCapAllows() {
        for (String db : List.of("alpha", "bravo", "charlie")) {
            replicated(db);
        }

        DrillPlan plan = plan(policy(2, null), true, NOW);

        assertThat(plan.picked()).containsExactly("alpha", "bravo", "charlie");
        assertThat(actions(plan, DrillAction.WriteLedger.class)).hasSize(3)
                .allSatisfy(w -> assertThat(w.tags()).containsEntry(TagKeys.DRILL_REQUESTED_AT, NOW.toString())
                        .containsEntry(TagKeys.DRILL_FIRST_REQUESTED_AT, NOW.toString()));
        List<DrillAction.Restore> restores = actions(plan, DrillAction.Restore.class);
        assertThat(restores).extracting(DrillAction.Restore::dbIdentifier).containsExactly("alpha", "bravo");
        DrillAction.Restore alpha = restores.get(0);
        assertThat(alpha.identifier()).isEqualTo(DRILL_START + "db-alpha");
        assertThat(alpha.copy().dbIdentifier()).isEqualTo("alpha");
        assertThat(alpha.instanceClass()).isEqualTo("db.t4g.micro");
        assertThat(alpha.tags()).containsEntry(TagKeys.DRILL, REPLICATION_ID)
                .containsEntry(TagKeys.SOURCE_DB_IDENTIFIER, "alpha")
                .containsEntry(TagKeys.DRILL_STARTED_AT, NOW.toString())
                .containsEntry(TagKeys.DRILL_COPY_ARN, alpha.copy().arn())
                .doesNotContainKey(TagKeys.MANAGED_BY);
        assertThat(plan.actions().indexOf(alpha)).as("the request is written before the restore")
                .isGreaterThan(plan.actions().indexOf(actions(plan, DrillAction.WriteLedger.class).get(0)));
    }

    @Test
    void theNewestAvailableCopyIsRestored() {
        databases.add(anInstance("alpha"));
        Snapshot older = aCopyOf(aSourceSnapshot("alpha", 48).build()).engine("postgres").build();
        Snapshot newer = aCopyOf(aSourceSnapshot("alpha", 24).build()).engine("postgres").build();
        Snapshot copying = aCopyOf(aSourceSnapshot("alpha", 1).build()).engine("postgres").status("copying").build();
        copies.addAll(List.of(older, newer, copying));

        DrillPlan plan = plan(policy(2, null), true, NOW);

        assertThat(actions(plan, DrillAction.Restore.class)).singleElement()
                .satisfies(r -> assertThat(r.copy()).isEqualTo(newer));
    }

    @Test
    void aRoundOfNPicksTheLeastRecentlyPassedFirstAndNeverDrilledBeforeThem() {
        replicated("alpha", passed(NOW.minus(Duration.ofDays(3))));
        replicated("bravo", passed(NOW.minus(Duration.ofDays(20))));
        replicated("charlie");
        replicated("delta", passed(NOW.minus(Duration.ofDays(1))));

        DrillPlan plan = plan(policy(5, 2), true, NOW);

        assertThat(plan.picked()).containsExactly("charlie", "bravo");
    }

    @Test
    void anEngineWithoutAnInstanceClassIsRefusedNeverRestoredAtTheSourcesSize() {
        replicated("alpha");
        DrillPolicy policy = new DrillPolicy(aPolicy().build(), "drill-subnets", List.of("sg-0123456789abcdef0"),
                Map.of("mysql", "db.t4g.micro"), 2, Duration.ofHours(6), null, DatabaseScope.ALL,
                Duration.ofDays(15));

        DrillPlan plan = planner.plan(policy, databases, new ProvenCopies(policy.replication(), copies), instances,
                clusters, true, NOW);

        assertThat(actions(plan, DrillAction.Restore.class)).isEmpty();
        assertThat(actions(plan, DrillAction.Refuse.class)).singleElement().satisfies(r -> {
            assertThat(r.outcome().cause()).isEqualTo(DrillFailure.INSTANCE_CLASS);
            assertThat(r.outcome().problems()).singleElement().asString().contains("postgres")
                    .contains("restoreDrill.instanceClasses");
            assertThat(r.ledger()).containsEntry(TagKeys.DRILL_ENDED_AT, NOW.toString())
                    .containsEntry(TagKeys.DRILL_REQUESTED_AT, NOW.toString());
        });
        assertThat(actions(plan, DrillAction.WriteLedger.class)).as("the refusal writes the ledger").isEmpty();
    }

    @Test
    void anAdvanceRunStartsNoDrillThatNoRoundAskedFor() {
        replicated("alpha");

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.picked()).isEmpty();
    }

    @Test
    void aDueDrillStartsOnAnAdvanceRunOnceASlotIsFree() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(2)), null));
        replicated("bravo", ledger(NOW.minus(Duration.ofHours(2)), null));
        instances.add(drillInstance("alpha", "available", NOW.minus(Duration.ofMinutes(30))));

        DrillPlan full = plan(policy(1, null), false, NOW);
        DrillPlan roomy = plan(policy(2, null), false, NOW);

        assertThat(actions(full, DrillAction.Restore.class)).isEmpty();
        assertThat(actions(roomy, DrillAction.Restore.class)).extracting(DrillAction.Restore::dbIdentifier)
                .containsExactly("bravo");
    }

    @Test
    void aDrillDatabaseBeingDeletedStillCountsAgainstTheCap() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(2)), null));
        replicated("bravo", ledger(NOW.minus(Duration.ofHours(2)), null));
        instances.add(drillInstance("alpha", "deleting", NOW.minus(Duration.ofMinutes(30))));

        DrillPlan plan = plan(policy(1, null), false, NOW);

        assertThat(plan.inFlight()).isEqualTo(1);
        assertThat(actions(plan, DrillAction.Restore.class)).isEmpty();
    }

    @Test
    void aRestoringDrillWaits() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        instances.add(drillInstance("alpha", "creating", NOW.minus(Duration.ofMinutes(20))));

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(actions(plan, DrillAction.Wait.class)).singleElement()
                .satisfies(w -> assertThat(w.status()).contains("creating"));
        assertThat(actions(plan, DrillAction.Restore.class)).as("never a second drill of one database").isEmpty();
    }

    @Test
    void anAvailableDrillThatPassesItsChecksIsRecordedBeforeItIsDeleted() {
        Snapshot copy = replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        Instant started = NOW.minus(Duration.ofMinutes(40));
        instances.add(drillInstance("alpha", "available", started));

        DrillPlan plan = plan(policy(2, null), false, NOW);

        DrillAction.Finish finish = actions(plan, DrillAction.Finish.class).get(0);
        assertThat(finish.outcome().passed()).isTrue();
        assertThat(finish.outcome().restoreDuration()).isEqualTo(Duration.ofMinutes(40));
        assertThat(finish.ledgerCopy()).isEqualTo(copy);
        assertThat(finish.ledgerTags()).containsEntry(TagKeys.DRILL_ENDED_AT, NOW.toString())
                .containsEntry(TagKeys.DRILL_PASSED_AT, NOW.toString());
        assertThat(finish.deletes()).extracting(TargetDatabase::identifier).containsExactly(DRILL_START + "db-alpha");
        assertThat(actions(plan, DrillAction.WriteLedger.class)).as("the finish writes the ledger itself").isEmpty();
    }

    @Test
    void everyFailedCheckIsReportedAndTheFirstNamesTheCause() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        TargetDatabase restored = drillInstance("alpha", "available", NOW.minus(Duration.ofMinutes(40)));
        instances.add(new TargetDatabase(false, restored.identifier(), restored.arn(), "available", "postgres",
                "15.2", 20, true, "arn:aws:kms:eu-central-1:" + ACCOUNT + ":key/another", true,
                Map.of("default:postgres-16", "in-sync"), Map.of("default.postgres16", "in-sync"), null,
                restored.createdAt(), restored.tags()));

        DrillAction.Finish finish = actions(plan(policy(2, null), false, NOW), DrillAction.Finish.class).get(0);

        assertThat(finish.outcome().passed()).isFalse();
        assertThat(finish.outcome().cause()).isEqualTo(DrillFailure.CHECK);
        assertThat(finish.outcome().problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("publicly accessible"))
                .anySatisfy(p -> assertThat(p).contains("version 15.2").contains("16.4"))
                .anySatisfy(p -> assertThat(p).contains("another").contains(TARGET_KEY));
        assertThat(finish.ledgerTags()).containsEntry(TagKeys.DRILL_ENDED_AT, NOW.toString())
                .doesNotContainKey(TagKeys.DRILL_PASSED_AT);
        assertThat(finish.deletes()).hasSize(1);
    }

    @Test
    void aFailureStatusEndsTheDrillWithItsCause() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        instances.add(drillInstance("alpha", "incompatible-network", NOW.minus(Duration.ofMinutes(40))));

        DrillAction.Finish finish = actions(plan(policy(2, null), false, NOW), DrillAction.Finish.class).get(0);

        assertThat(finish.outcome().cause()).isEqualTo(DrillFailure.SUBNET_GROUP);
        assertThat(finish.outcome().cause().runbook()).isEqualTo("docs/runbook.md#drill-subnet-group");
        assertThat(finish.deletes()).hasSize(1);
    }

    @Test
    void aDrillOlderThanItsCapIsFailedAndDeletedWhateverItsState() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(8)), null));
        instances.add(drillInstance("alpha", "creating", NOW.minus(Duration.ofHours(6).plusMinutes(1))));

        DrillAction.Finish finish = actions(plan(policy(2, null), false, NOW), DrillAction.Finish.class).get(0);

        assertThat(finish.outcome().cause()).isEqualTo(DrillFailure.TIMEOUT);
        assertThat(finish.deletes()).extracting(TargetDatabase::identifier).containsExactly(DRILL_START + "db-alpha");
    }

    @Test
    void onlyAdvanceRunsFinishDrillsSoARoundRunAlongsideOneCannotCountAnOutcomeTwice() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        instances.add(drillInstance("alpha", "available", NOW.minus(Duration.ofMinutes(40))));

        DrillPlan round = plan(policy(2, null), true, NOW);

        assertThat(round.inFlight()).isEqualTo(1);
        assertThat(round.actions()).noneMatch(a -> a instanceof DrillAction.Finish || a instanceof DrillAction.Cleanup
                || a instanceof DrillAction.Restore);
        assertThat(round.picked()).as("a database with a drill alive waits for the next round").isEmpty();
    }

    @Test
    void aDrillNameHeldByALookAlikeIsRefusedBeforeRdsIsAsked() {
        replicated("alpha");
        instances.add(instance(DRILL_START + "db-alpha", "available", Map.of(), NOW.minus(Duration.ofDays(2))));

        DrillPlan plan = plan(policy(2, null), true, NOW);

        assertThat(actions(plan, DrillAction.Restore.class)).isEmpty();
        assertThat(actions(plan, DrillAction.Refuse.class)).singleElement().satisfies(r ->
                assertThat(r.outcome().cause()).isEqualTo(DrillFailure.IDENTIFIER_TAKEN));
        assertThat(plan.lookAlikes()).hasSize(1);
    }

    @Test
    void aDrillWhoseOutcomeIsRecordedIsOnlyDeletedNeverCountedAgain() {
        Instant started = NOW.minus(Duration.ofMinutes(50));
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(5))));
        instances.add(drillInstance("alpha", "available", started));

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(actions(plan, DrillAction.Finish.class)).isEmpty();
        assertThat(actions(plan, DrillAction.Cleanup.class)).singleElement().satisfies(c ->
                assertThat(c.deletes()).extracting(TargetDatabase::identifier)
                        .containsExactly(DRILL_START + "db-alpha"));
        assertThat(actions(plan, DrillAction.Restore.class)).isEmpty();
    }

    @Test
    void anAuroraDrillGetsItsInstanceWhenTheClusterIsUpAndIsDeletedInstanceFirst() {
        replicatedCluster("ledger");
        Instant started = NOW.minus(Duration.ofMinutes(30));
        clusters.add(drillCluster("ledger", "available", started));

        DrillPlan creating = plan(policy(2, null), false, NOW);

        DrillAction.CreateClusterInstance create = actions(creating, DrillAction.CreateClusterInstance.class).get(0);
        assertThat(create.identifier()).isEqualTo(DRILL_START + "cl-ledger");
        assertThat(create.instanceClass()).isEqualTo("db.t4g.medium");
        assertThat(create.tags()).containsEntry(TagKeys.DRILL, REPLICATION_ID)
                .containsEntry(TagKeys.SOURCE_DB_IDENTIFIER, "ledger");

        instances.add(member("ledger", "available", started));
        DrillAction.Finish finish = actions(plan(policy(2, null), false, NOW), DrillAction.Finish.class).get(0);

        assertThat(finish.outcome().passed()).isTrue();
        assertThat(finish.deletes()).extracting(TargetDatabase::cluster).containsExactly(false, true);
    }

    @Test
    void databasesThatOnlyLookLikeDrillDatabasesAreNeverTouched() {
        replicated("alpha", ledger(NOW.minus(Duration.ofHours(1)), null));
        Instant old = NOW.minus(Duration.ofDays(3));
        TargetDatabase ours = drillInstance("alpha", "available", old);
        Map<String, String> otherTag = new LinkedHashMap<>(ours.tags());
        otherTag.put(TagKeys.DRILL, "another-installation");
        instances.add(instance(DRILL_START + "db-bravo", "available", otherTag, old));
        instances.add(instance("restored-by-a-user", "available", ours.tags(), old));
        instances.add(instance(DRILL_START + "db-charlie", "available", Map.of(), old));

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(plan.lookAlikes()).hasSize(3);
        assertThat(plan.actions()).noneMatch(a -> a instanceof DrillAction.Finish || a instanceof DrillAction.Cleanup);
    }

    @Test
    void theLedgerIsCarriedToTheNewestCopySoItOutlivesRetention() {
        databases.add(anInstance("alpha"));
        Instant passedAt = NOW.minus(Duration.ofDays(4));
        copies.add(aCopyOf(aSourceSnapshot("alpha", 120).build()).engine("postgres")
                .tags(passed(passedAt)).build());
        Snapshot newest = aCopyOf(aSourceSnapshot("alpha", 24).build()).engine("postgres").build();
        copies.add(newest);

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(actions(plan, DrillAction.WriteLedger.class)).singleElement().satisfies(w -> {
            assertThat(w.copy()).isEqualTo(newest);
            assertThat(w.why()).isEqualTo("carry-forward");
            assertThat(w.tags()).containsEntry(TagKeys.DRILL_PASSED_AT, passedAt.toString())
                    .containsEntry(TagKeys.DRILL_FIRST_REQUESTED_AT, passedAt.toString());
        });
    }

    @Test
    void aDatabaseIsOverdueWhenItsLastPassOrItsFirstRequestIsOlderThanTheWindow() {
        replicated("passed-long-ago", passed(NOW.minus(Duration.ofDays(40))));
        replicated("passed-lately", passed(NOW.minus(Duration.ofDays(2))));
        Map<String, String> neverPassed = new LinkedHashMap<>(ledger(NOW.minus(Duration.ofDays(1)), null));
        neverPassed.put(TagKeys.DRILL_FIRST_REQUESTED_AT, NOW.minus(Duration.ofDays(30)).toString());
        replicated("never-passed", neverPassed);
        replicated("never-asked");

        DrillPlan plan = plan(policy(2, null), false, NOW);

        assertThat(plan.overdue()).containsExactlyInAnyOrder("passed-long-ago", "never-passed");
    }

    @Test
    void onlySelectedDatabasesAreDrilled() {
        replicated("orders");
        replicated("scratch");
        DrillPolicy policy = new DrillPolicy(aPolicy().build(), "drill-subnets", List.of("sg-0123456789abcdef0"),
                Settings.DEFAULT_DRILL_INSTANCE_CLASSES, 2, Duration.ofHours(6), null,
                new DatabaseScope(List.of("ord*"), List.of(), Map.of()), Duration.ofDays(15));

        DrillPlan plan = planner.plan(policy, databases, new ProvenCopies(policy.replication(), copies), instances,
                clusters, true, NOW);

        assertThat(plan.selected()).containsExactly("orders");
        assertThat(actions(plan, DrillAction.Restore.class)).extracting(DrillAction.Restore::dbIdentifier)
                .containsExactly("orders");
    }

    // --- helpers ---

    private DrillPlan plan(DrillPolicy policy, boolean round, Instant now) {
        return planner.plan(policy, databases, new ProvenCopies(policy.replication(), copies), instances, clusters,
                round, now);
    }

    private static DrillPolicy policy(int maxConcurrent, Integer perRound) {
        return new DrillPolicy(aPolicy().aurora().build(), "drill-subnets", List.of("sg-0123456789abcdef0"),
                Settings.DEFAULT_DRILL_INSTANCE_CLASSES, maxConcurrent, Duration.ofHours(6), perRound,
                DatabaseScope.ALL, Duration.ofDays(15));
    }

    private Snapshot replicated(String db) {
        return replicated(db, Map.of());
    }

    private Snapshot replicated(String db, Map<String, String> ledger) {
        databases.add(anInstance(db));
        Snapshot copy = aCopyOf(aSourceSnapshot(db, 24).build()).engine("postgres").engineVersion("16.4")
                .allocatedStorage(20).encrypted().tags(ledger).build();
        copies.add(copy);
        return copy;
    }

    private void replicatedCluster(String db) {
        databases.add(aCluster(db));
        copies.add(aCopyOf(aSourceSnapshot(db, 24).cluster().id("rds:" + db + "-c").build()).engine("aurora-postgresql")
                .engineVersion("16.4").tags(ledger(NOW.minus(Duration.ofHours(1)), null)).build());
    }

    /** Ledger tags: requested at, ended at (may be null). */
    private static Map<String, String> ledger(Instant requested, Instant ended) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (requested != null) {
            tags.put(TagKeys.DRILL_REQUESTED_AT, requested.toString());
            tags.put(TagKeys.DRILL_FIRST_REQUESTED_AT, requested.toString());
        }
        if (ended != null) {
            tags.put(TagKeys.DRILL_ENDED_AT, ended.toString());
        }
        return tags;
    }

    /** Ledger tags of a drill asked for, ended and passed at {@code at}. */
    private static Map<String, String> passed(Instant at) {
        Map<String, String> tags = ledger(at, at);
        tags.put(TagKeys.DRILL_PASSED_AT, at.toString());
        return tags;
    }

    private TargetDatabase drillInstance(String db, String status, Instant started) {
        Snapshot copy = copies.stream().filter(c -> db.equals(c.dbIdentifier())).findFirst().orElseThrow();
        return instance(DRILL_START + "db-" + db, status, drillTags(db, started, copy), started);
    }

    private TargetDatabase drillCluster(String db, String status, Instant started) {
        Snapshot copy = copies.stream().filter(c -> db.equals(c.dbIdentifier())).findFirst().orElseThrow();
        return new TargetDatabase(true, DRILL_START + "cl-" + db, arn("cluster", DRILL_START + "cl-" + db), status,
                "aurora-postgresql", "16.4", null, false, null, false, Map.of(), Map.of(), null, started,
                drillTags(db, started, copy));
    }

    private TargetDatabase member(String db, String status, Instant started) {
        Snapshot copy = copies.stream().filter(c -> db.equals(c.dbIdentifier())).findFirst().orElseThrow();
        return new TargetDatabase(false, DRILL_START + "cl-" + db, arn("db", DRILL_START + "cl-" + db), status,
                "aurora-postgresql", "16.4", 1, false, null, false, Map.of(), Map.of(), DRILL_START + "cl-" + db,
                started, drillTags(db, started, copy));
    }

    private static TargetDatabase instance(String id, String status, Map<String, String> tags, Instant created) {
        return new TargetDatabase(false, id, arn("db", id), status, "postgres", "16.4", 20, true, TARGET_KEY, false,
                Map.of("default:postgres-16", "in-sync"), Map.of("default.postgres16", "in-sync"), null, created,
                tags);
    }

    private static Map<String, String> drillTags(String db, Instant started, Snapshot copy) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TagKeys.DRILL, REPLICATION_ID);
        tags.put(TagKeys.SOURCE_DB_IDENTIFIER, db);
        tags.put(TagKeys.DRILL_STARTED_AT, started.toString());
        tags.put(TagKeys.DRILL_COPY_ARN, copy.arn());
        return tags;
    }

    private static String arn(String type, String id) {
        return "arn:aws:rds:" + TARGET + ":" + ACCOUNT + ":" + type + ":" + id;
    }

    private static <T extends DrillAction> List<T> actions(DrillPlan plan, Class<T> type) {
        return plan.actions().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
