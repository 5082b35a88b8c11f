package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * In vault mode, this installation's side of the hand-over: every available copy is shared with the vault account,
 * kept until the vault's own copy of it exists, then no longer shared.
 *
 * <p>The vault proves it has a copy by sharing its copy back ({@link Inventory#vaultShared()}): an available
 * snapshot of the vault account shared with this account is the receipt for our copy when its source field names our
 * copy, or, since the RDS docs do not say which fields a receiving account sees of a shared snapshot
 * (docs/aws-references.md#v4), when its identifier is the one a vault derives for our copy. Only a receipt releases a
 * copy to retention; the {@link TagKeys#VAULT} tag on our copy only avoids sharing or unsharing twice.
 */
final class VaultSharing {

    static final String SHARED = "shared";
    static final String RECEIVED = "received";

    private final ReplicationPolicy policy;
    private final Set<String> receipts;

    /**
     * @param policy      this installation's policy
     * @param vaultShared the snapshots the vault account shares with this account in the target region
     * @param ours        this installation's proven copies
     */
    VaultSharing(ReplicationPolicy policy, List<Snapshot> vaultShared, List<OwnedCopy> ours) {
        this.policy = policy;
        this.receipts = policy.vaultAccount() == null ? Set.of() : receipts(policy.vaultAccount(), vaultShared, ours);
    }

    /** The ARNs of our copies that a receipt names. */
    private static Set<String> receipts(String vaultAccount, List<Snapshot> vaultShared, List<OwnedCopy> ours) {
        Set<String> receipts = new HashSet<>();
        Set<String> vaultIdentifiers = new HashSet<>();
        Set<String> vaultPrefixes = new TreeSet<>();
        for (Snapshot shared : vaultShared) {
            SnapshotArn arn = SnapshotArn.parse(shared.arn()).orElse(null);
            if (arn == null || !arn.accountId().equals(vaultAccount) || !shared.isAvailable()) {
                continue;
            }
            if (shared.sourceSnapshotArn() != null) {
                receipts.add(shared.sourceSnapshotArn());
            }
            vaultIdentifiers.add(arn.kind() + "/" + arn.identifier());
            CopyIdentifiers.prefixIn(arn.identifier()).ifPresent(vaultPrefixes::add);
        }
        // A vault has one prefix, so this is at most three derivations per copy.
        for (OwnedCopy copy : ours) {
            SnapshotArn mine = SnapshotArn.parse(copy.snapshot().arn()).orElse(null);
            for (String prefix : vaultPrefixes) {
                for (int attempt = 1; mine != null && attempt <= TargetIdentifiers.MAX_ATTEMPTS; attempt++) {
                    if (vaultIdentifiers.contains(mine.kind() + "/" + TargetIdentifiers.forSource(prefix, mine,
                            attempt))) {
                        receipts.add(mine.value());
                    }
                }
            }
        }
        return receipts;
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
