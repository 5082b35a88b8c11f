package io.github.snapshotreplication.lambda.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The vault function's configuration, read once at cold start from the environment {@code SnapshotVault} sets.
 *
 * @param region         {@code AWS_REGION}: the vault's region, where the source accounts share their copies
 * @param vaultId        {@code REPLICATION_ID}: value of the managed-by tag on the vault's copies
 * @param sourceAccounts {@code VAULT_SOURCE_ACCOUNTS}: the accounts whose shared copies are copied
 * @param kmsKeyArn      {@code VAULT_KMS_KEY_ARN}: the vault's key for copies of encrypted snapshots
 * @param includeAurora  {@code INCLUDE_AURORA_CLUSTERS}
 * @param retention      {@code VAULT_RETENTION}: each copy is kept at least this long
 * @param dryRun         {@code DRY_RUN}
 */
public record VaultSettings(String region, String vaultId, List<String> sourceAccounts, String kmsKeyArn,
                            boolean includeAurora, Duration retention, boolean dryRun) {

    /** Validates presence and copies. */
    public VaultSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        Objects.requireNonNull(retention, "retention");
        sourceAccounts = List.copyOf(sourceAccounts);
    }

    /**
     * Parses and validates the environment; every problem is reported at once.
     *
     * @throws InvalidSettingsException naming each bad variable and how to fix it
     */
    public static VaultSettings fromEnvironment(Map<String, String> environment) {
        return new SettingsParser(environment).parseVault();
    }
}
