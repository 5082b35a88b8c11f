package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

/** The receiving account copies the snapshots shared with it into its own account (docs V2, V3, O1, O3). */
class SharedCopyTest {

    private static final String OWNER_KEY_ID = "AKIAOWNER00000000001";
    private static final String VAULT_KEY_ID = "AKIAVAULT00000000002";
    private static final String SHARED = "orders-db-copy-1";
    private static final String SHARED_ARN = Sdk.snapshotArn(Sdk.SOURCE, SHARED);
    private static final Instant TAKEN = Instant.parse("2024-05-14T03:10:42.512Z");
    private static final Instant NOW = Instant.parse("2024-05-14T04:00:00Z");

    private FakeRdsServer rds;
    private RdsClient vault;
    private FakeRegion owner;
    private FakeRegion vaultRegion;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        rds.registerAccessKey(VAULT_KEY_ID, Sdk.VAULT);
        vault = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, VAULT_KEY_ID);
        owner = rds.region(Sdk.SOURCE);
        vaultRegion = rds.account(Sdk.VAULT).region(Sdk.SOURCE);
        owner.addDbSnapshot(DbSnapshot.builder().identifier(SHARED).dbInstanceIdentifier("orders-db")
                .createdAt(NOW.minusSeconds(600)).originalCreatedAt(TAKEN).encrypted(true).kmsKeyId(Sdk.SHARE_KEY)
                .tag("team", "orders").instanceTags(Map.of("team", "orders")).sharedWith(List.of(Sdk.VAULT))
                .build());
        owner.addDbSnapshot(DbSnapshot.builder().identifier("plain").sharedWith(List.of(Sdk.VAULT)).build());
        owner.addDbSnapshot(DbSnapshot.builder().identifier("not-shared").build());
        owner.grantKmsKeyTo(Sdk.SHARE_KEY, Sdk.VAULT);
    }

    @AfterEach
    void stop() {
        vault.close();
        rds.close();
    }

    @Test
    void theCopyIsAManualSnapshotOfTheReceivingAccountThatNamesItsSource() {
        DBSnapshot copy = vault.copyDBSnapshot(shared().copyTags(true)
                .tags(Tag.builder().key("vault").value("yes").build()).build()).dbSnapshot();

        assertThat(copy.dbSnapshotArn()).isEqualTo(Sdk.vaultSnapshotArn(Sdk.SOURCE, "vault-copy"));
        assertThat(copy.snapshotType()).isEqualTo("manual");
        assertThat(copy.status()).isEqualTo("creating");
        assertThat(copy.sourceDBSnapshotIdentifier()).as("cross-account copy (O1)").isEqualTo(SHARED_ARN);
        assertThat(copy.sourceRegion()).as("same Region").isNull();
        assertThat(copy.snapshotCreateTime()).isEqualTo(NOW);
        assertThat(copy.originalSnapshotCreateTime()).isEqualTo(TAKEN);
        assertThat(copy.kmsKeyId()).isEqualTo(Sdk.VAULT_KEY);
        assertThat(copy.tagList()).as("the owner's tags stay with the owner")
                .containsExactly(Tag.builder().key("vault").value("yes").build());
        DbSnapshot stored = vaultRegion.dbSnapshot("vault-copy").orElseThrow();
        assertThat(stored.createdBy()).isEqualTo(VAULT_KEY_ID);
        assertThat(stored.accountId()).isEqualTo(Sdk.VAULT);
        assertThat(stored.sharedWith()).isEmpty();
        assertThat(vaultRegion.pendingCopies()).extracting(PendingCopy::identifier).containsExactly("vault-copy");
        assertThat(owner.pendingCount()).isZero();
        assertThat(vaultRegion.completePendingCopies()).isEqualTo(1);
        assertThat(vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier("vault-copy")).dbSnapshots().get(0)
                .status()).isEqualTo("available");
    }

    @Test
    void onlySnapshotsSharedWithTheCallerAreCopiedAndOnlyByArn() {
        assertThatThrownBy(() -> vault.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "not-shared")).targetDBSnapshotIdentifier("stolen")))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("plain")
                .targetDBSnapshotIdentifier("by-id"))).isInstanceOf(DbSnapshotNotFoundException.class);
        owner.addDbSnapshot(Sdk.automated("rds:auto", "orders-db").sharedWith(List.of(Sdk.VAULT)).build());
        assertThatThrownBy(() -> vault.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "rds:auto")).targetDBSnapshotIdentifier("auto")))
                .isInstanceOf(DbSnapshotNotFoundException.class);

        vault.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "plain"))
                .targetDBSnapshotIdentifier("plain-copy"));
        assertThat(vaultRegion.dbSnapshot("plain-copy")).isPresent();
    }

    @Test
    void anEncryptedSharedSnapshotNeedsACallersKeyAndASourceKeyGrantedToIt() {
        assertInvalid(() -> vault.copyDBSnapshot(shared().kmsKeyId(null).build()), "InvalidParameterValue",
                "KmsKeyId is required");
        assertThatThrownBy(() -> vault.copyDBSnapshot(shared().kmsKeyId(Sdk.SOURCE_KEY).build()))
                .as("a key of the owner that was not granted").isInstanceOf(KmsKeyNotAccessibleException.class);
        vault.copyDBSnapshot(shared().targetDBSnapshotIdentifier("with-owners-granted-key").kmsKeyId(Sdk.SHARE_KEY)
                .build());

        String ungrantedKey = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555";
        owner.addDbSnapshot(owner.dbSnapshot(SHARED).orElseThrow().toBuilder().identifier("other-key")
                .kmsKeyId(ungrantedKey).build());
        assertThatThrownBy(() -> vault.copyDBSnapshot(shared().sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "other-key")).build())).isInstanceOf(KmsKeyNotAccessibleException.class);

        owner.addDbSnapshot(owner.dbSnapshot(SHARED).orElseThrow().toBuilder().identifier("default-key")
                .kmsKeyId("alias/aws/rds").build());
        assertThatThrownBy(() -> vault.copyDBSnapshot(shared().sourceDBSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "default-key")).build()))
                .isInstanceOf(KmsKeyNotAccessibleException.class);

        owner.makeKmsKeyInaccessible(Sdk.SHARE_KEY);
        assertThatThrownBy(() -> vault.copyDBSnapshot(shared().build()))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
    }

    @Test
    void sharedSnapshotsAreCopiedInTheirRegionUnlessAnUnencryptedDbSnapshot() {
        try (RdsClient vaultInTarget = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, VAULT_KEY_ID)) {
            String targetKey = "arn:aws:kms:eu-central-1:" + Sdk.VAULT + ":key/7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
            assertInvalid(() -> vaultInTarget.copyDBSnapshot(shared().kmsKeyId(targetKey).sourceRegion(Sdk.SOURCE)
                    .build()), "InvalidParameterCombination", "only be copied in its own Region");

            DBSnapshot copy = vaultInTarget.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(
                    Sdk.snapshotArn(Sdk.SOURCE, "plain")).targetDBSnapshotIdentifier("plain-copy")).dbSnapshot();

            assertThat(copy.sourceRegion()).isEqualTo(Sdk.SOURCE);
            assertThat(copy.sourceDBSnapshotIdentifier()).isEqualTo(Sdk.snapshotArn(Sdk.SOURCE, "plain"));
            assertThat(rds.account(Sdk.VAULT).region(Sdk.TARGET).pendingCopies())
                    .extracting(PendingCopy::sourceRegion).containsExactly(Sdk.SOURCE);
        }
    }

    @Test
    void theCopyCountsInTheCallersManualQuotaButASameRegionCopyNotInTheCopiesInFlight() {
        vaultRegion.setCopyQuota(0);
        vaultRegion.setManualSnapshotQuota(1);

        vault.copyDBSnapshot(shared().build());

        assertThatThrownBy(() -> vault.copyDBSnapshot(shared().targetDBSnapshotIdentifier("second").build()))
                .isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("manual snapshots"));
        assertThat(owner.dbSnapshots()).hasSize(3);
    }

    @Test
    void theCopySurvivesItsSourceAndTheReceiverNeverDeletesTheOwnersSnapshot() {
        vault.copyDBSnapshot(shared().build());
        vaultRegion.completePendingCopies();

        assertThatThrownBy(() -> vault.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(SHARED_ARN)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        try (RdsClient ownerClient = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, OWNER_KEY_ID)) {
            ownerClient.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(SHARED));
        }

        assertThat(vaultRegion.dbSnapshot("vault-copy").orElseThrow().status()).isEqualTo("available");
        assertThat(rds.deletions()).singleElement().satisfies(d -> {
            assertThat(d.identifier()).isEqualTo(SHARED);
            assertThat(d.accountId()).isEqualTo(FakeRdsServer.ACCOUNT_ID);
            assertThat(d.deletedBy()).isEqualTo(OWNER_KEY_ID);
        });
        assertThat(rds.account(Sdk.VAULT).deletions()).isEmpty();
    }

    @Test
    void aPublicUnencryptedSnapshotIsCopiedByAnyAccount() {
        owner.addDbSnapshot(DbSnapshot.builder().identifier("public").sharedWith(List.of("all")).build());
        rds.registerAccessKey("AKIATHIRD00000000003", "333344445555");
        try (RdsClient third = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, "AKIATHIRD00000000003")) {
            third.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "public"))
                    .targetDBSnapshotIdentifier("public-copy"));
        }
        assertThat(rds.account("333344445555").region(Sdk.SOURCE).dbSnapshot("public-copy")).isPresent();
    }

    @Test
    void sharedClusterSnapshotsAreCopiedInTheirRegionOnly() {
        owner.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("billing-copy-1")
                .dbClusterIdentifier("billing").storageEncrypted(true).kmsKeyId(Sdk.SHARE_KEY).tag("team", "billing")
                .sharedWith(List.of(Sdk.VAULT)).build());
        owner.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("plain-cluster")
                .sharedWith(List.of(Sdk.VAULT)).build());
        owner.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("private-cluster").build());
        String arn = Sdk.clusterSnapshotArn(Sdk.SOURCE, "billing-copy-1");

        DBClusterSnapshot copy = vault.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(arn)
                .targetDBClusterSnapshotIdentifier("vault-billing").kmsKeyId(Sdk.VAULT_KEY).copyTags(true))
                .dbClusterSnapshot();

        assertThat(copy.sourceDBClusterSnapshotArn()).isEqualTo(arn);
        assertThat(copy.dbClusterSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:" + Sdk.VAULT
                + ":cluster-snapshot:vault-billing");
        assertThat(copy.tagList()).isEmpty();
        assertThat(rds.account(Sdk.VAULT).region(Sdk.SOURCE).dbClusterSnapshot("vault-billing").orElseThrow()
                .createdBy()).isEqualTo(VAULT_KEY_ID);
        assertInvalid(() -> vault.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(arn)
                .targetDBClusterSnapshotIdentifier("no-key")), "InvalidParameterValue", "KmsKeyId is required");
        assertThatThrownBy(() -> vault.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "private-cluster")).targetDBClusterSnapshotIdentifier("x")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
        try (RdsClient vaultInTarget = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, VAULT_KEY_ID)) {
            assertInvalid(() -> vaultInTarget.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                    Sdk.clusterSnapshotArn(Sdk.SOURCE, "plain-cluster")).targetDBClusterSnapshotIdentifier("far")),
                    "InvalidParameterCombination", "only be copied in its own Region");
        }
    }

    private static CopyDbSnapshotRequest.Builder shared() {
        return CopyDbSnapshotRequest.builder().sourceDBSnapshotIdentifier(SHARED_ARN)
                .targetDBSnapshotIdentifier("vault-copy").kmsKeyId(Sdk.VAULT_KEY);
    }

    private static void assertInvalid(Runnable call, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RdsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
