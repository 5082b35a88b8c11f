package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.List;
import java.util.Objects;

/**
 * Proof that the in-process describes stand for the fake's Query API: the engine's own gateway maps both answers to
 * the same databases and snapshots (every field the planner reads, in the same order). Run at the end of every
 * engine run, on the state the simulation left, copies in flight included.
 */
final class InventoryCheck {

    private InventoryCheck() {
    }

    /** Throws when the gateway over HTTP and the in-process one disagree on any listing or sampled snapshot. */
    static void same(RdsSnapshotGateway http, RdsSnapshotGateway inProcess, List<String> sampleSnapshotIds) {
        same("DescribeDBInstances", http.describeDbInstances(), inProcess.describeDbInstances());
        same("DescribeDBClusters", http.describeClusters(), inProcess.describeClusters());
        for (SnapshotKind kind : SnapshotKind.values()) {
            same("snapshots " + kind, http.describeSnapshots(kind), inProcess.describeSnapshots(kind));
        }
        for (String id : sampleSnapshotIds) {
            SnapshotKind kind = id.startsWith("rds:aurora-") ? SnapshotKind.DB_CLUSTER_SNAPSHOT
                    : SnapshotKind.DB_SNAPSHOT;
            var one = http.describeSnapshot(kind, id);
            same("snapshot " + id, one, inProcess.describeSnapshot(kind, id));
            String db = one.orElseThrow().dbIdentifier();
            same("database " + db, http.describeDatabase(kind, db), inProcess.describeDatabase(kind, db));
        }
    }

    private static void same(String what, Object http, Object inProcess) {
        if (http instanceof List<?> a && inProcess instanceof List<?> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                same(what + " #" + i, a.get(i), b.get(i));
            }
            same(what + ", count", a.size(), b.size());
        } else if (!Objects.equals(http, inProcess)) {
            throw new IllegalStateException("in-process describe differs from the fake's HTTP answer (" + what
                    + "):\n  http:       " + http + "\n  in-process: " + inProcess);
        }
    }
}
