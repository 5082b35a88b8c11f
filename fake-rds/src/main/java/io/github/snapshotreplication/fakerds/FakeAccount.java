package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One AWS account of the fake: its regions and its EventBridge rules. Requests signed with an access key registered
 * to the account ({@link FakeRdsServer#registerAccessKey}) are served from its regions, and a caller sees and changes
 * only its own account's resources, except the snapshots other accounts share with it.
 */
public final class FakeAccount {

    private final String id;
    private final ServerContext context;
    private final Map<String, FakeRegion> regions = new ConcurrentHashMap<>();
    private final FakeEventBridge eventBridge = new FakeEventBridge();

    FakeAccount(String id, ServerContext context) {
        this.id = id;
        this.context = context;
    }

    /** @return the 12-digit account id */
    public String id() {
        return id;
    }

    /** @return the state of this region (e.g. {@code eu-west-1}) of this account, created empty on first use */
    public FakeRegion region(String name) {
        Objects.requireNonNull(name, "name");
        return regions.computeIfAbsent(name, n -> new FakeRegion(n, id, context));
    }

    /** @return the EventBridge rules of this account, answered to callers whose key belongs to it */
    public FakeEventBridge eventBridge() {
        return eventBridge;
    }

    /** @return the removals of this account's resources, in order (a filter of {@link FakeRdsServer#deletions()}) */
    public List<Deletion> deletions() {
        return context.deletions().stream().filter(d -> id.equals(d.accountId())).toList();
    }

    /** @return the region if this account has used it, else null (a lookup that creates nothing) */
    FakeRegion existingRegion(String name) {
        return regions.get(name);
    }
}
