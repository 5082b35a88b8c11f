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
 * <p>Only snapshots that carry this installation's managed-by tag, the source region and a source database id are
 * considered, grouped by kind and source database. In each group, only {@code available} copies with a readable
 * source creation time can expire; the newest available copy never does; a copy older than a copy still in
 * progress is kept until that copy is available (the previous copy keeps the next cross-region copy incremental).
 */
final class RetentionPlanner {

    private final ReplicationPolicy policy;
    private final Instant now;

    RetentionPlanner(ReplicationPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    /**
     * Decides for the copies of the given databases, or of every database when {@code databases} is {@code null}.
     */
    List<Decision> decide(List<OwnedCopy> managedCopies, Set<String> databases) {
        Map<String, List<OwnedCopy>> groups = new TreeMap<>();
        for (OwnedCopy copy : managedCopies) {
            if (copy.belongsTo(policy)
                    && (databases == null || databases.contains(copy.owner().sourceDbIdentifier()))) {
                groups.computeIfAbsent(copy.groupKey(), k -> new ArrayList<>()).add(copy);
            }
        }
        List<Decision> decisions = new ArrayList<>();
        groups.values().forEach(group -> decideGroup(group, decisions));
        return decisions;
    }

    private void decideGroup(List<OwnedCopy> group, List<Decision> decisions) {
        List<OwnedCopy> available = group.stream()
                .filter(c -> c.snapshot().isAvailable())
                .filter(c -> c.owner().sourceCreatedAt() != null)
                .sorted(OwnedCopy.NEWEST_FIRST)
                .toList();
        Instant newestInProgress = group.stream()
                .filter(c -> c.snapshot().isInProgress())
                .map(c -> c.owner().sourceCreatedAt())
                .map(t -> t == null ? Instant.MAX : t)
                .max(Comparator.naturalOrder())
                .orElse(null);
        for (int rank = 1; rank < available.size(); rank++) {
            OwnedCopy copy = available.get(rank);
            String expiry = expiryReason(copy, rank);
            if (expiry == null) {
                continue;
            }
            if (newestInProgress != null && newestInProgress.isAfter(copy.owner().sourceCreatedAt())) {
                decisions.add(new Decision.Kept(copy.snapshot(), expiry + ", but kept while a newer copy of "
                        + copy.owner().sourceDbIdentifier() + " is in progress"));
            } else {
                decisions.add(new Decision.Delete(copy.snapshot(), expiry));
            }
        }
    }

    /** Why the copy at this rank (0 = newest) expires, or {@code null} if it does not. */
    private String expiryReason(OwnedCopy copy, int rank) {
        if (rank >= policy.retentionKeepLast()) {
            return "copy number " + (rank + 1) + " of its database, beyond "
                    + Settings.RETENTION_KEEP_LAST.label() + " is " + policy.retentionKeepLast();
        }
        Instant createdAt = copy.owner().sourceCreatedAt();
        if (policy.retentionMaxAge() != null && createdAt.isBefore(now.minus(policy.retentionMaxAge()))) {
            return "source snapshot taken " + createdAt + ", older than "
                    + Settings.RETENTION_MAX_AGE.label() + " is " + policy.retentionMaxAge();
        }
        return null;
    }
}
