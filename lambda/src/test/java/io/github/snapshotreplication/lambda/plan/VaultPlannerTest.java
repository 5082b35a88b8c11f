package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.vault.VaultPlanner;
import io.github.snapshotreplication.lambda.plan.vault.VaultPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both sides of the vault hand-over: the source side shares each copy and keeps it until the vault's receipt; the
 * vault copies accepted shared copies, sends receipts, and keeps each copy for its retention whatever is shared.
 */
class VaultPlannerTest {

    private static final String VAULT_ACCOUNT = "210987654321";
    private static final String KEY = "arn:aws:kms:eu-central-1:210987654321:key/4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a";
    private static final VaultPolicy POLICY = new VaultPolicy(TARGET, "orders-vault",
            Set.of(TestSnapshots.ACCOUNT), KEY, true, Duration.ofDays(35), null);
    private static final String VAULT_PREFIX = CopyIdentifiers.prefixOf("orders-vault");

    private final VaultPlanner planner = new VaultPlanner();

    /** The source account's copy of {@code db}'s snapshot taken {@code hoursAgo}, as the vault sees it shared. */
    private static Snapshot shared(String db, int hoursAgo) {
        return aCopyOf(aSourceSnapshot(db, hoursAgo).build()).withoutOwnership().type("shared").build();
    }

    /** The vault's copy of a shared snapshot, as RDS describes it in the vault account. */
    private static TestSnapshots.Builder vaultCopyOf(Snapshot shared) {
        SnapshotArn from = SnapshotArn.parse(shared.arn()).orElseThrow();
        return new TestSnapshots.Builder().kind(shared.kind()).region(TARGET).account(VAULT_ACCOUNT)
                .db(shared.dbIdentifier()).id(TargetIdentifiers.forSource(VAULT_PREFIX, from))
                .createdAt(NOW).type("manual").sourceArn(shared.arn())
                .originalCreatedAt(shared.originalCreatedAt())
                .tags(CopyTags.forCopy(shared, "orders-vault", NOW).tags());
    }

    @Test
    void copiesWhatAnAcceptedAccountSharesAndNothingElse() {
        // What the receiver sees of a shared snapshot beyond its ARN is undocumented: no source field is needed.
        Snapshot accepted = aCopyOf(aSourceSnapshot("orders", 2).build()).withoutOwnership().type("shared")
                .sourceArn(null).sourceRegion(null).build();
        Snapshot otherAccount = aCopyOf(aSourceSnapshot("orders", 2).build()).account("555555555555").build();
        Snapshot notACopy = aSourceSnapshot("orders", 2).region(TARGET).id("orders-by-hand").manual().build();
        Snapshot stillCopying = aCopyOf(aSourceSnapshot("orders", 3).build()).status("copying").build();

        Plan plan = planner.plan(POLICY, List.of(accepted, otherAccount, notACopy, stillCopying), List.of(), NOW);

        assertThat(plan.of(Decision.Copy.class)).singleElement().satisfies(c -> {
            assertThat(c.snapshot()).isEqualTo(accepted);
            assertThat(c.targetIdentifier()).startsWith(VAULT_PREFIX + "-");
            assertThat(c.tags()).containsEntry(TagKeys.MANAGED_BY, "orders-vault")
                    .containsEntry(TagKeys.SOURCE_CREATED_AT, accepted.originalCreatedAt().toString());
            assertThat(c.kmsKeyId()).isNull();
        });
    }

    @Test
    void anEncryptedSharedCopyIsCopiedWithTheVaultsOwnKey() {
        Snapshot encrypted = aCopyOf(aSourceSnapshot("orders", 2).encrypted().build()).encrypted().withoutOwnership()
                .type("shared").build();

        Plan plan = planner.plan(POLICY, List.of(encrypted), List.of(), NOW);

        assertThat(plan.of(Decision.Copy.class)).singleElement()
                .satisfies(c -> assertThat(c.kmsKeyId()).isEqualTo(KEY));
    }

