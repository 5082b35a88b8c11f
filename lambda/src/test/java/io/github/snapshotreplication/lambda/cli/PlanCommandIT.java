package io.github.snapshotreplication.lambda.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.engine.FakeRdsHarness;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.NOW;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.SOURCE;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.sourceArn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar ... plan} against a known state: what it prints, and that it changes nothing.
 */
class PlanCommandIT {

    private static final String DRILL_START = CopyIdentifiers.drillIdentifierStart(REPLICATION_ID);

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void givenAKnownState() {
        for (int i = 0; i < 3; i++) {
            fake.addInstanceWithSnapshots("db" + i, false, 1);
        }
        for (int day = 1; day <= 3; day++) {
            String id = "rds:db0-old-" + day;
            fake.targetRegion().addDbSnapshot(DbSnapshot.builder().identifier(FakeRdsHarness.copyIdOf(sourceArn(id)))
                    .dbInstanceIdentifier("db0").createdAt(NOW.minus(Duration.ofDays(day))).sourceRegion(SOURCE)
                    .sourceDbSnapshotIdentifier(sourceArn(id))
                    .tags(Map.of(TagKeys.MANAGED_BY, REPLICATION_ID, TagKeys.SOURCE_SNAPSHOT_ARN, sourceArn(id),
                            TagKeys.SOURCE_DB_IDENTIFIER, "db0", TagKeys.SOURCE_REGION, SOURCE,
                            TagKeys.SOURCE_CREATED_AT, NOW.minus(Duration.ofDays(day)).toString())).build());
        }
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private int run(String... args) {
        return run(FakeRdsHarness.env("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "2", "RETENTION_KEEP_LAST", "2"), NOW,
                args);
    }

    /** The command with the drill function's environment, as the construct sets it, at {@code now}. */
    private int runDrill(Instant now, String... args) {
        return run(FakeRdsHarness.env("INCLUDE_AURORA_CLUSTERS", "true", "DRILL_SUBNET_GROUP",
                FakeRdsHarness.DRILL_SUBNET_GROUP, "DRILL_SECURITY_GROUP_IDS",
                "[\"" + FakeRdsHarness.DRILL_SECURITY_GROUP + "\"]"), now, args);
    }

    private int run(Map<String, String> env, Instant now, String... args) {
        return PlanCommand.run(List.of(args), env, ClientSettings.localEndpoint(fake.rds.endpoint()),
                Clock.fixed(now, ZoneOffset.UTC), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Copies of every database's newest snapshot in the target region, as a sweep makes them; then no request. */
    private void replicateEverything() {
        fake.engine().sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        fake.rds.clearRequests();
    }

    /** Only reads reached the fake: no Copy*, Delete*, Create*, Modify*, Restore* or tag request, no other call. */
    private void assertOnlyDescribeCalls() {
        assertThat(fake.rds.mutatingRequests()).isEmpty();
        assertThat(fake.rds.requests()).extracting(RecordedRequest::action).isNotEmpty()
                .allSatisfy(action -> assertThat(action).isIn("DescribeDBInstances", "DescribeDBClusters",
                        "DescribeDBSnapshots", "DescribeDBClusterSnapshots"));
    }

    @Test
    void printsCopiesDeferralsAndDeletesWithReasonsAndMakesNoMutatingCall() {
        int status = run("plan");

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table).contains("Plan of replication orders-dr: eu-west-1 -> eu-central-1 at " + NOW);
        assertThat(table.lines().filter(l -> l.startsWith("copy "))).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("no copy in eu-central-1; copy as "
                        + CopyIdentifiers.prefixOf(REPLICATION_ID) + "-rds-"));
        assertThat(table.lines().filter(l -> l.startsWith("defer "))).singleElement()
                .satisfies(l -> assertThat(l).contains("MAX_CONCURRENT_DB_SNAPSHOT_COPIES) is 2"));
        assertThat(table.lines().filter(l -> l.startsWith("delete "))).singleElement()
                .satisfies(l -> assertThat(l).contains(FakeRdsHarness.copyIdOf(sourceArn("rds:db0-old-3")))
                        .contains("RETENTION_KEEP_LAST) is 2"));
        assertThat(table).containsPattern("db0 +db-snapshot +1d 0h").containsPattern("db1 +db-snapshot +no copy");
        assertThat(fake.rds.mutatingRequestCount()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void printsJson() {
        assertThat(run("plan", "--json")).isZero();

        Map<String, Object> plan = json();
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) plan.get("decisions");
        assertThat(decisions).extracting(d -> d.get("action"))
                .containsExactlyInAnyOrder("copy", "copy", "defer", "delete");
        assertThat(decisions).filteredOn(d -> "copy".equals(d.get("action")))
                .allSatisfy(d -> assertThat(d).containsKeys("target_snapshot_id", "snapshot_arn", "reason"));
        assertThat(plan).containsEntry("target_region", "eu-central-1");
        assertThat(fake.rds.mutatingRequestCount()).isZero();
    }

    @Test
    void setOverridesAnEnvironmentVariable() {
        assertThat(run("plan", "--set", "EXCLUDE_DB_IDENTIFIERS=[\"db*\"]")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("copy "))).isEmpty();
    }

    @Test
    void badArgumentsAndSettingsExitWithTwoAndSayWhy() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("plan", "--yaml")).isEqualTo(2);
        assertThat(run("plan", "--set", "RETENTION_KEEP_LAST=0")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("--yaml")
                .contains("retentionKeepLast (RETENTION_KEEP_LAST) must be a whole number");
        assertThat(fake.rds.requests()).isEmpty();
    }

    @Test
    void aDrillRoundPlanListsThePicksRestoresRefusalsLedgerWritesAndLookAlikes() {
        replicateEverything();
        // Someone else's database under db0's drill name: a look-alike, and db0's drill is refused.
        fake.targetRegion().addDbInstance(DbInstance.builder().identifier(DRILL_START + "db-db0").build());

        int status = runDrill(NOW, "plan", "--drill", "--round");

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table).contains("Drill plan of replication orders-dr: eu-central-1, next drill-round run at " + NOW)
                .contains("Selected (3): db0, db1, db2").contains("Overdue (0): none")
                .contains("Round picks (3): db0, db1, db2").contains("Drills alive: 0 of at most 2");
        assertThat(table.lines().filter(l -> l.startsWith("restore "))).as("the other slot of DRILL_MAX_CONCURRENT")
                .singleElement().satisfies(l -> assertThat(l).containsPattern("^restore +db1 +" + DRILL_START
                        + "db-db1 +copy " + CopyIdentifiers.prefixOf(REPLICATION_ID) + "-rds-db1-")
                        .endsWith(", class db.t4g.micro"));
        assertThat(table.lines().filter(l -> l.startsWith("refuse "))).singleElement().satisfies(l -> assertThat(l)
                .containsPattern("^refuse +db0 +" + DRILL_START + "db-db0 +failed, identifier-taken: a database named")
                .contains("see docs/runbook.md#drill-identifier-taken"));
        assertThat(table.lines().filter(l -> l.startsWith("write-ledger "))).as("db0's ledger goes with its refusal")
                .hasSize(2).allSatisfy(l -> assertThat(l).contains("round on copy ")
                        .contains(TagKeys.DRILL_REQUESTED_AT + "=" + NOW));
        assertThat(table).containsPattern("db-instance " + DRILL_START + "db-db0 +its identifier starts with")
                .contains("Summary: {refuse=1, restore=1, write-ledger=2}");
        assertOnlyDescribeCalls();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDrillInProgressShowsTheStepTheNextAdvanceRunTakes() {
        replicateEverything();
        fake.targetRegion().restoreTiming(Duration.ofMinutes(23), Duration.ofMinutes(4));
        fake.drillEngine("DRILL_DB_IDENTIFIERS", "[\"db1\"]").run(true, TimeBudget.unlimited());
        fake.rds.clearRequests();

        assertThat(runDrill(NOW.plus(Duration.ofMinutes(5)), "plan", "--drill")).isZero();
        String waiting = out.toString(StandardCharsets.UTF_8);
        assertThat(waiting).contains("next drill-advance run").contains("Drills alive: 1 of at most 2")
                .containsPattern(DRILL_START + "db-db1 +db1 +" + NOW + " +wait +db-instance " + DRILL_START
                        + "db-db1 creating")
                .containsPattern("wait +db1 +" + DRILL_START + "db-db1 +RDS is working: db-instance");
        assertThat(waiting.lines().filter(l -> l.startsWith("restore "))).as("db1 drills already").isEmpty();

        out.reset();
        fake.advance(Duration.ofMinutes(30));
        fake.rds.clearRequests();
        assertThat(runDrill(NOW.plus(Duration.ofMinutes(30)), "plan", "--drill", "--json")).isZero();
        Map<String, Object> plan = json();
        assertThat((List<Map<String, Object>>) plan.get("drills")).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("db_id", "db1").containsEntry("next_step", "finish"));
        assertThat((List<Map<String, Object>>) plan.get("actions")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("action", "finish").containsEntry("passed", true)
                .containsEntry("deletes", List.of("db-instance " + DRILL_START + "db-db1")));
        assertThat(fake.targetRegion().dbInstance(DRILL_START + "db-db1")).as("still there").isPresent();
        assertOnlyDescribeCalls();
    }

