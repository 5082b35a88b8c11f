package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.SnapshotStatements.statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.contract.TagKeys;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least-privilege IAM statements of the vault function, each with a {@code Sid}. They follow the calls the vault
 * engine makes, all in the vault's own region: {@code DescribeDBSnapshots} / {@code DescribeDBClusterSnapshots}
 * (shared with it, {@code SnapshotType=shared}, and its own), {@code CopyDBSnapshot} / {@code CopyDBClusterSnapshot}
 * from a shared snapshot into its own prefix with explicit tags, {@code ModifyDBSnapshotAttribute} /
 * {@code ModifyDBClusterSnapshotAttribute} (the receipt: its own copy shared back with the source account),
 * {@code AddTagsToResource} (the receipt tag) and {@code DeleteDBSnapshot} / {@code DeleteDBClusterSnapshot} of its
 * own expired or failed copies.
 *
 * <p>Another account is named only in {@link #sourceAccountStatements()}, and only an accepted source account: its
 * shared copies ({@code sr*}, the names replication installations give) and its keys through RDS of this region.
 * Those statements live in a policy of their own, so that 20 source accounts cannot push the main policy over IAM's
 * 6,144 characters.
 */
final class VaultPermissions {

    private final String region;
    private final boolean aurora;
    private final List<String> sourceAccounts;
    private final SnapshotStatements own;

    /**
     * @param stack          the vault's stack: its account owns the vault's copies, its region is the vault's
     * @param vaultId        the vault's id
     * @param aurora         whether cluster snapshots are copied
     * @param sourceAccounts the accepted source accounts, without duplicates
     */
    VaultPermissions(Stack stack, String vaultId, boolean aurora, List<String> sourceAccounts) {
        this.region = stack.getRegion();
        this.aurora = aurora;
        this.sourceAccounts = List.copyOf(sourceAccounts);
        this.own = new SnapshotStatements(stack, region, vaultId, aurora);
    }

    /**
     * @param vaultKeyArn the vault's key
     * @return the statements on the vault's own copies and key
     */
    List<PolicyStatement> statements(String vaultKeyArn) {
        List<String> describe = aurora ? List.of("rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots")
                : List.of("rds:DescribeDBSnapshots");
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(SnapshotStatements.describe("DescribeSharedAndOwnSnapshots", describe, List.of(region)));
        statements.add(own.copyIntoOwnPrefix("CopyIntoVaultWithManagedTag"));
        statements.add(own.shareOwnCopies("ShareReceiptsWithSourceAccounts"));
        statements.add(own.tagOwnCopies("MarkReceiptsSent", List.of(TagKeys.RECEIPT)));
        statements.addAll(own.deleteOwnCopies());
        statements.addAll(SnapshotStatements.keyUse("VaultKey", List.of(vaultKeyArn), region));
        return statements;
    }

    /**
     * The rights on the accepted source accounts' resources: copy the snapshots they share, named as replication
     * installations name their copies; and use their keys through RDS of this region to decrypt them, as
     * docs/aws-references.md#v2 lists for copying an encrypted shared snapshot. A key of another account needs both
     * sides (#i5): these statements, and the key's policy in the source account
     * ({@code CrossRegionSnapshotReplication.vaultKeyAccess}). {@code kms:CreateGrant}
     * lets RDS create the grant of the copy; {@code kms:DescribeKey} lets it read the key; {@code kms:Decrypt} and
     * {@code kms:ReEncryptFrom} let it read the source's data keys and re-encrypt them under the vault key (AWS's
     * example has {@code kms:ReEncrypt*}; a source key is only ever re-encrypted from, never to). No
     * {@code kms:Encrypt} or {@code kms:GenerateDataKey*}: nothing new is encrypted with a source account's key.
     *
     * @return the statements, each listing every accepted source account
     */
    List<PolicyStatement> sourceAccountStatements() {
        List<String> shared = new ArrayList<>();
        for (String account : sourceAccounts) {
            for (String type : own.snapshotTypes()) {
                shared.add(own.arn(region, account, "rds", type, "sr*"));
            }
        }
        List<String> keys = sourceAccounts.stream().map(account -> own.arn(region, account, "kms", "key", "*"))
                .toList();
        String viaRds = SnapshotStatements.viaRds(region);
        return List.of(
                statement("CopySharedSnapshotsOfSourceAccounts", own.copyActions(), shared, null),
                statement("CreateGrantOnSourceAccountKeysForRds", List.of("kms:CreateGrant"), keys, Map.of(
                        "StringEquals", Map.of("kms:ViaService", viaRds),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true"))),
                statement("DecryptWithSourceAccountKeysThroughRds",
                        List.of("kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom"), keys,
                        Map.of("StringEquals", Map.of("kms:ViaService", viaRds))));
    }
}
