package io.github.snapshotreplication.lambda.plan;

import java.util.Comparator;
import java.util.Optional;

/**
 * A snapshot of the target region with its ownership tags and its group key, each computed once per plan: the
 * retention and recovery-point maps look the key up for every copy, tens of thousands of times on large fleets.
 *
 * @param snapshot the copy
 * @param owner    its ownership tags
 * @param groupKey snapshot kind and source database: the group whose retention this copy counts in
 */
record OwnedCopy(Snapshot snapshot, Ownership owner, String groupKey) {

    /** Newest source first; ties in creation time broken by identifier, so the order never depends on list order. */
    static final Comparator<OwnedCopy> NEWEST_FIRST = Comparator
            .comparing((OwnedCopy c) -> c.owner().sourceCreatedAt()).reversed()
            .thenComparing(c -> c.snapshot().identifier(), Comparator.reverseOrder());

    /** The snapshot with its ownership tags, when it carries the managed-by tag of any installation. */
    static Optional<OwnedCopy> of(Snapshot snapshot) {
        return snapshot.ownership()
                .map(o -> new OwnedCopy(snapshot, o, snapshot.kind() + "/" + o.sourceDbIdentifier()));
    }

    /** True when the copy belongs to this installation and source region, and names its source database. */
    boolean belongsTo(ReplicationPolicy policy) {
        return policy.replicationId().equals(owner.managedBy()) && policy.sourceRegion().equals(owner.sourceRegion())
                && owner.sourceDbIdentifier() != null;
    }
}
