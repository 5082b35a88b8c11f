package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;

/** The server clock on copies, and pending copies as time simulations see and finish them. */
class ClockAndPendingTest {

    private static final Instant T0 = Instant.parse("2024-05-14T04:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private FakeRdsServer rds;
    private RdsClient target;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.setClock(clock);
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build());
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(Sdk.automatedCluster("rds:billing-1", "billing").build());
        rds.region(Sdk.TARGET).addDbClusterSnapshot(Sdk.automatedCluster("rds:local-1", "local").build());
    }

    @AfterEach
    void stop() {
        target.close();
        rds.close();
    }

    @Test
    void pendingCopiesListKindIdentifierStartAndSourceRegionOldestFirst() {
        copyDb("db-copy");
        clock.advance(Duration.ofMinutes(5));
        target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:billing-1")).targetDBClusterSnapshotIdentifier("cluster-copy")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
        clock.advance(Duration.ofMinutes(5));
        target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier("rds:local-1")
                .targetDBClusterSnapshotIdentifier("local-copy"));
        clock.advance(Duration.ofMinutes(5));
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("added").status("creating").build());

        assertThat(rds.region(Sdk.TARGET).pendingCopies()).containsExactly(
                new PendingCopy(ResourceKind.DB_SNAPSHOT, "db-copy", T0, Sdk.SOURCE),
                new PendingCopy(ResourceKind.DB_CLUSTER_SNAPSHOT, "cluster-copy", T0.plusSeconds(300), Sdk.SOURCE),
                new PendingCopy(ResourceKind.DB_CLUSTER_SNAPSHOT, "local-copy", T0.plusSeconds(600), Sdk.TARGET),
                new PendingCopy(ResourceKind.DB_SNAPSHOT, "added", T0.plusSeconds(900), null));
    }

    @Test
    void aCopyKeepsItsStartTimeWhenItsTagsChange() {
        copyDb("db-copy");
        clock.advance(Duration.ofHours(1));
        target.addTagsToResource(b -> b.resourceName(Sdk.snapshotArn(Sdk.TARGET, "db-copy"))
                .tags(t -> t.key("k").value("v")));

        assertThat(rds.region(Sdk.TARGET).pendingCopies()).singleElement()
                .satisfies(p -> assertThat(p.startedAt()).isEqualTo(T0));
    }

    @Test
    void completeCopyFinishesOneSpecificCopy() {
        copyDb("first");
        copyDb("second");

        rds.region(Sdk.TARGET).completeCopy(ResourceKind.DB_SNAPSHOT, "SECOND");

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("second").orElseThrow().status()).isEqualTo("available");
        assertThat(rds.region(Sdk.TARGET).dbSnapshot("second").orElseThrow().percentProgress()).isEqualTo(100);
        assertThat(rds.region(Sdk.TARGET).dbSnapshot("first").orElseThrow().status()).isEqualTo("creating");
        assertThat(rds.region(Sdk.TARGET).pendingCopies()).extracting(PendingCopy::identifier)
                .containsExactly("first");
        assertThatThrownBy(() -> rds.region(Sdk.TARGET).completeCopy(ResourceKind.DB_SNAPSHOT, "second"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("second");
        assertThatThrownBy(() -> rds.region(Sdk.TARGET).completeCopy(ResourceKind.DB_CLUSTER_SNAPSHOT, "first"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTakeTheClockAndKeepTheOriginalCreateTime() {
        clock.advance(Duration.ofHours(2));

        copyDb("db-copy");
        rds.region(Sdk.TARGET).completePendingCopies();

        DbSnapshot copy = rds.region(Sdk.TARGET).dbSnapshot("db-copy").orElseThrow();
        assertThat(copy.createdAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(copy.originalCreatedAt()).isEqualTo(Sdk.CREATED);
    }

    @Test
    void aCopyOfACopyKeepsTheFirstOriginalCreateTime() {
        copyDb("db-copy");
        rds.region(Sdk.TARGET).completePendingCopies();
        clock.advance(Duration.ofDays(1));

        try (RdsClient source = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            source.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.TARGET, "db-copy"))
                    .targetDBSnapshotIdentifier("back-home").kmsKeyId(Sdk.SOURCE_KEY).sourceRegion(Sdk.TARGET));
        }

        DbSnapshot back = rds.region(Sdk.SOURCE).dbSnapshot("back-home").orElseThrow();
        assertThat(back.originalCreatedAt()).isEqualTo(Sdk.CREATED);
        assertThat(back.createdAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(back.sourceDbSnapshotIdentifier()).isEqualTo(Sdk.snapshotArn(Sdk.TARGET, "db-copy"));
    }

    @Test
    void clusterCopiesNameTheirSourceInBothCasesAndKeepItsCreateTime() {
        clock.advance(Duration.ofHours(3));

        DBClusterSnapshot cross = target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:billing-1")).targetDBClusterSnapshotIdentifier("cross")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE)).dbClusterSnapshot();
        DBClusterSnapshot local = target.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                "rds:local-1").targetDBClusterSnapshotIdentifier("local")).dbClusterSnapshot();

        assertThat(cross.sourceDBClusterSnapshotArn()).isEqualTo(Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:billing-1"));
        assertThat(local.sourceDBClusterSnapshotArn()).isEqualTo(Sdk.clusterSnapshotArn(Sdk.TARGET, "rds:local-1"));
        assertThat(cross.snapshotCreateTime()).isEqualTo(Sdk.CREATED);
        assertThat(local.snapshotCreateTime()).isEqualTo(Sdk.CREATED);
    }

    private void copyDb(String id) {
        target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:orders-db-1"))
                .targetDBSnapshotIdentifier(id).kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE));
    }
}
