package io.github.snapshotreplication.lambda.packaging;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped jar (shaded, then shrunk by ProGuard) alone in a fresh JVM, the way Lambda runs it, against the
 * fake RDS endpoint: an SNS event, then a sweep. ProGuard cannot see what the SDK loads by name (service loaders,
 * interceptors, the HTTP client); a rule that is missing in {@code proguard.pro} fails here, not in production.
 */
class ShrunkJarSmokeIT {

    private static final String SOURCE = "eu-west-1";
    private static final String TARGET = "eu-central-1";
    private static final String SOURCE_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String TARGET_KEY =
            "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    private static final String EVENT_SNAPSHOT = "rds:orders-db-2024-05-14-03-10";
    private static final Instant TAKEN = Instant.parse("2024-05-14T03:10:42.512Z");

    @TempDir
    Path work;

    private FakeRdsServer rds;

    @BeforeEach
    void givenAFleet() {
        rds = FakeRdsServer.start();
        FakeRegion source = rds.region(SOURCE);
        source.addDbInstance(DbInstance.builder().identifier("orders-db").storageEncrypted(true).build());
        source.addDbSnapshot(DbSnapshot.builder().identifier(EVENT_SNAPSHOT).dbInstanceIdentifier("orders-db")
                .snapshotType("automated").createdAt(TAKEN).encrypted(true).kmsKeyId(SOURCE_KEY).build());
        source.addDbInstance(DbInstance.builder().identifier("users-db").build());
        source.addDbSnapshot(automated("users-db", 1, false));
        source.addDbInstance(DbInstance.builder().identifier("ledger-db").build());
        source.addDbSnapshot(automated("ledger-db", 3, false));
        source.addDbInstance(DbInstance.builder().identifier("billing-db").build());
        source.addDbSnapshot(automated("billing-db", 1, false));
        source.addDbSnapshot(automated("billing-db", 25, false));
        source.addDbCluster(DbCluster.builder().identifier("inventory-aurora").storageEncrypted(true)
                .kmsKeyId(SOURCE_KEY).build());
        source.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("rds:inventory-aurora-h2")
                .dbClusterIdentifier("inventory-aurora").snapshotType("automated")
                .createdAt(TAKEN.minus(Duration.ofHours(2))).storageEncrypted(true).kmsKeyId(SOURCE_KEY).build());

