package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Filter;

/** What the receiving account sees of the snapshots other accounts share with it (docs/aws-references.md V4). */
class SharedVisibilityTest {

    private static final String VAULT_KEY_ID = "AKIAVAULT00000000002";
    private static final String SHARED_ARN = Sdk.snapshotArn(Sdk.SOURCE, "shared-one");

    private FakeRdsServer rds;
    private RdsClient vault;
    private FakeRegion owner;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.registerAccessKey(VAULT_KEY_ID, Sdk.VAULT);
        vault = Sdk.clientAs(rds.endpoint(), Sdk.SOURCE, VAULT_KEY_ID);
        owner = rds.region(Sdk.SOURCE);
        owner.addDbSnapshot(DbSnapshot.builder().identifier("shared-one").dbInstanceIdentifier("orders-db")
                .encrypted(true).kmsKeyId(Sdk.SHARE_KEY).tag("team", "orders").sharedWith(List.of(Sdk.VAULT))
                .build());
        owner.addDbSnapshot(DbSnapshot.builder().identifier("not-shared").build());
        owner.addDbSnapshot(DbSnapshot.builder().identifier("public-one").sharedWith(List.of("all")).build());
        owner.addDbSnapshot(Sdk.automated("rds:auto", "orders-db").sharedWith(List.of(Sdk.VAULT)).build());
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("elsewhere")
                .sharedWith(List.of(Sdk.VAULT)).build());
        rds.account(Sdk.VAULT).region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("vault-own").build());
    }

    @AfterEach
    void stop() {
        vault.close();
        rds.close();
    }

    @Test
    void sharedSnapshotsAreNotListedByDefault() {
        assertThat(ids(vault.describeDBSnapshots(b -> { }))).containsExactly("vault-own");
        assertThat(ids(vault.describeDBSnapshots(b -> b.snapshotType("manual")))).containsExactly("vault-own");
    }

    @Test
    void snapshotTypeSharedListsTheManualSnapshotsOfOtherAccountsSharedWithTheCallerInItsRegion() {
        DBSnapshot shared = vault.describeDBSnapshots(b -> b.snapshotType("shared")).dbSnapshots().get(0);

        assertThat(ids(vault.describeDBSnapshots(b -> b.snapshotType("shared")))).containsExactly(SHARED_ARN);
        assertThat(shared.dbSnapshotIdentifier()).isEqualTo(SHARED_ARN);
        assertThat(shared.dbSnapshotArn()).isEqualTo(SHARED_ARN);
        assertThat(shared.snapshotType()).isEqualTo("shared");
        assertThat(shared.dbInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(shared.kmsKeyId()).isEqualTo(Sdk.SHARE_KEY);
        assertThat(shared.tagList()).as("tags of another account's snapshot").isEmpty();
    }

    @Test
    void includeSharedAndIncludePublicAddThemToTheDefaultListing() {
        assertThat(ids(vault.describeDBSnapshots(b -> b.includeShared(true))))
                .containsExactly(SHARED_ARN, "vault-own");
        assertThat(ids(vault.describeDBSnapshots(b -> b.includeShared(true).includePublic(true))))
                .containsExactly(Sdk.snapshotArn(Sdk.SOURCE, "public-one"), SHARED_ARN, "vault-own");
        assertThat(vault.describeDBSnapshots(b -> b.snapshotType("public")).dbSnapshots())
                .extracting(DBSnapshot::snapshotType).containsExactly("public");
        assertThat(ids(vault.describeDBSnapshots(b -> b.includeShared(true).snapshotType("manual"))))
                .containsExactly("vault-own");
        assertThat(ids(vault.describeDBSnapshots(b -> b.includeShared(true).filters(Filter.builder()
                .name("snapshot-type").values("shared").build())))).containsExactly(SHARED_ARN);
    }

    @Test
    void aSharedSnapshotIsDescribedByItsArn() {
        assertThat(ids(vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier(SHARED_ARN))))
                .containsExactly(SHARED_ARN);
        assertThat(ids(vault.describeDBSnapshots(b -> b.filters(Filter.builder().name("db-snapshot-id")
                .values(SHARED_ARN, "vault-own").build())))).containsExactly(SHARED_ARN, "vault-own");
        assertThatThrownBy(() -> vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "not-shared")))).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier(
                Sdk.snapshotArn(Sdk.SOURCE, "rds:auto")))).isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier("shared-one")))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        assertThatThrownBy(() -> vault.listTagsForResource(b -> b.resourceName(SHARED_ARN)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
    }

    @Test
    void sharedSnapshotsAreRegional() {
        String elsewhere = Sdk.snapshotArn(Sdk.TARGET, "elsewhere");
        assertThatThrownBy(() -> vault.describeDBSnapshots(b -> b.dbSnapshotIdentifier(elsewhere)))
                .isInstanceOf(DbSnapshotNotFoundException.class);
        try (RdsClient vaultInTarget = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, VAULT_KEY_ID)) {
            assertThat(ids(vaultInTarget.describeDBSnapshots(b -> b.snapshotType("shared"))))
                    .containsExactly(elsewhere);
        }
    }

    @Test
    void theOwnerSeesItsSnapshotAsBefore() {
        try (RdsClient ownerClient = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            DBSnapshot own = ownerClient.describeDBSnapshots(b -> b.dbSnapshotIdentifier("shared-one"))
                    .dbSnapshots().get(0);
            assertThat(own.dbSnapshotIdentifier()).isEqualTo("shared-one");
            assertThat(own.snapshotType()).isEqualTo("manual");
            assertThat(own.tagList()).hasSize(1);
            assertThat(ownerClient.describeDBSnapshots(b -> b.snapshotType("shared")).dbSnapshots()).isEmpty();
        }
    }

    @Test
    void unsharingHidesItAgain() {
        owner.addDbSnapshot(owner.dbSnapshot("shared-one").orElseThrow().withSharedWith(List.of()));

        assertThat(vault.describeDBSnapshots(b -> b.snapshotType("shared")).dbSnapshots()).isEmpty();
    }

    @Test
    void pagesMergeOwnAndSharedSnapshotsInOrder() {
        List<String> expected = new ArrayList<>(List.of(SHARED_ARN, "vault-own"));
        for (int i = 0; i < 30; i++) {
            String id = String.format("a-own-%02d", i);
            rds.account(Sdk.VAULT).region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier(id).build());
            String sharedId = String.format("z-shared-%02d", i);
            owner.addDbSnapshot(DbSnapshot.builder().identifier(sharedId).sharedWith(List.of(Sdk.VAULT)).build());
            expected.add(id);
            expected.add(Sdk.snapshotArn(Sdk.SOURCE, sharedId));
        }
        expected.sort(String::compareTo);

        List<String> seen = new ArrayList<>();
        vault.describeDBSnapshotsPaginator(b -> b.includeShared(true).maxRecords(20)).dbSnapshots()
                .forEach(s -> seen.add(s.dbSnapshotIdentifier()));

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void sharedClusterSnapshotsAreListedTheSameWay() {
        owner.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("billing-shared")
                .sharedWith(List.of(Sdk.VAULT)).tag("team", "billing").build());
        String arn = Sdk.clusterSnapshotArn(Sdk.SOURCE, "billing-shared");

        var shared = vault.describeDBClusterSnapshots(b -> b.snapshotType("shared")).dbClusterSnapshots();

        assertThat(shared).singleElement().satisfies(s -> {
            assertThat(s.dbClusterSnapshotIdentifier()).isEqualTo(arn);
            assertThat(s.snapshotType()).isEqualTo("shared");
            assertThat(s.tagList()).isEmpty();
        });
        assertThat(vault.describeDBClusterSnapshots(b -> { }).dbClusterSnapshots()).isEmpty();
        assertThat(vault.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(arn)).dbClusterSnapshots())
                .hasSize(1);
    }

    private static List<String> ids(DescribeDbSnapshotsResponse response) {
        return response.dbSnapshots().stream().map(DBSnapshot::dbSnapshotIdentifier).toList();
    }
}