    @Test
    void anAvailableVaultCopySendsItsReceiptOnceAndIsNotCopiedAgain() {
        Snapshot shared = shared("orders", 2);
        Snapshot vaultCopy = vaultCopyOf(shared).build();

        Plan first = planner.plan(POLICY, List.of(shared), List.of(vaultCopy), NOW);
        Plan later = planner.plan(POLICY, List.of(shared), List.of(vaultCopyOf(shared).tag(TagKeys.RECEIPT, "sent")
                .build()), NOW);

        assertThat(first.decisions()).singleElement().isInstanceOfSatisfying(Decision.SendReceipt.class,
                r -> assertThat(r.sourceAccount()).isEqualTo(TestSnapshots.ACCOUNT));
        assertThat(later.decisions()).isEmpty();
        assertThat(first.recoveryPoints()).singleElement().satisfies(p -> {
            assertThat(p.dbIdentifier()).isEqualTo(TestSnapshots.ACCOUNT + "/orders");
            assertThat(p.age()).isEqualTo(Duration.ofHours(2));
        });
    }

    @Test
    void retentionIsByAgeOnlySoABurstOfSharedSnapshotsCannotPushCopiesOut() {
        List<Snapshot> own = new ArrayList<>();
        for (int days : new int[] {1, 10, 34, 36, 60}) {
            own.add(vaultCopyOf(shared("orders", days * 24)).tag(TagKeys.RECEIPT, "sent").build());
        }
        List<Snapshot> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(aCopyOf(aSourceSnapshot("orders", 0).id("rds:orders-forged-" + i).build()).withoutOwnership()
                    .type("shared").build());
        }

        Plan plan = planner.plan(POLICY, burst, own, NOW);

