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
    /**
     * A copy (or creation) that did not finish. RDS documents no status list for DB snapshots, and lists only
     * available, copying and creating for DB cluster snapshots; {@code failed} is the status RDS uses for DB
     * instances that failed, and the one test code gets from {@link FakeRegion#failCopy}.
     */
    public static final String FAILED = "failed";
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
