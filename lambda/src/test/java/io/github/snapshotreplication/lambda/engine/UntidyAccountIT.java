package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.OptionGroup;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.NOW;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.REPLICATION_ID;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.copyIdOf;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.sourceArn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine in an account as people really use it, through the real SDK against the fake: users copy and restore
 * copies (their snapshots carry our tags), option groups, databases RDS cannot copy or that take no backups, failed
 * copies, sources with many tags, and a second installation on the same databases.
 */
class UntidyAccountIT {

    private static final String USER_KEY = "AKIAUSEREXAMPLE00001";

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private final RdsClient user = RdsClient.builder().endpointOverride(fake.rds.endpoint()).region(Region.of(TARGET))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(USER_KEY, "secret")))
            .httpClient(UrlConnectionHttpClient.builder().build()).build();

    @AfterEach
    void stop() {
        user.close();
        fake.close();
    }

    /** Copies {@code db}'s newest snapshot with the engine and lets the copy finish. */
    private String copied(String db) {
        fake.engine().sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        return copyIdOf(sourceArn("rds:" + db + "-h1"));
    }

    @Test
    void lookAlikesMadeByUsersFromOurCopiesSurviveRetentionAndAreReported() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        String ours = copied("orders");
        // A user keeps our copy for an audit (same-region copy, copy tags on), then restores it for a drill with the
        // snapshot's tags (what practitioners see RDS do, docs/aws-references.md#o8) and the CDK's default
        // CopyTagsToSnapshot: its manual snapshot and its final snapshot carry our tags too.
        user.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(ours).targetDBSnapshotIdentifier("orders-audit")
                .copyTags(true));
        List<Tag> copyTags = fake.targetRegion().dbSnapshot(ours).orElseThrow().tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        user.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("orders-drill").dbSnapshotIdentifier(ours)
                .tags(copyTags).copyTagsToSnapshot(true));
        user.createDBSnapshot(r -> r.dbInstanceIdentifier("orders-drill").dbSnapshotIdentifier("orders-drill-1"));
        user.deleteDBInstance(r -> r.dbInstanceIdentifier("orders-drill")
                .finalDBSnapshotIdentifier("orders-drill-final"));
        List<String> lookAlikes = List.of("orders-audit", "orders-drill-1", "orders-drill-final");
        for (String id : lookAlikes) {
            assertThat(fake.targetRegion().dbSnapshot(id).orElseThrow().tags())
                    .as("%s carries our tag", id).containsEntry(TagKeys.MANAGED_BY, REPLICATION_ID);
        }
        fake.advance(Duration.ofDays(400));

        RunSummary summary = fake.engine("RETENTION_KEEP_LAST", "1", "RETENTION_MAX_AGE", "P1D")
                .sweep(TimeBudget.unlimited());

        assertThat(fake.rds.deletions()).as("nothing deleted by the engine")
                .noneMatch(d -> ClientSettings.TEST_ACCESS_KEY_ID.equals(d.deletedBy()));
        lookAlikes.forEach(id -> assertThat(fake.targetRegion().dbSnapshot(id)).as(id).isPresent());
        assertThat(summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS)).isEqualTo(3);
        assertThat(fake.lines("look_alike_ignored")).extracting(l -> l.get("snapshot_id"))
                .containsExactlyInAnyOrderElementsOf(lookAlikes);
        assertThat(fake.lines("copy_already_present")).as("our copy is still the copy").hasSize(1);
    }

    @Test
    void aCopyOfAClusterCopyInsideTheTargetRegionIsALookAlike() {
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("billing").build());
        fake.addClusterSnapshot("billing", false, 1);
        fake.engine("INCLUDE_AURORA_CLUSTERS", "true").sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        String ours = fake.targetRegion().dbClusterSnapshots().get(0).identifier();
        user.copyDBClusterSnapshot(r -> r.sourceDBClusterSnapshotIdentifier(ours)
                .targetDBClusterSnapshotIdentifier("billing-audit").copyTags(true));

        RunSummary summary = fake.engine("INCLUDE_AURORA_CLUSTERS", "true", "RETENTION_KEEP_LAST", "1")
                .sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS)).isEqualTo(1);
        assertThat(fake.targetRegion().dbClusterSnapshot("billing-audit")).isPresent();
        assertThat(fake.rds.deletions()).isEmpty();
    }

    @Test
    void twoInstallationsOnTheSameDatabaseBothCopyItAndNeverTouchEachOther() {
        fake.addInstanceWithSnapshots("orders", false, 1, 25, 49);
        ReplicationEngine first = fake.engine("RETENTION_KEEP_LAST", "1");
        ReplicationEngine second = fake.engine("REPLICATION_ID", "orders-dr-audit", "RETENTION_KEEP_LAST", "1");

        for (int round = 0; round < 3; round++) {
            first.sweep(TimeBudget.unlimited());
            second.sweep(TimeBudget.unlimited());
            fake.targetRegion().completePendingCopies();
        }

        Map<String, Long> byInstallation = new LinkedHashMap<>();
        fake.targetRegion().dbSnapshots().forEach(s -> byInstallation.merge(s.tags().get(TagKeys.MANAGED_BY), 1L,
                Long::sum));
        assertThat(byInstallation).containsEntry(REPLICATION_ID, 1L).containsEntry("orders-dr-audit", 1L);
        assertThat(fake.lines("copy_failed")).isEmpty();
    }

    @Test
    void onlyOptionGroupsWithPersistentOptionsNeedAMapping() {
        fake.sourceRegion().addOptionGroup(OptionGroup.builder().name("oracle-tde").engineName("oracle-ee")
                .majorEngineVersion("19").option("TDE", true, true).build());
        fake.sourceRegion().addOptionGroup(OptionGroup.builder().name("mysql-audit").engineName("mysql")
                .majorEngineVersion("8.0").option("MARIADB_AUDIT_PLUGIN", false, false).build());
        fake.targetRegion().addOptionGroup(OptionGroup.builder().name("oracle-tde-dr").engineName("oracle-ee")
                .majorEngineVersion("19").option("TDE", true, true).build());
        addInstance("erp", "oracle-ee", "oracle-tde");
        addInstance("shop", "mysql", "mysql-audit");

        RunSummary unmapped = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(unmapped.count(MetricNames.COPIES_STARTED)).as("shop needs no mapping").isEqualTo(1);
        assertThat(fake.lines("copy_failed")).singleElement().satisfies(l -> assertThat((String) l.get("reason"))
                .contains("oracle-tde").contains("persistent or permanent").contains("OPTION_GROUP_MAPPING"));
        assertThat(fake.rds.count("DescribeOptionGroups")).isEqualTo(1);

        RunSummary mapped = fake.engine("OPTION_GROUP_MAPPING", "{\"oracle-tde\":\"oracle-tde-dr\"}")
                .sweep(TimeBudget.unlimited());

        assertThat(mapped.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(fake.rds.requests()).filteredOn(r -> r.action().equals("CopyDBSnapshot"))
                .extracting(r -> r.param("OptionGroupName")).containsExactlyInAnyOrder(null, "oracle-tde-dr");
    }

    @Test
    void databasesRdsCannotCopyOrThatTakeNoBackupsAreCountedApartNotFailed() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("legacy").backupRetentionPeriod(0).build());
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("erp").engine("custom-oracle-ee").build());
        fake.sourceRegion().takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "erp", NOW.minus(Duration.ofHours(2)));
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("maz").engine("postgres").build());
        fake.sourceRegion().takeAutomatedSnapshot(ResourceKind.DB_CLUSTER, "maz", NOW.minus(Duration.ofHours(2)));
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("orders-replica")
                .readReplicaSourceDBInstanceIdentifier("orders").backupRetentionPeriod(0).build());

        RunSummary summary = fake.engine("INCLUDE_AURORA_CLUSTERS", "true").sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPY_FAILURES)).isZero();
        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_WITHOUT_COPY)).as("orders, copying now").isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_WITHOUT_BACKUPS)).as("legacy; the replica is out of scope")
                .isEqualTo(1);
        assertThat(summary.count(MetricNames.DATABASES_NOT_COPYABLE)).as("erp and maz").isEqualTo(2);
        assertThat(fake.lines("database_not_copyable")).extracting(l -> l.get("db_id"))
                .containsExactlyInAnyOrder("erp", "maz");
        assertThat(fake.rds.requests()).filteredOn(r -> r.action().startsWith("Copy")).hasSize(1);
    }

    @Test
    void aFailedCopyIsRetriedUnderTheNextAttemptsIdentifierAndRdsKeepsTheFailedOne() {
        fake.addInstanceWithSnapshots("orders", false, 5);
        fake.engine().sweep(TimeBudget.unlimited());
        String first = copyIdOf(sourceArn("rds:orders-h5"));
        fake.targetRegion().failCopy(ResourceKind.DB_SNAPSHOT, first);
        fake.advance(Duration.ofHours(2));

        RunSummary retry = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(retry.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        assertThat(fake.targetRegion().dbSnapshot(first + "-a2")).isPresent();
        assertThat(fake.lines("delete_refused")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("snapshot_id", first));
        assertThat(retry.count(MetricNames.DELETE_FAILURES)).isZero();
        assertThat(fake.targetRegion().dbSnapshot(first)).as("RDS deletes available snapshots only").isPresent();
    }

    @Test
    void aSourceWithMoreTagsThanRdsAllowsOnACopyIsCopiedWithTheOwnershipTagsFirst() {
        DbSnapshot.Builder source = DbSnapshot.builder().identifier("rds:orders-h1").dbInstanceIdentifier("orders")
                .snapshotType("automated").createdAt(NOW.minus(Duration.ofHours(1)));
        for (int i = 0; i < 50; i++) {
            source.tag(String.format("cost-center-%02d", i), "cc" + i);
        }
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("orders").build());
        fake.sourceRegion().addDbSnapshot(source.build());

        RunSummary summary = fake.engine().sweep(TimeBudget.unlimited());

        assertThat(summary.count(MetricNames.COPIES_STARTED)).isEqualTo(1);
        DbSnapshot copy = fake.targetRegion().dbSnapshot(copyIdOf(sourceArn("rds:orders-h1"))).orElseThrow();
        assertThat(copy.tags()).hasSize(50).containsEntry(TagKeys.MANAGED_BY, REPLICATION_ID);
        assertThat(fake.lines("copy_started")).singleElement().satisfies(l -> assertThat((String) l.get("reason"))
                .contains("of the source's tags are not copied"));
    }

    private void addInstance(String db, String engine, String optionGroup) {
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier(db).engine(engine)
                .optionGroupName(optionGroup).build());
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:" + db + "-h1").dbInstanceIdentifier(db)
                .snapshotType("automated").engine(engine).optionGroupName(optionGroup)
                .createdAt(NOW.minus(Duration.ofHours(1))).build());
    }

}
