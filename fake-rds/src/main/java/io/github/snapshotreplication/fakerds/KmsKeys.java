package io.github.snapshotreplication.fakerds;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What RDS learns from KMS about the keys of one region of one account: which are unusable, which are AWS managed
 * (the account's default RDS key {@code aws/rds}), and which other accounts the key policy lets use a key. Keys are
 * named as the snapshots name them (usually the key ARN) and compared as written. Thread-safe.
 */
final class KmsKeys {

    private static final String DEFAULT_RDS_KEY_ALIAS = "alias/aws/rds";

    private final Set<String> inaccessible = ConcurrentHashMap.newKeySet();
    private final Set<String> awsManaged = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> grantedTo = new ConcurrentHashMap<>();

    void makeInaccessible(String keyId) {
        inaccessible.add(keyId);
    }

    boolean isInaccessible(String keyId) {
        return inaccessible.contains(keyId);
    }

    void markAwsManaged(String keyId) {
        awsManaged.add(keyId);
    }

    /** @return true for the default RDS key, by its alias ({@code alias/aws/rds}, alias ARN) or as marked */
    boolean isAwsManaged(String keyId) {
        return keyId != null && (keyId.equals(DEFAULT_RDS_KEY_ALIAS) || keyId.endsWith(":" + DEFAULT_RDS_KEY_ALIAS)
                || awsManaged.contains(keyId));
    }

    /**
     * AWS KMS Developer Guide, Change a key policy: only a customer managed key's policy can be changed, so an AWS
     * managed key can never be granted to another account.
     *
     * @throws IllegalArgumentException for an AWS managed key
     */
    void grant(String keyId, String accountId) {
        if (isAwsManaged(keyId)) {
            throw new IllegalArgumentException("the key policy of the AWS managed key " + keyId
                    + " can't be changed: it can't be granted to " + accountId);
        }
        grantedTo.computeIfAbsent(keyId, k -> ConcurrentHashMap.newKeySet()).add(accountId);
    }

    /** @return true when the key policy lets this other account use the key and the key is usable */
    boolean isUsableByOtherAccount(String keyId, String accountId) {
        return !isInaccessible(keyId) && !isAwsManaged(keyId)
                && grantedTo.getOrDefault(keyId, Set.of()).contains(accountId);
    }
}
