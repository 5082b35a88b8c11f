package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

/** CreateDBSnapshot and CreateDBClusterSnapshot, made by a user with their own credentials. */
class CreateSnapshotTest {

    private static final String USER_KEY = "AKIAUSER000000000002";
    private static final Instant NOW = Instant.parse("2024-05-14T09:30:00Z");

    private FakeRdsServer rds;
    private RdsClient user;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        user = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, USER_KEY);
        region = rds.region(Sdk.SOURCE);
        region.addDbInstance(DbInstance.builder().identifier("orders-db").engine("oracle-ee").engineVersion("19")
                        .allocatedStorage(200).optionGroupName("ora-tde").storageEncrypted(true)
                        .kmsKeyId(Sdk.SOURCE_KEY).copyTagsToSnapshot(true).tag("team", "orders").build())
                .addDbInstance(DbInstance.builder().identifier("plain-db").tag("team", "plain").build())
                .addDbInstance(DbInstance.builder().identifier("billing-1").dbClusterIdentifier("billing").build())
                .addDbCluster(DbCluster.builder().identifier("billing").member("billing-1").storageEncrypted(true)
                        .kmsKeyId(Sdk.SOURCE_KEY).copyTagsToSnapshot(true).tag("team", "billing").build())
                .addDbCluster(DbCluster.builder().identifier("orders-maz").engine("mysql").tag("team", "maz").build());
    }

    @AfterEach
    void stop() {
        user.close();
        rds.close();
    }

    @Test
    void aManualSnapshotStartsCreatingWithTheInstancesFactsAndTheCallerAsCreator() {
        DBSnapshot created = user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("Before-Upgrade")).dbSnapshot();

        assertThat(created.dbSnapshotIdentifier()).isEqualTo("before-upgrade");
        assertThat(created.status()).isEqualTo("creating");
        assertThat(created.snapshotType()).isEqualTo("manual");
        assertThat(created.snapshotCreateTime()).isEqualTo(NOW);
        assertThat(created.engine()).isEqualTo("oracle-ee");
        assertThat(created.optionGroupName()).isEqualTo("ora-tde");
        assertThat(created.allocatedStorage()).isEqualTo(200);
        assertThat(created.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
        assertThat(created.sourceRegion()).isNull();
        assertThat(region.dbSnapshot("before-upgrade").orElseThrow().createdBy()).isEqualTo(USER_KEY);
        assertThat(region.pendingCopies()).containsExactly(
                new PendingCopy(ResourceKind.DB_SNAPSHOT, "before-upgrade", NOW, null));
        region.completePendingCopies();
        assertThat(region.dbSnapshot("before-upgrade").orElseThrow().status()).isEqualTo("available");
    }

    @Test
    void instanceTagsAreCopiedOnlyWithCopyTagsToSnapshotAndOnlyWhenTheRequestHasNoTags() {
        user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("copied"));
        user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("own-tags")
                .tags(Tag.builder().key("purpose").value("upgrade").build()));
        user.createDBSnapshot(b -> b.dbInstanceIdentifier("plain-db").dbSnapshotIdentifier("untagged"));

        assertThat(region.dbSnapshot("copied").orElseThrow().tags()).containsExactly(Map.entry("team", "orders"));
        assertThat(region.dbSnapshot("own-tags").orElseThrow().tags()).containsExactly(Map.entry("purpose", "upgrade"));
        assertThat(region.dbSnapshot("untagged").orElseThrow().tags()).isEmpty();
        assertThat(region.dbSnapshot("own-tags").orElseThrow().instanceTags())
                .containsExactly(Map.entry("team", "orders"));
    }

    @Test
    void createDbSnapshotRefusesWhatRdsRefuses() {
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("nope")
                .dbSnapshotIdentifier("s"))).isInstanceOf(DbInstanceNotFoundException.class);
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("billing-1")
                .dbSnapshotIdentifier("s"))).isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Please use the CreateDBClusterSnapshot");
                });
        region.addDbInstance(region.dbInstance("plain-db").orElseThrow().withStatus("stopped"));
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("plain-db")
                .dbSnapshotIdentifier("s"))).isInstanceOf(InvalidDbInstanceStateException.class);
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("bad--id"))).isInstanceOf(RdsException.class)
                .hasMessageContaining("DBSnapshotIdentifier");
        user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("s"));
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("S"))).isInstanceOf(DbSnapshotAlreadyExistsException.class);
        region.setManualSnapshotQuota(1);
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("t"))).isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                "Cannot create more than 1 manual snapshots"));
        assertThatThrownBy(() -> user.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("u").tags(TagLimitsTest.sdkTags("k", 51)))).isInstanceOf(RdsException.class);
        assertThat(region.dbSnapshots()).extracting(DbSnapshot::identifier).containsExactly("s");
    }

    @Test
    void aClusterSnapshotFollowsTheClustersCopyTagsToSnapshotAndCarriesItsEngine() {
        DBClusterSnapshot copied = user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("billing")
                .dbClusterSnapshotIdentifier("billing-manual")).dbClusterSnapshot();
        DBClusterSnapshot maz = user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("orders-maz")
                .dbClusterSnapshotIdentifier("maz-manual")).dbClusterSnapshot();
        user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("billing").dbClusterSnapshotIdentifier("tagged")
                .tags(Tag.builder().key("purpose").value("drill").build()));

        assertThat(copied.status()).isEqualTo("creating");
        assertThat(copied.tagList()).containsExactly(Tag.builder().key("team").value("billing").build());
        assertThat(copied.storageEncrypted()).isTrue();
        assertThat(copied.snapshotCreateTime()).isEqualTo(NOW);
        assertThat(maz.engine()).isEqualTo("mysql");
        assertThat(maz.tagList()).isEmpty();
        assertThat(region.dbClusterSnapshot("tagged").orElseThrow().tags()).containsOnlyKeys("purpose");
        assertThat(region.dbClusterSnapshot("billing-manual").orElseThrow().createdBy()).isEqualTo(USER_KEY);
        assertThat(region.pendingCount()).isEqualTo(3);
    }

    @Test
    void createDbClusterSnapshotRefusesWhatRdsRefuses() {
        assertThatThrownBy(() -> user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("nope")
                .dbClusterSnapshotIdentifier("s"))).isInstanceOf(DbClusterNotFoundException.class);
        assertThatThrownBy(() -> user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("billing")
                .dbClusterSnapshotIdentifier("c".repeat(64)))).isInstanceOf(RdsException.class);
        user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("billing").dbClusterSnapshotIdentifier("s"));
        assertThatThrownBy(() -> user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("billing")
                .dbClusterSnapshotIdentifier("s"))).isInstanceOf(DbClusterSnapshotAlreadyExistsException.class);
        region.addDbCluster(DbCluster.builder().identifier("busy").status("modifying").build());
        assertThatThrownBy(() -> user.createDBClusterSnapshot(b -> b.dbClusterIdentifier("busy")
                .dbClusterSnapshotIdentifier("t"))).isInstanceOf(InvalidDbClusterStateException.class);
    }
}
