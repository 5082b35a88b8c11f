package io.github.snapshotreplication.fakerds;

/**
 * The two limits behind {@code SnapshotQuotaExceeded}, the code RDS gives for both (RDS API reference,
 * CopyDBSnapshot and CopyDBClusterSnapshot: {@code SnapshotQuotaExceeded}, "the request would result in the user
 * exceeding the allowed number of DB snapshots"). Only the message tells them apart; the texts are the ones users
 * report from RDS ("Cannot copy more than 5 snapshots across regions", "Cannot create more than 100 manual
 * snapshots"), with the region's configured quota as the number.
 */
final class SnapshotQuotas {

    private SnapshotQuotas() {
    }

    /** Manual snapshots of one kind in a region, copies included. Caller holds the region lock. */
    static void checkManual(ResourceStore<?> store, int quota) {
        if (store.manualCount() >= quota) {
            throw new QueryError(FakeError.SNAPSHOT_QUOTA_EXCEEDED, "Cannot create more than " + quota
                    + " manual snapshots");
        }
    }

    /** Cross-region copies of one kind in progress into a region. Caller holds the region lock. */
    static void checkCopiesInProgress(ResourceStore<?> store, int quota) {
        if (store.inFlightCopyCount() >= quota) {
            throw new QueryError(FakeError.SNAPSHOT_QUOTA_EXCEEDED, "Cannot copy more than " + quota
                    + " snapshots across regions");
        }
    }
}
