package io.github.snapshotreplication.benchmarks.timesim;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * (a) The design of pbudzon/aws-maintenance (backup-rds.py and its CloudFormation template, read at d3b9a58), as a
 * model: no engine of ours runs.
 *
 * <ul>
 *     <li>Instances: RDS-EVENT-0002 (backup finished) invokes the function, which copies the instance's latest
 *     automated snapshot at once. It neither counts copies in flight nor retries: when RDS refuses the copy
 *     (SnapshotQuotaExceeded, "Cannot copy more than N snapshots across regions", its issue #19) the invocation
 *     fails. The template sets no retry policy, so Lambda's default for asynchronous invocations applies: two more
 *     attempts, one and then two minutes later; after that the snapshot is lost until the next day's event.</li>
 *     <li>Clusters: Aurora sends no backup event, so a schedule (rate(1 day)) runs one pass over the clusters in
 *     listing order, copying each one's latest snapshot unless its copy exists. The first refusal raises and ends
 *     the pass; Lambda's retries run the pass again from the start. Modelled at 12:00 UTC, after the backup window
 *     (the best case: the real rule fires at whatever time of day it was created).</li>
 *     <li>It keeps one copy per database: after each copy it deletes every older available copy.</li>
 * </ul>
 * RDS's own quotas apply: 20 DB snapshot and 5 cluster snapshot copies in flight (docs/aws-references.md#q1, q2).
 */
final class PbudzonModel extends DesignRun {

    static final int RDS_INSTANCE_COPIES = 20;
    static final int RDS_CLUSTER_COPIES = 5;
    static final long PASS_AT = 12 * SimFleet.HOUR;
    /** Lambda's asynchronous retries: the second attempt a minute after the first, the third two minutes later. */
    private static final long[] RETRY_DELAYS = {60, 120};

    private final CopySlots rds;
    private final int[] quota = {RDS_INSTANCE_COPIES, RDS_CLUSTER_COPIES};
    private final long[] newestSnapshot;
    private final int[] newestDay;
    private final int[] copiedDay;
    private final int[] availableCopies;
    private long calls;

    PbudzonModel(SimFleet fleet, int warmUpDays, int measuredDays) {
        super(fleet, warmUpDays, measuredDays);
        rds = new CopySlots(fleet.size());
        newestSnapshot = new long[fleet.size()];
        newestDay = new int[fleet.size()];
        copiedDay = new int[fleet.size()];
        availableCopies = new int[fleet.size()];
        Arrays.fill(copiedDay, -1);
    }

    /** RDS calls of one day when every database's latest snapshot is already copied and none is new. */
    static long idleCallsPerDay(SimFleet fleet) {
        // The pass lists the clusters, then per cluster: its automated snapshots, the copy found, its copies.
        return 1 + 3L * fleet.clusters();
    }

    @Override
    protected void snapshotTaken(int db, int day) {
        newestSnapshot[db] = loop.now();
        newestDay[db] = day;
        if (fleet.kind(db) == SimFleet.INSTANCE) {
            loop.at(loop.now() + EVENT_DELAY, SimLoop.INVOCATION, () -> instanceEvent(db, 0));
        }
    }

    @Override
    protected void scheduleDay(int day) {
        if (fleet.clusters() > 0) {
            loop.at(day * SimFleet.DAY + PASS_AT, SimLoop.INVOCATION, () -> clusterPass(0));
        }
    }

    /** copy_latest_snapshot + remove_old_snapshots for the instance the event names. */
    private void instanceEvent(int db, int attempt) {
        if (!copyLatest(db)) {
            retry(attempt, next -> instanceEvent(db, next));
            return;
        }
        removeOld(db);
    }

    /** The scheduled pass over every cluster, in listing order; the first failure ends it. */
    private void clusterPass(int attempt) {
        calls++; // DescribeDBClusters
        for (int db = fleet.instances(); db < fleet.size(); db++) {
            if (!copyLatest(db)) {
                retry(attempt, this::clusterPass);
                return;
            }
            removeOld(db);
        }
    }

    /** @return false when RDS refused the copy: the function raises */
    private boolean copyLatest(int db) {
        calls += 2; // Describe*Snapshots of the database's automated snapshots, then of the copy's name
        if (copiedDay[db] == newestDay[db]) {
            return true; // "already copied", in flight or available
        }
        calls += 2; // Describe*Snapshots of the source by ARN (encryption check), then Copy*Snapshot
        int kind = fleet.kind(db);
        if (rds.inFlight(kind) >= quota[kind]) {
            return false;
        }
        long created = newestSnapshot[db];
        long end = rds.start(db, kind, loop.now(), fleet.copySeconds(db, newestDay[db]));
        copiedDay[db] = newestDay[db];
        loop.at(end, SimLoop.COMPLETION, () -> {
            rds.finish(kind);
            availableCopies[db]++;
            ages.copied(db, created);
        });
        return true;
    }

    /** Lists the database's copies and deletes every available one but the newest (the new copy is not yet). */
    private void removeOld(int db) {
        calls += 1 + Math.max(0, availableCopies[db] - 1);
        availableCopies[db] = Math.min(availableCopies[db], 1);
    }

    private void retry(int attempt, IntConsumer again) {
        if (attempt < RETRY_DELAYS.length) {
            loop.at(loop.now() + RETRY_DELAYS[attempt], SimLoop.INVOCATION, () -> again.accept(attempt + 1));
        }
    }

    @Override
    protected long rdsCalls() {
        return calls;
    }
}
