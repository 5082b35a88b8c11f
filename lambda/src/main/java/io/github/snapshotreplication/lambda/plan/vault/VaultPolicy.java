package io.github.snapshotreplication.lambda.plan.vault;

import io.github.snapshotreplication.contract.CopyIdentifiers;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the vault's planner needs to know: the vault account's region, its id, the accounts whose copies it accepts,
 * its key and its retention.
 *
 * @param region               the vault's region: the source accounts share their copies here, it copies them here
 * @param vaultId              value of the managed-by tag of the vault's copies
 * @param sourceAccounts       the accounts whose shared copies it copies
 * @param kmsKeyArn            the vault's key for copies of encrypted snapshots
 * @param includeAurora        copy DB cluster snapshots too
 * @param retention            each copy is kept at least this long, counted from its source snapshot
 * @param copyIdentifierPrefix start of every identifier of the vault's copies; {@code null}: derived from the id
 */
public record VaultPolicy(String region, String vaultId, Set<String> sourceAccounts,
                          String kmsKeyArn, boolean includeAurora, Duration retention, String copyIdentifierPrefix) {

    /** Validates, copies and derives the prefix. */
    public VaultPolicy {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(retention, "retention");
        sourceAccounts = Set.copyOf(sourceAccounts);
        if (copyIdentifierPrefix == null) {
            copyIdentifierPrefix = CopyIdentifiers.prefixOf(vaultId);
        }
    }
}