        assertThat(plan.of(Decision.Delete.class)).extracting(d -> d.snapshot().identifier())
                .containsExactlyInAnyOrder(own.get(3).identifier(), own.get(4).identifier());
        assertThat(plan.of(Decision.Copy.class)).hasSize(30);
    }

    @Test
    void aCopyPastRetentionStaysWhileItsSourceIsSharedBecauseItIsTheReceiptTheSourceWaitsFor() {
        // The vault was down for longer than its retention: its first copy of this source is already past it.
        Snapshot late = shared("orders", 24 * 40);
        Snapshot newer = shared("orders", 24);
        Snapshot lateCopy = vaultCopyOf(late).tag(TagKeys.RECEIPT, "sent").build();
        List<Snapshot> own = List.of(lateCopy, vaultCopyOf(newer).tag(TagKeys.RECEIPT, "sent").build());

        Plan whileShared = planner.plan(POLICY, List.of(late, newer), own, NOW);
        Plan afterTheSourceStopsSharing = planner.plan(POLICY, List.of(newer), own, NOW);

        assertThat(whileShared.of(Decision.Delete.class)).isEmpty();
        assertThat(whileShared.of(Decision.Copy.class)).isEmpty();
        assertThat(whileShared.of(Decision.Kept.class)).singleElement().satisfies(k -> {
            assertThat(k.snapshot()).isEqualTo(lateCopy);
            assertThat(k.reason()).contains("still shares its source");
        });
        assertThat(afterTheSourceStopsSharing.of(Decision.Delete.class)).singleElement()
                .satisfies(d -> assertThat(d.snapshot()).isEqualTo(lateCopy));
    }

    @Test
    void lookAlikesInTheVaultAreReportedNeverDeleted() {
        Snapshot shared = shared("orders", 24 * 90);
        Snapshot copyOfCopy = vaultCopyOf(shared).id("restored-drill").sourceArn(null).build();
        Snapshot wrongSource = vaultCopyOf(shared).sourceArn(shared.arn().replace(TestSnapshots.ACCOUNT,
                "555555555555")).build();

        Plan plan = planner.plan(POLICY, List.of(), List.of(copyOfCopy, wrongSource), NOW);

        assertThat(plan.of(Decision.Delete.class)).isEmpty();
        assertThat(plan.of(Decision.LookAlike.class)).hasSize(2);
    }

    @Test
    void theSourceSideSharesEachCopyAndKeepsItUntilTheVaultsReceipt() {
        ReplicationPolicy policy = withVault(aPolicy().keepLast(1).build());
        Snapshot newest = aSourceSnapshot("orders", 1).build();
        Snapshot older = aSourceSnapshot("orders", 25).build();
        Snapshot received = aSourceSnapshot("orders", 49).build();
        Snapshot newestCopy = aCopyOf(newest).build();
        Snapshot olderCopy = aCopyOf(older).tag(TagKeys.VAULT, "shared").build();
        Snapshot receivedCopy = aCopyOf(received).tag(TagKeys.VAULT, "shared").build();

        Plan plan = new ReplicationPlanner().planSweep(policy, new Inventory(List.of(anInstance("orders")),
                List.of(newest), List.of(newestCopy, olderCopy, receivedCopy), Map.of(),
                List.of(receiptFor(receivedCopy, true))), NOW);

        assertThat(plan.of(Decision.ShareWithVault.class)).singleElement()
                .satisfies(s -> assertThat(s.snapshot()).isEqualTo(newestCopy));
        assertThat(plan.of(Decision.StopSharingWithVault.class)).singleElement()
                .satisfies(s -> assertThat(s.snapshot()).isEqualTo(receivedCopy));
        assertThat(plan.of(Decision.Kept.class)).singleElement().satisfies(k -> {
            assertThat(k.snapshot()).isEqualTo(olderCopy);
            assertThat(k.reason()).contains("until the vault account " + VAULT_ACCOUNT + " has its own copy");
        });
        assertThat(plan.of(Decision.Delete.class)).singleElement()
                .satisfies(d -> assertThat(d.snapshot()).isEqualTo(receivedCopy));
        assertThat(plan.vaultWait()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aCopyOnceReceivedStaysReleasedWhenTheVaultLaterDeletesItsCopy() {
        ReplicationPolicy policy = withVault(aPolicy().keepLast(1).build());
        Snapshot newest = aSourceSnapshot("orders", 1).build();
        Snapshot old = aSourceSnapshot("orders", 24 * 40).build();
        Snapshot oldCopy = aCopyOf(old).tag(TagKeys.VAULT, "received").build();

        Plan plan = new ReplicationPlanner().planSweep(policy, new Inventory(List.of(anInstance("orders")),
                List.of(newest), List.of(aCopyOf(newest).tag(TagKeys.VAULT, "received").build(), oldCopy), Map.of(),
                List.of()), NOW);

        assertThat(plan.of(Decision.Delete.class)).singleElement()
                .satisfies(d -> assertThat(d.snapshot()).isEqualTo(oldCopy));
    }

    @Test
    void aReceiptIsKnownByItsIdentifierWhenRdsShowsTheReceiverNoSourceField() {
        ReplicationPolicy policy = withVault(aPolicy().keepLast(1).build());
        Snapshot newest = aSourceSnapshot("orders", 1).build();
        Snapshot newestCopy = aCopyOf(newest).tag(TagKeys.VAULT, "shared").build();
        Snapshot older = aCopyOf(aSourceSnapshot("orders", 25).build()).tag(TagKeys.VAULT, "shared").build();
        Snapshot forged = vaultCopyOf(aCopyOf(aSourceSnapshot("orders", 49).build()).build()).sourceArn(null)
                .account("555555555555").build();

        Plan plan = new ReplicationPlanner().planSweep(policy, new Inventory(List.of(anInstance("orders")),
                List.of(newest), List.of(newestCopy, older), Map.of(), List.of(receiptFor(older, false), forged)),
                NOW);

        assertThat(plan.of(Decision.StopSharingWithVault.class)).singleElement()
                .satisfies(s -> assertThat(s.snapshot()).isEqualTo(older));
        assertThat(plan.of(Decision.Delete.class)).singleElement()
                .satisfies(d -> assertThat(d.snapshot()).isEqualTo(older));
        assertThat(plan.vaultWait()).isEqualTo(Duration.ofHours(1));
    }

    /** The vault's copy of our {@code copy}, as our account sees it shared back, with or without its source field. */
    private static Snapshot receiptFor(Snapshot copy, boolean withSourceField) {
        Snapshot vaultCopy = vaultCopyOf(copy).build();
        return new TestSnapshots.Builder().kind(copy.kind()).region(TARGET).account(VAULT_ACCOUNT)
                .db(copy.dbIdentifier()).id(vaultCopy.identifier()).createdAt(NOW).type("shared")
                .sourceArn(withSourceField ? copy.arn() : null).build();
    }

    private static ReplicationPolicy withVault(ReplicationPolicy p) {
        return new ReplicationPolicy(p.sourceRegion(), p.targetRegion(), p.replicationId(), p.targetKmsKeyArn(),
                p.includeAuroraClusters(), p.copyManualSnapshots(), p.retentionKeepLast(), p.retentionMaxAge(),
                p.scope(), p.optionGroupMapping(), p.maxConcurrentDbSnapshotCopies(),
                p.maxConcurrentClusterSnapshotCopies(), p.includeReadReplicas(), null, VAULT_ACCOUNT);
    }
}
