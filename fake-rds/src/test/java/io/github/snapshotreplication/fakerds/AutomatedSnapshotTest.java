package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** FakeRegion.takeAutomatedSnapshot: automated snapshots as RDS takes them in the backup window. */
class AutomatedSnapshotTest {

    private static final Instant AT = Instant.parse("2024-05-14T03:10:42.512Z");

    private FakeRdsServer rds;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        region = rds.region(Sdk.SOURCE);
        region.addDbInstance(DbInstance.builder().identifier("orders-db").optionGroupName("default:postgres-16")
                        .storageEncrypted(true).kmsKeyId(Sdk.SOURCE_KEY).copyTagsToSnapshot(true)
                        .tag("team", "orders").build())
                .addDbInstance(DbInstance.builder().identifier("quiet-db").tag("team", "quiet").build())
                .addDbInstance(DbInstance.builder().identifier("no-backups").backupRetentionPeriod(0).build())
                .addDbInstance(DbInstance.builder().identifier("billing-1").dbClusterIdentifier("billing").build())
                .addDbCluster(DbCluster.builder().identifier("billing").member("billing-1").copyTagsToSnapshot(true)
                        .tag("team", "billing").build())
                .addDbCluster(DbCluster.builder().identifier("orders-maz").engine("postgres").build());
    }

    @AfterEach
    void stop() {
        rds.close();
    }

    @Test
    void anInstanceSnapshotIsNamedLikeRdsAvailableAndTaggedPerCopyTagsToSnapshot() {
        String id = region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "orders-db", AT);
        String quiet = region.takeAutomatedSnapshot(ResourceKind.DB_SNAPSHOT, "quiet-db", AT);

        assertThat(id).isEqualTo("rds:orders-db-2024-05-14-03-10");
        try (RdsClient client = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            DBSnapshot snapshot = client.describeDBSnapshots(b -> b.dbSnapshotIdentifier(id)).dbSnapshots().get(0);
            assertThat(snapshot.snapshotType()).isEqualTo("automated");
            assertThat(snapshot.status()).isEqualTo("available");
            assertThat(snapshot.snapshotCreateTime()).isEqualTo(AT);
            assertThat(snapshot.originalSnapshotCreateTime()).isEqualTo(AT);
            assertThat(snapshot.optionGroupName()).isEqualTo("default:postgres-16");
            assertThat(snapshot.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
            assertThat(snapshot.tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=orders");
        }
        assertThat(region.dbSnapshot(id).orElseThrow().createdBy()).isEqualTo(FakeRegion.CREATED_BY_RDS);
        assertThat(region.dbSnapshot(quiet).orElseThrow().tags()).isEmpty();
        assertThat(region.dbSnapshot(quiet).orElseThrow().instanceTags()).isEqualTo(Map.of("team", "quiet"));
    }

    @Test
    void clustersAuroraOrMultiAzAreSnapshottedAsClusters() {
        String aurora = region.takeAutomatedSnapshot(ResourceKind.DB_CLUSTER, "billing", AT);
        String maz = region.takeAutomatedSnapshot(ResourceKind.DB_CLUSTER_SNAPSHOT, "orders-maz", AT);

        DbClusterSnapshot billing = region.dbClusterSnapshot(aurora).orElseThrow();
        assertThat(aurora).isEqualTo("rds:billing-2024-05-14-03-10");
        assertThat(billing.snapshotType()).isEqualTo("automated");
        assertThat(billing.tags()).isEqualTo(Map.of("team", "billing"));
        assertThat(billing.createdBy()).isEqualTo("rds");
        assertThat(region.dbClusterSnapshot(maz).orElseThrow().engine()).isEqualTo("postgres");
    }

    @Test
    void rdsTakesNoSnapshotWhereItWouldNot() {
        assertThatThrownBy(() -> region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "no-backups", AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BackupRetentionPeriod 0");
        assertThatThrownBy(() -> region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "billing-1", AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("billing");
        assertThatThrownBy(() -> region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "nope", AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> region.takeAutomatedSnapshot(ResourceKind.DB_CLUSTER, "orders-db", AT))
                .isInstanceOf(IllegalArgumentException.class);
        region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "orders-db", AT);
        assertThatThrownBy(() -> region.takeAutomatedSnapshot(ResourceKind.DB_INSTANCE, "orders-db",
                AT.plusSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
    }
}
