package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterSnapshotStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SharedSnapshotQuotaExceededException;

/** ModifyDB(Cluster)SnapshotAttribute and DescribeDB(Cluster)SnapshotAttributes: who a snapshot is shared with. */
class SharingTest {

    private static final String VAULT_KEY_ID = "AKIAVAULT00000000002";

    private FakeRdsServer rds;
    private RdsClient owner;
    private FakeRegion region;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        owner = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE);
        region = rds.region(Sdk.SOURCE);
        region.addDbSnapshot(DbSnapshot.builder().identifier("plain").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("encrypted").encrypted(true).kmsKeyId(Sdk.SHARE_KEY)
                .build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("cluster").storageEncrypted(true)
                .kmsKeyId(Sdk.SHARE_KEY).build());
    }

    @AfterEach
    void stop() {
        owner.close();
        rds.close();
    }

    @Test
    void sharingAddsAndRemovesAccountsOfTheRestoreAttribute() {
        DBSnapshotAttribute added = owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("plain")
                .attributeName("restore").valuesToAdd(Sdk.VAULT, "111122223333")).dbSnapshotAttributesResult()
                .dbSnapshotAttributes().get(0);

        assertThat(added.attributeName()).isEqualTo("restore");
        assertThat(added.attributeValues()).containsExactly(Sdk.VAULT, "111122223333");
        assertThat(rds.requests().get(0).params()).containsEntry("ValuesToAdd.AttributeValue.1", Sdk.VAULT)
                .containsEntry("ValuesToAdd.AttributeValue.2", "111122223333");
        assertThat(region.dbSnapshot("plain").orElseThrow().sharedWith()).containsExactly(Sdk.VAULT, "111122223333");

        owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "plain"))
                .attributeName("restore").valuesToRemove("111122223333"));
        var described = owner.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier("plain"))
                .dbSnapshotAttributesResult();

        assertThat(described.dbSnapshotIdentifier()).isEqualTo("plain");
        assertThat(described.dbSnapshotAttributes()).singleElement().satisfies(a -> {
            assertThat(a.attributeName()).isEqualTo("restore");
            assertThat(a.attributeValues()).containsExactly(Sdk.VAULT);
        });
    }

    @Test
    void onlyAvailableManualSnapshotsAreShared() {
        region.addDbSnapshot(Sdk.automated("rds:orders-db-1", "orders-db").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("busy").status("creating").build());

        assertThatThrownBy(() -> share("rds:orders-db-1", Sdk.VAULT))
                .isInstanceOf(InvalidDbSnapshotStateException.class).hasMessageContaining("manual");
        assertThatThrownBy(() -> share("busy", Sdk.VAULT)).isInstanceOf(InvalidDbSnapshotStateException.class);
        assertThatThrownBy(() -> share("missing", Sdk.VAULT)).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThat(owner.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier("rds:orders-db-1"))
                .dbSnapshotAttributesResult().dbSnapshotAttributes().get(0).attributeValues()).isEmpty();
    }

    @Test
    void atMostTwentyAccountsAndAllDoesNotCount() {
        List<String> twenty = new ArrayList<>();
        for (int i = 1; i <= Sharing.MAX_ACCOUNTS; i++) {
            twenty.add(String.format("1000000000%02d", i));
        }
        owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("plain").attributeName("restore")
                .valuesToAdd(twenty));
        share("plain", "all");

        assertThatThrownBy(() -> share("plain", Sdk.VAULT)).isInstanceOfSatisfying(
                SharedSnapshotQuotaExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SharedSnapshotQuotaExceeded"));
        assertThat(region.dbSnapshot("plain").orElseThrow().sharedWith()).hasSize(21).doesNotContain(Sdk.VAULT);
        owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("plain").attributeName("restore")
                .valuesToRemove(twenty.get(0)).valuesToAdd(Sdk.VAULT));
        assertThat(region.dbSnapshot("plain").orElseThrow().sharedWith()).contains(Sdk.VAULT)
                .doesNotContain(twenty.get(0));
    }

    @Test
    void encryptedSnapshotsAreSharedWithAccountsOnlyAndNeverUnderTheDefaultKey() {
        share("encrypted", Sdk.VAULT);
        region.addDbSnapshot(DbSnapshot.builder().identifier("default-key").encrypted(true)
                .kmsKeyId("alias/aws/rds").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("default-key-arn").encrypted(true)
                .kmsKeyId("arn:aws:kms:eu-west-1:123456789012:alias/aws/rds").build());
        String managedKey = "arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-0b0a-4908-8706-050403020100";
        region.markAwsManagedKey(managedKey);
        region.addDbSnapshot(DbSnapshot.builder().identifier("managed-key").encrypted(true).kmsKeyId(managedKey)
                .build());

        assertInvalidValue(() -> share("encrypted", "all"), "all");
        assertInvalidValue(() -> share("default-key", Sdk.VAULT), "default KMS key");
        assertInvalidValue(() -> share("default-key-arn", Sdk.VAULT), "default KMS key");
        assertInvalidValue(() -> share("managed-key", Sdk.VAULT), "default KMS key");
        assertThatThrownBy(() -> region.grantKmsKeyTo(managedKey, Sdk.VAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(region.dbSnapshot("encrypted").orElseThrow().sharedWith()).containsExactly(Sdk.VAULT);
    }

    @Test
    void persistentOrPermanentOptionsBlockSharingExceptOracleTimezoneAndOls() {
        region.addOptionGroup(OptionGroup.builder().name("ora-tz").engineName("oracle-ee").majorEngineVersion("19")
                .option("Timezone", true, true).option("OLS", true, false).build());
        region.addOptionGroup(OptionGroup.builder().name("ora-tde").engineName("oracle-ee").majorEngineVersion("19")
                .option("Timezone", true, true).option("TDE", true, true).build());
        region.addOptionGroup(OptionGroup.builder().name("sql-tde").engineName("sqlserver-ee")
                .majorEngineVersion("15.00").option("TDE", true, false).build());
        region.addOptionGroup(OptionGroup.builder().name("mysql-audit").engineName("mysql").majorEngineVersion("8.0")
                .option("MARIADB_AUDIT_PLUGIN", false, false).build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("ora-tz").engine("oracle-ee").optionGroupName("ora-tz")
                .build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("ora-tde").engine("oracle-ee")
                .optionGroupName("ora-tde").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("sql-tde").engine("sqlserver-ee")
                .optionGroupName("sql-tde").build());
        region.addDbSnapshot(DbSnapshot.builder().identifier("mysql").engine("mysql").optionGroupName("mysql-audit")
                .build());

        share("ora-tz", Sdk.VAULT);
        share("mysql", Sdk.VAULT);
        assertInvalidValue(() -> share("ora-tde", Sdk.VAULT), "TDE");
        assertInvalidValue(() -> share("sql-tde", Sdk.VAULT), "TDE");
        owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("ora-tde").attributeName("restore")
                .valuesToRemove(Sdk.VAULT));
    }

    @Test
    void requestValuesAreChecked() {
        assertInvalidValue(() -> owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("plain")
                .attributeName("copy").valuesToAdd(Sdk.VAULT)), "AttributeName");
        assertInvalidValue(() -> share("plain", "vault-account"), "12-digit");
    }

    @Test
    void onlyTheOwnerSeesOrChangesWhoASnapshotIsSharedWith() {
        share("plain", Sdk.VAULT);
        rds.registerAccessKey(VAULT_KEY_ID, Sdk.VAULT);
        String arn = Sdk.snapshotArn(Sdk.SOURCE, "plain");
        try (RdsClient vault = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, VAULT_KEY_ID)) {
            assertThatThrownBy(() -> vault.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier(arn)))
                    .isInstanceOf(DbSnapshotNotFoundException.class);
            assertThatThrownBy(() -> vault.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier(arn)
                    .attributeName("restore").valuesToAdd("111122223333")))
                    .isInstanceOf(DbSnapshotNotFoundException.class);
        }
        assertThat(region.dbSnapshot("plain").orElseThrow().sharedWith()).containsExactly(Sdk.VAULT);
    }

    @Test
    void clusterSnapshotsFollowTheSameRules() {
        region.addDbClusterSnapshot(Sdk.automatedCluster("rds:billing-1", "billing").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("default-key").storageEncrypted(true)
                .kmsKeyId("alias/aws/rds").build());

        DBClusterSnapshotAttribute added = owner.modifyDBClusterSnapshotAttribute(b -> b
                .dbClusterSnapshotIdentifier("cluster").attributeName("restore").valuesToAdd(Sdk.VAULT))
                .dbClusterSnapshotAttributesResult().dbClusterSnapshotAttributes().get(0);

        assertThat(added.attributeValues()).containsExactly(Sdk.VAULT);
        assertThat(owner.describeDBClusterSnapshotAttributes(b -> b.dbClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "cluster"))).dbClusterSnapshotAttributesResult()
                .dbClusterSnapshotAttributes().get(0).attributeValues()).containsExactly(Sdk.VAULT);
        assertThatThrownBy(() -> owner.modifyDBClusterSnapshotAttribute(b -> b
                .dbClusterSnapshotIdentifier("rds:billing-1").attributeName("restore").valuesToAdd(Sdk.VAULT)))
                .isInstanceOf(InvalidDbClusterSnapshotStateException.class);
        assertInvalidValue(() -> owner.modifyDBClusterSnapshotAttribute(b -> b
                .dbClusterSnapshotIdentifier("default-key").attributeName("restore").valuesToAdd(Sdk.VAULT)),
                "default KMS key");
        assertInvalidValue(() -> owner.modifyDBClusterSnapshotAttribute(b -> b
                .dbClusterSnapshotIdentifier("cluster").attributeName("restore").valuesToAdd("all")), "all");
        assertThatThrownBy(() -> owner.describeDBClusterSnapshotAttributes(b -> b
                .dbClusterSnapshotIdentifier("missing"))).isInstanceOf(DbClusterSnapshotNotFoundException.class);
    }

    @Test
    void aCopyIsNotSharedLikeItsSource() {
        share("plain", Sdk.VAULT);

        owner.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("plain").targetDBSnapshotIdentifier("plain-copy"));

        assertThat(region.dbSnapshot("plain-copy").orElseThrow().sharedWith()).isEmpty();
    }

    private void share(String snapshot, String account) {
        owner.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier(snapshot).attributeName("restore")
                .valuesToAdd(account));
    }

    private static void assertInvalidValue(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RdsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