    @Test
    void aRoundPlanLeavesTheDrillsAliveToTheAdvanceRuns() {
        replicateEverything();
        fake.drillEngine("DRILL_DB_IDENTIFIERS", "[\"db1\"]").run(true, TimeBudget.unlimited());
        fake.rds.clearRequests();

        assertThat(runDrill(NOW, "plan", "--drill", "--round", "--set", "DRILL_DATABASES_PER_ROUND=2")).isZero();

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).containsPattern(DRILL_START + "db-db1 +db1 +.* none \\(advance runs move drills on\\)")
                .as("db1's drill is alive and counts against the round's 2").contains("Round picks (1): db0");
        assertOnlyDescribeCalls();
    }

    @Test
    void badDrillSettingsAndArgumentsExitWithTwoAndTheSettingsMessage() {
        assertThat(run("plan", "--drill")).as("the sweep's environment has no drill settings").isEqualTo(2);
        assertThat(runDrill(NOW, "plan", "--drill", "--set", "DRILL_MAX_CONCURRENT=50")).isEqualTo(2);
        assertThat(runDrill(NOW, "plan", "--round")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("restoreDrill.subnetGroupName (DRILL_SUBNET_GROUP) is not set")
                .contains("restoreDrill.maxConcurrentDrills (DRILL_MAX_CONCURRENT) must be a whole number")
                .contains("--round plans a restore drill round: give --drill too").contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(fake.rds.requests()).isEmpty();
    }

    private Map<String, Object> json() {
        try {
            return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
