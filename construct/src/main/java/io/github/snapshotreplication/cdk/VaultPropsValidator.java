package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Token;
import software.constructs.Construct;

/**
 * Synth-time checks of {@link SnapshotVaultProps}, with the shared checks of {@link PropChecks}: every problem is
 * gathered, then one {@link IllegalArgumentException} names each prop, the value it got and the fix. Names, bounds and
 * defaults come from the contract's {@link Settings}. Unresolved tokens are not checked.
 */
final class VaultPropsValidator extends PropChecks {

    /** An RDS tag value, which the vault id is (managed-by tag); the Lambda checks the same. */
    private static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}$");

    private VaultPropsValidator(Construct construct) {
        super(construct);
    }

    /**
     * Checks the props against the stack of {@code construct}, and adds the warnings to {@code construct}.
     *
     * @param construct the vault being defined
     * @param props     the props
     * @throws IllegalArgumentException listing every problem found
     */
    static void validate(Construct construct, SnapshotVaultProps props) {
        VaultPropsValidator v = new VaultPropsValidator(construct);
        v.checkSourceAccounts(props.getSourceAccounts());
        v.checkKeyInStackRegion("encryptionKey", props.getEncryptionKey(), "RDS encrypts a copy with a key of the"
                + " copy's region");
        v.checkLogKey(props.getLogEncryptionKey());
        v.warnIfEnvironmentAgnostic(props);
        v.checkVaultId(props.getVaultId());
        v.checkSetting(Settings.VAULT_RETENTION, props.getRetention());
        v.checkLimits(props);
        v.checkNetwork(props);
        v.checkRecoveryPointAgeThreshold(props.getRecoveryPointAgeThreshold());
        v.finish(construct, "SnapshotVaultProps");
    }

    private void checkSourceAccounts(List<String> accounts) {
        String prop = Settings.VAULT_SOURCE_ACCOUNTS.prop();
        if (Token.isUnresolved(accounts)) {
            problems.add(prop + " must be a list of account ids, not a list token: the vault's role names each"
                    + " account's snapshots and keys; pass each account as an element");
            return;
        }
        Set<String> distinct = new HashSet<>(accounts);
        Settings.VAULT_SOURCE_ACCOUNTS.checkSize(prop, distinct.size()).ifPresent(problems::add);
        for (String account : distinct) {
            if (Token.isUnresolved(account)) {
                continue;
            }
            if (!ACCOUNT.matcher(account).matches()) {
                problems.add(prop + " must hold 12-digit AWS account ids (got '" + account + "')");
            } else if (account.equals(stackAccount)) {
                problems.add(prop + " must not hold the vault's own account (got " + account + "): a vault keeps"
                        + " copies out of reach of the accounts it protects; deploy it in another account");
            }
        }
    }

    private void checkVaultId(String vaultId) {
        if (vaultId != null && !Token.isUnresolved(vaultId) && !TAG_VALUE.matcher(vaultId).matches()) {
            problems.add("vaultId must be " + Settings.REPLICATION_ID.format().description() + " (got '" + vaultId
                    + "'): it is the value of the managed-by tag on the vault's copies");
        }
    }

    private void warnIfEnvironmentAgnostic(SnapshotVaultProps props) {
        List<String> skipped = new ArrayList<>();
        if (stackAccount == null) {
            skipped.add("that sourceAccounts leaves out the vault's own account");
        }
        if (stackRegion == null && props.getEncryptionKey() != null) {
            skipped.add("that encryptionKey is a key of the vault's region");
        }
        if (stackRegion == null && props.getLogEncryptionKey() != null) {
            skipped.add("that logEncryptionKey is a key of the vault's region");
        }
        if (!skipped.isEmpty()) {
            warnings.put(ENVIRONMENT_AGNOSTIC, "the stack has no account or region (environment-agnostic), so synth"
                    + " cannot check " + String.join(", nor ", skipped) + "; give the stack an env with account and"
                    + " region to check them");
        }
    }
}
