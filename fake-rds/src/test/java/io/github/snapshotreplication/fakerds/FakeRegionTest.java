package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state API that tests use to arrange and inspect a region. */
class FakeRegionTest {

    private FakeRdsServer rds;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        region = rds.region(Sdk.TARGET);
    }

    @AfterEach
    void stop() {
        rds.close();
    }

    @Test
    void addedResourcesAreStampedWithRegionAndAccount() {
        region.addDbSnapshot(DbSnapshot.builder().identifier("snap").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("cluster-snap").build());

        assertThat(region.dbSnapshot("SNAP").orElseThrow().arn())
                .isEqualTo("arn:aws:rds:eu-central-1:123456789012:snapshot:snap");
        assertThat(region.dbClusterSnapshot("cluster-snap").orElseThrow().arn())
                .isEqualTo("arn:aws:rds:eu-central-1:123456789012:cluster-snapshot:cluster-snap");
        assertThat(rds.region(Sdk.TARGET)).isSameAs(region);
        assertThatThrownBy(() -> DbSnapshot.builder().identifier("loose").build().arn())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completePendingCopiesFinishesTheOldestFirstAcrossBothKinds() {
        region.addDbSnapshot(DbSnapshot.builder().identifier("z-first").status("creating").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("y-second").status("copying").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("a-third").status("pending").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("done").build());

        assertThat(region.completePendingCopies(2)).isEqualTo(2);

        assertThat(region.dbSnapshot("z-first").orElseThrow().status()).isEqualTo("available");
        assertThat(region.dbSnapshot("z-first").orElseThrow().percentProgress()).isEqualTo(100);
        assertThat(region.dbClusterSnapshot("y-second").orElseThrow().status()).isEqualTo("available");
        assertThat(region.dbSnapshot("a-third").orElseThrow().isPending()).isTrue();
        assertThat(region.completePendingCopies()).isEqualTo(1);
        assertThat(region.completePendingCopies()).isZero();
    }

    @Test
    void removedPendingSnapshotsLeaveTheQueue() {
        region.addDbSnapshot(DbSnapshot.builder().identifier("gone").status("creating").build());

        region.removeDbSnapshot("gone");

        assertThat(region.pendingCount()).isZero();
        assertThat(region.completePendingCopies()).isZero();
        assertThat(region.dbSnapshots()).isEmpty();
    }

    @Test
    void recordsAreImmutableAndValidated() {
        DbSnapshot snapshot = DbSnapshot.builder().identifier("s").tag("a", "1").build();

        assertThat(snapshot.withTag("b", "2").tags()).containsKeys("a", "b");
        assertThat(snapshot.tags()).containsOnlyKeys("a");
        assertThatThrownBy(() -> snapshot.tags().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(snapshot.withStatus("creating", 0).isPending()).isTrue();
        assertThatThrownBy(() -> DbSnapshot.builder().identifier("s").percentProgress(101).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbSnapshot.builder().build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> region.setCopyQuota(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backupRetentionIsZeroTo35ForInstancesAndOneTo35ForClusters() {
        assertThat(DbInstance.builder().identifier("i").backupRetentionPeriod(0).build().backupRetentionPeriod())
                .isZero();
        assertThatThrownBy(() -> DbInstance.builder().identifier("i").backupRetentionPeriod(36).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbCluster.builder().identifier("c").backupRetentionPeriod(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..35");
        assertThat(DbCluster.builder().identifier("c").backupRetentionPeriod(35).build().backupRetentionPeriod())
                .isEqualTo(35);
    }
}
