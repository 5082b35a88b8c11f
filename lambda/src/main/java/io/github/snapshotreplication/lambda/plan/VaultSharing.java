package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * In vault mode, this installation's side of the hand-over: every available copy is shared with the vault account,
 * kept until the vault's own copy of it exists, then no longer shared.
 *
 * <p>The vault proves it has a copy by sharing its copy back: RDS then lists it here as a snapshot shared with this
 * account whose source field names our copy ({@link Inventory#vaultReceipts()}). Only that fact releases a copy to
 * retention; the {@link TagKeys#VAULT} tag on our copy only avoids sharing or unsharing twice.
 */
final class VaultSharing {

    static final String SHARED = "shared";
    static final String RECEIVED = "received";

    private final ReplicationPolicy policy;
    private final Set<String> receipts;

    VaultSharing(ReplicationPolicy policy, Set<String> receipts) {
        this.policy = policy;
        this.receipts = receipts;
    }

    /**
     * True when retention must keep this copy: the vault has not copied it yet. Once a receipt was seen (and the tag
     * written after it), the copy stays released when the vault's own retention later deletes its copy.
     */
    boolean holds(OwnedCopy copy) {
        return policy.vaultAccount() != null && copy.snapshot().isAvailable()
                && !receipts.contains(copy.snapshot().arn())
                && !RECEIVED.equals(copy.snapshot().tags().get(TagKeys.VAULT));
    }

    /** Share what the vault has not seen, stop sharing what it has copied. */
    List<Decision> decide(List<OwnedCopy> ours) {
        List<Decision> decisions = new ArrayList<>();
        if (policy.vaultAccount() == null) {
            return decisions;
        }
        for (OwnedCopy copy : ours) {
            if (!copy.snapshot().isAvailable()) {
                continue;
            }
            String state = copy.snapshot().tags().get(TagKeys.VAULT);
            boolean received = receipts.contains(copy.snapshot().arn());
            if (received && !RECEIVED.equals(state)) {
                decisions.add(new Decision.StopSharingWithVault(copy.snapshot(), policy.vaultAccount(),
                        "the vault's copy exists; retention applies again"));
            } else if (!received && state == null) {
                decisions.add(new Decision.ShareWithVault(copy.snapshot(), policy.vaultAccount(),
                        "the vault account " + policy.vaultAccount() + " copies it into its own account"));
            }
        }
        return decisions;
    }

    /** How long the oldest copy has waited for the vault, from its source's creation; zero when none waits. */
    Duration oldestWait(List<OwnedCopy> ours, Instant now) {
        return ours.stream().filter(this::holds).map(OwnedCopy::sourceCreatedAt).filter(t -> t != null)
                .min(Instant::compareTo).map(t -> Duration.between(t, now)).orElse(Duration.ZERO);
    }
}
