package io.github.snapshotreplication.fakerds;

import java.util.Set;

/** Snapshot status values the fake uses, and which of them mean "still in progress". */
public final class SnapshotStatus {

    /** Ready: can be copied and deleted. */
    public static final String AVAILABLE = "available";
    /** A new DB snapshot or DB snapshot copy. */
    public static final String CREATING = "creating";
    /** A DB cluster snapshot copy. */
    public static final String COPYING = "copying";
    /** Returned by Delete* for the snapshot just removed. */
    public static final String DELETED = "deleted";

    private static final Set<String> PENDING = Set.of(CREATING, COPYING, "pending");

    private SnapshotStatus() {
    }

    /** @return true for creating, copying and pending */
    public static boolean isPending(String status) {
        return PENDING.contains(status);
    }

    static int defaultProgress(String status) {
        return AVAILABLE.equals(status) || DELETED.equals(status) ? 100 : 0;
    }
}
