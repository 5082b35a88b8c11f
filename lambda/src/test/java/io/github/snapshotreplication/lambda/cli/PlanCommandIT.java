package io.github.snapshotreplication.lambda.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.engine.FakeRdsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
        return PlanCommand.run(List.of(args), FakeRdsHarness.env("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "2",
                        "RETENTION_KEEP_LAST", "2"), ClientSettings.localEndpoint(fake.rds.endpoint()),
                Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
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
    void printsJson() throws IOException {
        assertThat(run("plan", "--json")).isZero();

        Map<String, Object> plan = JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
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
}