        // users-db: its newest snapshot is copied already, with three older copies; RETENTION_KEEP_LAST=2 expires two.
        FakeRegion target = rds.region(TARGET);
        for (int hours : new int[] {1, 25, 49, 73}) {
            target.addDbSnapshot(managedCopy("users-db", hours, "orders-dr"));
        }
        // Look-alikes that must survive: a user's manual copy named like ours, and another installation's copy.
        target.addDbSnapshot(DbSnapshot.builder().identifier("users-db-h97-copy").dbInstanceIdentifier("users-db")
                .createdAt(TAKEN.minus(Duration.ofHours(97))).build());
        target.addDbSnapshot(managedCopy("users-db", 121, "someone-else"));
    }

    @AfterEach
    void stop() {
        rds.close();
    }

    @Test
    void theShrunkJarCopiesExpiresAndReportsOnItsOwn() throws IOException {
        Path snsEvent = write("sns.json", Fixtures.text("sns-db-snapshot-automated-created.json"));
        Path sweepEvent = write("sweep.json", Fixtures.text("eventbridge-scheduled-event.json"));
        Path launcher = LambdaJvm.isolateLauncher(work.resolve("launcher"));
        // Two DB snapshot slots: the ledger copy waits, so the sweep turns the follow-up rule on (EventBridge client).
        rds.eventBridge().addRule("follow-up", false);
        Map<String, String> env = LambdaJvm.environment(rds.endpoint(), Map.of(
                "TARGET_KMS_KEY_ARN", TARGET_KEY, "INCLUDE_AURORA_CLUSTERS", "true", "RETENTION_KEEP_LAST", "2",
                "MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "2", "FOLLOW_UP_RULE_NAME", "follow-up"));

        LambdaJvm.Run run = LambdaJvm.run(LambdaJvm.command(LambdaJvm.shippedJar(), launcher,
                LambdaJvm.lambdaLikeFlags(LambdaJvm.DEFAULT_MEMORY_MB), List.of(snsEvent, sweepEvent)), env,
                Duration.ofMinutes(2));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception", "Error:");
        List<Map<String, Object>> results = run.linesStartingWith(LambdaLauncher.RESULT).stream()
                .map(l -> json(l.substring(l.indexOf(' ') + 1))).toList();
        assertThat(results).as(run.describe()).hasSize(2);
        assertThat(results.get(0)).containsEntry("trigger", "event").containsEntry("copies_started", 1);
        assertThat(results.get(1)).containsEntry("trigger", "sweep").containsEntry("copies_started", 2)
                .containsEntry("deletes", 2).containsEntry("copies_already_present", 2)
                .containsEntry("copies_deferred", 1).containsEntry("sweeps_completed", 1)
                .containsEntry("follow_up_failures", 0);
        assertThat(rds.eventBridge().isEnabled("follow-up")).as("EnableRule through the shrunk jar").isTrue();
        assertThat(rds.eventBridge().calls()).as("DescribeRule (the event) and EnableRule (the sweep), answered")
                .extracting(c -> c.operation() + " " + c.status())
                .containsExactly("DescribeRule 200", "EnableRule 200");

        // Every request reached the fake (AWS_ENDPOINT_URL_RDS honoured), signed for the right region.
        assertThat(rds.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.region()).isIn(SOURCE, TARGET));
        assertThat(rds.requests()).filteredOn(r -> !r.succeeded()).isEmpty();

        RecordedRequest dbCopy = only("CopyDBSnapshot", "SourceDBSnapshotIdentifier", arn("snapshot", EVENT_SNAPSHOT));
        assertThat(dbCopy.region()).isEqualTo(TARGET);
        assertThat(dbCopy.param("KmsKeyId")).isEqualTo(TARGET_KEY);
        assertThat(presignedUrl(dbCopy)).contains("Action=CopyDBSnapshot").contains("DestinationRegion=" + TARGET)
                .contains(SOURCE + "/rds/aws4_request");
        RecordedRequest clusterCopy = only("CopyDBClusterSnapshot", "SourceDBClusterSnapshotIdentifier",
                arn("cluster-snapshot", "rds:inventory-aurora-h2"));
        assertThat(clusterCopy.param("KmsKeyId")).isEqualTo(TARGET_KEY);
        assertThat(presignedUrl(clusterCopy)).contains("Action=CopyDBClusterSnapshot")
                .contains(SOURCE + "/rds/aws4_request");
        RecordedRequest plainCopy = only("CopyDBSnapshot", "SourceDBSnapshotIdentifier",
                arn("snapshot", "rds:billing-db-h1"));
        assertThat(plainCopy.param("KmsKeyId")).isNull();

        FakeRegion target = rds.region(TARGET);
        assertThat(target.dbSnapshots()).filteredOn(s -> arn("snapshot", EVENT_SNAPSHOT)
                .equals(s.tags().get(TagKeys.SOURCE_SNAPSHOT_ARN))).singleElement()
                .satisfies(s -> assertThat(s.tags()).containsEntry(TagKeys.MANAGED_BY, "orders-dr")
                        .containsEntry(TagKeys.SOURCE_DB_IDENTIFIER, "orders-db"));
        assertThat(target.dbClusterSnapshots()).singleElement()
                .satisfies(s -> assertThat(s.tags()).containsEntry(TagKeys.MANAGED_BY, "orders-dr"));
        assertThat(target.dbSnapshot(copyId("users-db", 1))).isPresent();
        assertThat(target.dbSnapshot(copyId("users-db", 25))).isPresent();
        assertThat(target.dbSnapshot(copyId("users-db", 49))).isEmpty();
        assertThat(target.dbSnapshot(copyId("users-db", 73))).isEmpty();
        assertThat(target.dbSnapshot("users-db-h97-copy")).as("unmanaged snapshot").isPresent();
        assertThat(target.dbSnapshot(copyId("users-db", 121, "someone-else"))).as("another installation's copy")
                .isPresent();
        assertThat(rds.requests()).filteredOn(r -> r.action().startsWith("Delete"))
                .extracting(r -> r.param("DBSnapshotIdentifier"))
                .containsExactlyInAnyOrder(copyId("users-db", 49), copyId("users-db", 73));

        // The metrics reach CloudWatch as EMF documents on stdout.
        List<Map<String, Object>> emf = run.stdout().stream().filter(l -> l.startsWith("{\"_aws\""))
                .map(ShrunkJarSmokeIT::json).toList();
        assertThat(emf).isNotEmpty();
        assertThat(emf).filteredOn(d -> d.containsKey(MetricNames.COPIES_STARTED)).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("_aws").toString()).contains("SnapshotReplication"));
        assertThat(run.linesStartingWith(LambdaLauncher.TIMING)).hasSize(2);
    }

    private RecordedRequest only(String action, String param, String value) {
        List<RecordedRequest> matching = rds.requests().stream()
                .filter(r -> r.action().equals(action) && value.equals(r.param(param))).toList();
        assertThat(matching).as(action + " of " + value).hasSize(1);
        return matching.get(0);
    }

    private static String presignedUrl(RecordedRequest copy) {
        assertThat(copy.param("PreSignedUrl")).as("PreSignedUrl of " + copy.action()).isNotBlank();
        return URLDecoder.decode(copy.param("PreSignedUrl"), StandardCharsets.UTF_8);
    }

    private static DbSnapshot automated(String db, int hoursAgo, boolean encrypted) {
        return DbSnapshot.builder().identifier("rds:" + db + "-h" + hoursAgo).dbInstanceIdentifier(db)
                .snapshotType("automated").createdAt(TAKEN.minus(Duration.ofHours(hoursAgo))).encrypted(encrypted)
                .kmsKeyId(encrypted ? SOURCE_KEY : null).build();
    }

    /** The identifier installation {@code replicationId} gives its copy of {@code db}'s snapshot. */
    private static String copyId(String db, int hoursAgo, String replicationId) {
        return TargetIdentifiers.forSource(CopyIdentifiers.prefixOf(replicationId),
                SnapshotArn.parse(arn("snapshot", "rds:" + db + "-h" + hoursAgo)).orElseThrow());
    }

    private static String copyId(String db, int hoursAgo) {
        return copyId(db, hoursAgo, "orders-dr");
    }

    private static DbSnapshot managedCopy(String db, int hoursAgo, String replicationId) {
        Instant sourceTime = TAKEN.minus(Duration.ofHours(hoursAgo));
        return DbSnapshot.builder().identifier(copyId(db, hoursAgo, replicationId)).dbInstanceIdentifier(db)
                .createdAt(sourceTime).sourceRegion(SOURCE)
                .sourceDbSnapshotIdentifier(arn("snapshot", "rds:" + db + "-h" + hoursAgo))
                .tag(TagKeys.MANAGED_BY, replicationId)
                .tag(TagKeys.SOURCE_SNAPSHOT_ARN, arn("snapshot", "rds:" + db + "-h" + hoursAgo))
                .tag(TagKeys.SOURCE_DB_IDENTIFIER, db)
                .tag(TagKeys.SOURCE_REGION, SOURCE)
                .tag(TagKeys.SOURCE_CREATED_AT, sourceTime.toString())
                .build();
    }

    private static String arn(String type, String id) {
        return "arn:aws:rds:" + SOURCE + ":123456789012:" + type + ":" + id;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(work.resolve(name), content);
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
