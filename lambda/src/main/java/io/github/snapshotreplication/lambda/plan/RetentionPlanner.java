package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.Settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which copies in the target region expire.
 *
 * <p>Only copies proven to be this installation's ({@link OwnershipProof}) are considered, grouped by kind and
 * source database. In each group, only {@code available} copies with a known source creation time can expire; the
 * newest available copy never does; a copy older than a copy still in progress is kept until that copy is
 * available (the previous copy keeps the next cross-region copy incremental). A failed copy is deleted once it is
 * superseded: by a later attempt of the same source, or by a copy of a newer source.
 */
final class RetentionPlanner {

    private final ReplicationPolicy policy;
    private final VaultSharing vault;
    private final Instant now;

    RetentionPlanner(ReplicationPolicy policy, VaultSharing vault, Instant now) {
        this.policy = policy;
        this.vault = vault;
        this.now = now;
    }

    /**
     * Decides for the copies of the given databases, or of every database when {@code databases} is {@code null}.
     */
    List<Decision> decide(List<OwnedCopy> ours, Set<String> databases) {
        Map<String, List<OwnedCopy>> groups = new TreeMap<>();
        for (OwnedCopy copy : ours) {
            if (copy.dbIdentifier() != null && (databases == null || databases.contains(copy.dbIdentifier()))) {
                groups.computeIfAbsent(copy.groupKey(), k -> new ArrayList<>()).add(copy);
            }
        }
        List<Decision> decisions = new ArrayList<>();
        groups.values().forEach(group -> {
            decideAvailable(group, decisions);
            decideFailed(group, decisions);
        });
        return decisions;
    }

    private void decideAvailable(List<OwnedCopy> group, List<Decision> decisions) {
        List<OwnedCopy> available = group.stream()
                .filter(c -> c.snapshot().isAvailable())
                .filter(c -> c.sourceCreatedAt() != null)
                .sorted(OwnedCopy.NEWEST_FIRST)
                .toList();
        Instant newestInProgress = group.stream()
                .filter(c -> c.snapshot().isInProgress())
                .map(c -> c.sourceCreatedAt() == null ? Instant.MAX : c.sourceCreatedAt())
                .max(Comparator.naturalOrder())
                .orElse(null);
        for (int rank = 1; rank < available.size(); rank++) {
            OwnedCopy copy = available.get(rank);
            String expiry = expiryReason(copy, rank);
            if (expiry == null) {
                continue;
            }
            if (vault.holds(copy)) {
                decisions.add(new Decision.Kept(copy.snapshot(), expiry + ", but kept until the vault account "
                        + policy.vaultAccount() + " has its own copy"));
            } else if (newestInProgress != null && newestInProgress.isAfter(copy.sourceCreatedAt())) {
                decisions.add(new Decision.Kept(copy.snapshot(), expiry + ", but kept while a newer copy of "
                        + copy.dbIdentifier() + " is in progress"));
            } else {
                decisions.add(new Decision.Delete(copy.snapshot(), expiry));
            }
        }
    }

    /** A failed copy is worthless once something replaces it; until then the copy planner retries its source. */
    private void decideFailed(List<OwnedCopy> group, List<Decision> decisions) {
        for (OwnedCopy failed : group) {
            if (!failed.isFailed()) {
                continue;
            }
            String supersededBy = group.stream().filter(c -> supersedes(c, failed))
                    .map(c -> c.snapshot().identifier()).findFirst().orElse(null);
            if (supersededBy != null) {
                decisions.add(new Decision.Delete(failed.snapshot(), "copy failed and is superseded by "
                        + supersededBy));
            }
        }
    }

    /** A later attempt of the same source, or a live copy of a newer source. */
    private static boolean supersedes(OwnedCopy candidate, OwnedCopy failed) {
        if (candidate == failed) {
            return false;
        }
        if (candidate.sourceArn().equals(failed.sourceArn())) {
            return candidate.attempt() > failed.attempt();
        }
        return !candidate.isFailed() && candidate.sourceCreatedAt() != null && failed.sourceCreatedAt() != null
                && candidate.sourceCreatedAt().isAfter(failed.sourceCreatedAt());
    }

    /** Why the copy at this rank (0 = newest) expires, or {@code null} if it does not. */
    private String expiryReason(OwnedCopy copy, int rank) {
        if (rank >= policy.retentionKeepLast()) {
            return "copy number " + (rank + 1) + " of its database, beyond " + Settings.RETENTION_KEEP_LAST.label()
                    + " is " + policy.retentionKeepLast();
        }
        Instant createdAt = copy.sourceCreatedAt();
        if (policy.retentionMaxAge() != null && createdAt.isBefore(now.minus(policy.retentionMaxAge()))) {
            return "source snapshot taken " + createdAt + ", older than " + Settings.RETENTION_MAX_AGE.label()
                    + " is " + policy.retentionMaxAge();
        }
        return null;
    }
}
