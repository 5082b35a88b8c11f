package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.lambda.output.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.ACCOUNT;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.SOURCE;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.TARGET_KEY;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.VAULT_ACCESS_KEY;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.VAULT_ACCOUNT;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.VAULT_ID;
import static io.github.snapshotreplication.lambda.engine.FakeRdsHarness.VAULT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both sides of the vault through the real SDK against one fake with two accounts: the source installation copies
 * across regions, shares each copy with the vault account and keeps it until the vault's receipt; the vault copies
 * within the region with its own key and sends the receipt. Then the source account is compromised.
 */
class VaultIT {

    private static final String ATTACKER_KEY = "AKIAATTACKEREXAMPLE1";
    private static final String STRANGER_ACCOUNT = "555555555555";
    private static final String STRANGER_KEY = "AKIASTRANGEREXAMPLE1";

    private final FakeRdsHarness fake = new FakeRdsHarness();
    private final List<RdsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(RdsClient::close);
        fake.close();
    }

    /** An encrypted DB instance and an encrypted Aurora cluster, each with a snapshot taken an hour ago. */
    private void twoEncryptedDatabases() {
        fake.addInstanceWithSnapshots("orders", true, 1);
        fake.sourceRegion().addDbCluster(DbCluster.builder().identifier("ledger").storageEncrypted(true)
                .kmsKeyId(FakeRdsHarness.SOURCE_KEY).build());
        fake.addClusterSnapshot("ledger", true, 1);
        // The target key's policy names the vault account (CrossRegionSnapshotReplication.vaultKeyAccess).
        fake.targetRegion().grantKmsKeyTo(TARGET_KEY, VAULT_ACCOUNT);
    }

    /** Source sweeps and vault sweeps, each followed by RDS finishing their copies, until nothing changes. */
    private void handOver(ReplicationEngine source, VaultEngine vault) {
        for (int round = 0; round < 4; round++) {
            source.sweep(TimeBudget.unlimited());
            fake.targetRegion().completePendingCopies();
            vault.sweep(TimeBudget.unlimited());
            fake.vaultRegion().completePendingCopies();
            fake.advance(Duration.ofMinutes(10));
        }
    }

    private RdsClient client(String accessKey, String region) {
        RdsClient client = RdsClient.builder().endpointOverride(fake.rds.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        clients.add(client);
        return client;
    }

    @Test
    void theVaultCopiesWithItsOwnKeyAndTheSourceLetsGoOnlyAfterTheReceipt() {
        twoEncryptedDatabases();
        ReplicationEngine source = fake.engine("VAULT_ACCOUNT", VAULT_ACCOUNT, "INCLUDE_AURORA_CLUSTERS", "true");
        VaultEngine vault = fake.vaultEngine();

        source.sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        vault.sweep(TimeBudget.unlimited());
        assertThat(fake.vaultRegion().dbSnapshots()).as("nothing is shared before the copy is available").isEmpty();

        source.sweep(TimeBudget.unlimited());
        DbSnapshot ours = fake.targetRegion().dbSnapshots().get(0);
        DbClusterSnapshot ourCluster = fake.targetRegion().dbClusterSnapshots().get(0);
        assertThat(ours.sharedWith()).containsExactly(VAULT_ACCOUNT);
        assertThat(ourCluster.sharedWith()).containsExactly(VAULT_ACCOUNT);

        vault.sweep(TimeBudget.unlimited());
        fake.vaultRegion().completePendingCopies();
        assertThat(fake.vaultRegion().dbSnapshots()).singleElement().satisfies(v -> {
            assertThat(v.identifier()).startsWith(CopyIdentifiers.identifierStart(VAULT_ID));
            assertThat(v.createdBy()).isEqualTo(VAULT_ACCESS_KEY);
            assertThat(v.kmsKeyId()).isEqualTo(VAULT_KEY);
            assertThat(v.sourceDbSnapshotIdentifier()).isEqualTo(ours.arn());
            assertThat(v.originalCreatedAt()).isEqualTo(ours.originalCreatedAt());
            assertThat(v.tags()).containsEntry(TagKeys.MANAGED_BY, VAULT_ID);
        });
        assertThat(fake.vaultRegion().dbClusterSnapshots()).singleElement().satisfies(v -> {
            assertThat(v.kmsKeyId()).isEqualTo(VAULT_KEY);
            assertThat(v.sourceDbClusterSnapshotArn()).isEqualTo(ourCluster.arn());
        });
        assertThat(fake.targetRegion().dbSnapshot(ours.identifier()).orElseThrow().sharedWith())
                .as("still shared: the vault has not sent its receipt").containsExactly(VAULT_ACCOUNT);

        vault.sweep(TimeBudget.unlimited());
        assertThat(fake.vaultRegion().dbSnapshots().get(0).sharedWith()).as("the receipt").containsExactly(ACCOUNT);
        source.sweep(TimeBudget.unlimited());

        DbSnapshot released = fake.targetRegion().dbSnapshot(ours.identifier()).orElseThrow();
        assertThat(released.sharedWith()).isEmpty();
        assertThat(released.tags()).containsEntry(TagKeys.VAULT, "received");
        assertThat(fake.targetRegion().dbClusterSnapshot(ourCluster.identifier()).orElseThrow().sharedWith())
                .isEmpty();
        assertThat(fake.lines("vault_share_failed")).isEmpty();
        assertThat(fake.lines("copy_failed")).isEmpty();
        assertThat(fake.rds.deletions()).isEmpty();
    }

    @Test
    void retentionInTheSourceAccountWaitsForTheVault() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        ReplicationEngine source = fake.engine("VAULT_ACCOUNT", VAULT_ACCOUNT, "RETENTION_KEEP_LAST", "1");
        source.sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        source.sweep(TimeBudget.unlimited());
        String first = fake.targetRegion().dbSnapshots().get(0).identifier();

        // A day later a newer snapshot is copied; the first copy is past keep-last but the vault has not copied it.
        fake.advance(Duration.ofDays(1));
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:orders-d1").dbInstanceIdentifier(
                "orders").snapshotType("automated").createdAt(FakeRdsHarness.NOW.plus(Duration.ofDays(1))).build());
        for (int i = 0; i < 3; i++) {
            source.sweep(TimeBudget.unlimited());
            fake.targetRegion().completePendingCopies();
        }
        assertThat(fake.targetRegion().dbSnapshot(first)).as("held for the vault").isPresent();
        assertThat(fake.lines("delete_postponed").stream().map(l -> String.valueOf(l.get("reason"))))
                .anyMatch(r -> r.contains("until the vault account " + VAULT_ACCOUNT + " has its own copy"));

        handOver(source, fake.vaultEngine());

        assertThat(fake.targetRegion().dbSnapshot(first)).as("released after the receipt, then deleted").isEmpty();
        assertThat(fake.rds.deletions()).singleElement().satisfies(d -> {
            assertThat(d.identifier()).isEqualTo(first);
            assertThat(d.accountId()).isEqualTo(ACCOUNT);
        });
        assertThat(fake.vaultRegion().dbSnapshots()).hasSize(2);
    }

    @Test
    void aCompromisedSourceAccountCannotTouchTheVaultsCopies() {
        twoEncryptedDatabases();
        VaultEngine vault = fake.vaultEngine();
        handOver(fake.engine("VAULT_ACCOUNT", VAULT_ACCOUNT, "INCLUDE_AURORA_CLUSTERS", "true"), vault);
        List<String> vaultDbCopies = fake.vaultRegion().dbSnapshots().stream().map(DbSnapshot::arn).toList();
        List<String> vaultClusterCopies = fake.vaultRegion().dbClusterSnapshots().stream()
                .map(DbClusterSnapshot::arn).toList();
        assertThat(vaultDbCopies).hasSize(1);
        assertThat(vaultClusterCopies).hasSize(1);

        // The attacker holds the source account: deletes every manual snapshot it can list in both regions (RDS
        // deletes automated ones with their database), and tries the vault's copies by ARN (it sees their ARNs: the
        // vault shared them back as receipts).
        for (String region : List.of(SOURCE, TARGET)) {
            RdsClient attacker = client(ATTACKER_KEY, region);
            attacker.describeDBSnapshotsPaginator(r -> r.includeShared(true)).dbSnapshots().stream()
                    .filter(s -> !"automated".equals(s.snapshotType())).forEach(s -> {
                try {
                    attacker.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(s.dbSnapshotArn()));
                } catch (DbSnapshotNotFoundException expected) {
                    // another account's snapshot
                }
            });
            attacker.describeDBClusterSnapshotsPaginator(r -> r.includeShared(true)).dbClusterSnapshots().stream()
                    .filter(s -> !"automated".equals(s.snapshotType())).forEach(s -> {
                        try {
                            attacker.deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier(
                                    s.dbClusterSnapshotArn()));
                        } catch (DbClusterSnapshotNotFoundException expected) {
                            // another account's snapshot
                        }
                    });
        }
        RdsClient attacker = client(ATTACKER_KEY, TARGET);
        assertThatThrownBy(() -> attacker.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(vaultDbCopies.get(0))))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThat(fake.targetRegion().dbSnapshots()).isEmpty();
        assertThat(fake.targetRegion().dbClusterSnapshots()).isEmpty();

        // The vault keeps sweeping for twice its retention with nothing new shared.
        for (int day = 0; day < 70; day++) {
            fake.advance(Duration.ofDays(1));
            RunSummary summary = vault.sweep(TimeBudget.unlimited());
            assertThat(summary.count(MetricNames.DELETE_FAILURES)).isZero();
            assertThat(summary.transientFailures()).isEmpty();
        }

        assertThat(fake.vaultRegion().dbSnapshots()).extracting(DbSnapshot::arn)
                .containsExactlyElementsOf(vaultDbCopies);
        assertThat(fake.vaultRegion().dbClusterSnapshots()).extracting(DbClusterSnapshot::arn)
                .containsExactlyElementsOf(vaultClusterCopies);
        assertThat(fake.rds.account(VAULT_ACCOUNT).deletions()).isEmpty();
        assertThat(fake.rds.deletions()).allSatisfy((Deletion d) -> {
            assertThat(d.accountId()).isEqualTo(ACCOUNT);
            assertThat(d.deletedBy()).isEqualTo(ATTACKER_KEY);
        });
    }

    @Test
    void theVaultCopiesOnlyWhatAcceptedAccountsShareAndRetiresOnlyItsOwnCopies() {
        fake.addInstanceWithSnapshots("orders", false, 1);
        VaultEngine vault = fake.vaultEngine("VAULT_RETENTION", "P7D");
        ReplicationEngine source = fake.engine("VAULT_ACCOUNT", VAULT_ACCOUNT);
        // A stranger shares a snapshot named like an installation's copy.
        fake.rds.registerAccessKey(STRANGER_KEY, STRANGER_ACCOUNT);
        fake.rds.account(STRANGER_ACCOUNT).region(TARGET).addDbSnapshot(DbSnapshot.builder()
                .identifier(CopyIdentifiers.identifierStart("someone-else") + "orders-eu-west-1")
                .dbInstanceIdentifier("orders").snapshotType("manual").createdAt(FakeRdsHarness.NOW)
                .sharedWith(List.of(VAULT_ACCOUNT)).build());
        // A vault user copies the vault's copy by hand, tags and all: a look-alike.
        handOver(source, vault);
        String vaultCopy = fake.vaultRegion().dbSnapshots().get(0).identifier();
        client(VAULT_ACCESS_KEY, TARGET).copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(vaultCopy)
                .targetDBSnapshotIdentifier("orders-audit").copyTags(true));
        fake.vaultRegion().completePendingCopies();

        // Daily snapshots for three weeks, each handed over.
        for (int day = 1; day <= 21; day++) {
            fake.advance(Duration.ofDays(1));
            fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:orders-d" + day)
                    .dbInstanceIdentifier("orders").snapshotType("automated")
                    .createdAt(FakeRdsHarness.NOW.plus(Duration.ofDays(day))).build());
            handOver(source, vault);
        }

        List<DbSnapshot> vaultSnapshots = fake.vaultRegion().dbSnapshots();
        assertThat(vaultSnapshots).extracting(DbSnapshot::identifier).contains("orders-audit")
                .noneMatch(id -> id.contains(CopyIdentifiers.prefixOf("someone-else")));
        assertThat(fake.lines("look_alike_ignored")).isNotEmpty();
        List<Deletion> vaultDeletions = fake.rds.account(VAULT_ACCOUNT).deletions();
        assertThat(vaultDeletions).isNotEmpty().allSatisfy(d -> {
            assertThat(d.createdBy()).isEqualTo(VAULT_ACCESS_KEY);
            assertThat(d.deletedBy()).isEqualTo(VAULT_ACCESS_KEY);
            assertThat(d.identifier()).startsWith(CopyIdentifiers.identifierStart(VAULT_ID));
        });
        // Kept: every copy whose source is younger than 7 days (retention counts from the source snapshot).
        assertThat(vaultSnapshots.stream().filter(s -> s.identifier().startsWith(
                CopyIdentifiers.identifierStart(VAULT_ID)))).hasSizeBetween(7, 8);
        assertThat(fake.rds.account(STRANGER_ACCOUNT).region(TARGET).dbSnapshots()).hasSize(1);
    }
}
