package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** Accounts: access keys pick the account a request acts in; an account sees and changes only its own resources. */
class AccountsTest {

    private static final String SOURCE_KEY_ID = "AKIASOURCE0000000001";
    private static final String VAULT_KEY_ID = "AKIAVAULT00000000002";

    private FakeRdsServer rds;
    private RdsClient source;
    private RdsClient vault;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.registerAccessKey(VAULT_KEY_ID, Sdk.VAULT);
        source = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, SOURCE_KEY_ID);
        vault = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, VAULT_KEY_ID);
        rds.region(Sdk.SOURCE).addDbInstance(DbInstance.builder().identifier("orders-db").build());
        rds.account(Sdk.VAULT).region(Sdk.SOURCE).addDbInstance(DbInstance.builder().identifier("orders-db").build());
    }

    @AfterEach
    void stop() {
        source.close();
        vault.close();
        rds.close();
    }

    @Test
    void unregisteredKeysActInTheDefaultAccountAndRegionIsItsRegion() {
        assertThat(rds.region(Sdk.SOURCE)).isSameAs(rds.account(FakeRdsServer.ACCOUNT_ID).region(Sdk.SOURCE));
        assertThat(rds.accountOf(SOURCE_KEY_ID)).isEqualTo(FakeRdsServer.ACCOUNT_ID);
        assertThat(rds.accountOf(VAULT_KEY_ID)).isEqualTo(Sdk.VAULT);

        DBSnapshot created = source.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("before-upgrade")).dbSnapshot();

        assertThat(created.dbSnapshotArn()).isEqualTo(Sdk.snapshotArn(Sdk.SOURCE, "before-upgrade"));
        assertThat(rds.region(Sdk.SOURCE).dbSnapshot("before-upgrade")).isPresent();
        assertThat(rds.account(Sdk.VAULT).region(Sdk.SOURCE).dbSnapshot("before-upgrade")).isEmpty();
        assertThat(rds.requests()).extracting(RecordedRequest::accountId).containsExactly(FakeRdsServer.ACCOUNT_ID);
    }

    @Test
    void aRegisteredKeyActsInItsAccountWhoseResourcesCarryItsId() {
        DBSnapshot created = vault.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("before-upgrade")).dbSnapshot();

        assertThat(created.dbSnapshotArn()).isEqualTo(Sdk.vaultSnapshotArn(Sdk.SOURCE, "before-upgrade"));
        DbSnapshot stored = rds.account(Sdk.VAULT).region(Sdk.SOURCE).dbSnapshot("before-upgrade").orElseThrow();
        assertThat(stored.accountId()).isEqualTo(Sdk.VAULT);
        assertThat(stored.createdBy()).isEqualTo(VAULT_KEY_ID);
        assertThat(rds.region(Sdk.SOURCE).dbSnapshot("before-upgrade")).isEmpty();
        assertThat(source.describeDBSnapshots(b -> { }).dbSnapshots()).isEmpty();
        assertThat(vault.describeDBInstances(b -> { }).dbInstances()).extracting(i -> i.dbInstanceArn())
                .containsExactly("arn:aws:rds:eu-west-1:" + Sdk.VAULT + ":db:orders-db");
        assertThat(rds.requests()).extracting(RecordedRequest::accountId)
                .containsExactly(Sdk.VAULT, FakeRdsServer.ACCOUNT_ID, Sdk.VAULT);
    }

    @Test
    void anotherAccountsResourcesAreNotFoundByArn() {
        rds.region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("private-copy").build());
        String arn = Sdk.snapshotArn(Sdk.SOURCE, "private-copy");

        assertThatThrownBy(() -> vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier(arn)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(arn)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.listTagsForResource(b -> b.resourceName(arn)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(arn)
                .targetDBSnapshotIdentifier("stolen"))).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("private-copy")))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThat(rds.region(Sdk.SOURCE).dbSnapshot("private-copy")).isPresent();
        assertThat(rds.deletions()).isEmpty();
    }

    @Test
    void deletionsRecordTheAccountThatHeldTheResource() {
        vault.createDBSnapshot(b -> b.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("vault-copy"));
        rds.account(Sdk.VAULT).region(Sdk.SOURCE).completePendingCopies();
        rds.region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("scratch").build());

        vault.deleteDBSnapshot(b -> b.dbSnapshotIdentifier("vault-copy"));
        rds.region(Sdk.SOURCE).removeDbSnapshot("scratch");

        assertThat(rds.deletions()).containsExactly(
                new Deletion(Sdk.SOURCE, ResourceKind.DB_SNAPSHOT, "vault-copy", VAULT_KEY_ID, VAULT_KEY_ID,
                        Map.of(), "available", Sdk.VAULT),
                new Deletion(Sdk.SOURCE, ResourceKind.DB_SNAPSHOT, "scratch", "setup", "setup", Map.of(),
                        "available", FakeRdsServer.ACCOUNT_ID));
        assertThat(rds.account(Sdk.VAULT).deletions()).extracting(Deletion::identifier).containsExactly("vault-copy");
    }

    @Test
    void keysAndAccountIdsAreChecked() {
        assertThatThrownBy(() -> rds.registerAccessKey(VAULT_KEY_ID, FakeRdsServer.ACCOUNT_ID))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Sdk.VAULT);
        assertThatThrownBy(() -> rds.account("vault")).isInstanceOf(IllegalArgumentException.class);
        rds.registerAccessKey(VAULT_KEY_ID, Sdk.VAULT);
    }

    @Test
    void eventBridgeRulesBelongToTheCallersAccount() throws Exception {
        rds.eventBridge().addRule("follow-up", false);
        rds.account(Sdk.VAULT).eventBridge().addRule("vault-follow-up", false);

        assertThat(enableRule(VAULT_KEY_ID, "vault-follow-up")).isEqualTo(200);
        assertThat(enableRule(VAULT_KEY_ID, "follow-up")).isEqualTo(400);
        assertThat(enableRule(SOURCE_KEY_ID, "vault-follow-up")).isEqualTo(400);
        assertThat(enableRule(SOURCE_KEY_ID, "follow-up")).isEqualTo(200);

        assertThat(rds.account(Sdk.VAULT).eventBridge().isEnabled("vault-follow-up")).isTrue();
        assertThat(rds.eventBridge().isEnabled("follow-up")).isTrue();
        assertThat(rds.account(Sdk.VAULT).eventBridge().calls()).extracting(FakeEventBridge.Call::accessKeyId)
                .containsOnly(VAULT_KEY_ID);
    }

    @Test
    void errorsOfAnotherAccountsArnAreTheKindsNotFound() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("c").build());

        assertThatThrownBy(() -> vault.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "c")))).isInstanceOfSatisfying(RdsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBClusterSnapshotNotFoundFault"));
    }

    private int enableRule(String accessKeyId, String rule) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(rds.endpoint() + "/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId
                        + "/20240514/eu-west-1/events/aws4_request, SignedHeaders=host, Signature=0")
                .header("X-Amz-Target", "AWSEvents.EnableRule")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + rule + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
