package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The accounts of one server and the access keys that belong to them. A request is served in the account of its
 * access key; a key nobody registered belongs to the default account, so callers that know nothing of accounts see
 * what they always saw.
 */
final class Accounts {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final ServerContext context;
    private final String defaultAccountId;
    private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> accountOfKey = new ConcurrentHashMap<>();

    Accounts(ServerContext context, String defaultAccountId) {
        this.context = context;
        this.defaultAccountId = defaultAccountId;
        account(defaultAccountId);
    }

    /** @return the account, created on first use */
    FakeAccount account(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an AWS account id has 12 digits: " + accountId);
        }
        return accounts.computeIfAbsent(accountId, id -> new FakeAccount(id, context));
    }

    FakeAccount defaultAccount() {
        return account(defaultAccountId);
    }

    /** @return the account if it exists, else null */
    FakeAccount find(String accountId) {
        return accountId == null ? null : accounts.get(accountId);
    }

    List<FakeAccount> all() {
        return List.copyOf(accounts.values());
    }

    /** @throws IllegalStateException when the key already belongs to another account */
    void registerAccessKey(String accessKeyId, String accountId) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        account(accountId);
        String previous = accountOfKey.putIfAbsent(accessKeyId, accountId);
        if (previous != null && !previous.equals(accountId)) {
            throw new IllegalStateException("access key " + accessKeyId + " already belongs to account " + previous);
        }
    }

    /** @return the account of this access key: the registered one, else the default account */
    String accountOf(String accessKeyId) {
        String registered = accessKeyId == null ? null : accountOfKey.get(accessKeyId);
        return registered != null ? registered : defaultAccountId;
    }

    /** @return the region the request is served in: the caller's account, the region of its credential scope */
    FakeRegion caller(QueryRequest request) {
        FakeRegion region = account(request.accountId()).region(request.region());
        // Every request sees the databases as the server clock has them: creating and deleting ones may be done.
        region.lifecycle().settle();
        return region;
    }

    /** @return a region of an account of this server, created on first use; null when the account is unknown */
    FakeRegion region(String accountId, String regionName) {
        FakeAccount account = find(accountId);
        return account == null ? null : account.region(regionName);
    }
}
