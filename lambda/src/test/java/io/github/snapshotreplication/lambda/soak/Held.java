package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.PendingCopy;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A snapshot as the fake holds it: ground truth (who created it, RDS's own source field), never what the engine
 * reads or what the tags claim. The invariants judge the engine against this.
 *
 * @param kind      DB or cluster snapshot
 * @param id        identifier
 * @param createdBy access key id of the request that created it, {@code setup} or {@code rds}
 * @param status    available, creating, copying...
 * @param automated an automated snapshot
 * @param sourceArn RDS's source field (SourceDBSnapshotIdentifier, SourceDBClusterSnapshotArn), or null
 * @param db        the DB instance or cluster identifier RDS records on it
 * @param tags      its tags
 */
record Held(SnapshotKind kind, String id, String createdBy, String status, boolean automated, String sourceArn,
            String db, Map<String, String> tags) {

    /** Every DB and cluster snapshot of {@code region}, by {@link #key()}. */
    static Map<String, Held> all(FakeRegion region) {
        Map<String, Held> all = new LinkedHashMap<>();
        region.dbSnapshots().forEach(s -> put(all, new Held(SnapshotKind.DB_SNAPSHOT, s.identifier(), s.createdBy(),
                s.status(), "automated".equals(s.snapshotType()), s.sourceDbSnapshotIdentifier(),
                s.dbInstanceIdentifier(), s.tags())));
        region.dbClusterSnapshots().forEach(s -> put(all, new Held(SnapshotKind.DB_CLUSTER_SNAPSHOT, s.identifier(),
                s.createdBy(), s.status(), "automated".equals(s.snapshotType()), s.sourceDbClusterSnapshotArn(),
                s.dbClusterIdentifier(), s.tags())));
        return all;
    }

    /**
     * Cross-region copies in flight into {@code region}, per kind, and who started each (by key): RDS's quota
     * counts these, whoever started them.
     */
    static List<Held> inFlight(FakeRegion region, Map<String, Held> held) {
        List<Held> inFlight = new ArrayList<>();
        for (PendingCopy pending : region.pendingCopies()) {
            if (pending.sourceRegion() != null && !pending.sourceRegion().equals(region.name())) {
                Held h = held.get(key(kind(pending.kind()), pending.identifier()));
                if (h != null) {
                    inFlight.add(h);
                }
            }
        }
        return inFlight;
    }

    static String key(SnapshotKind kind, String id) {
        return kind + "/" + id.toLowerCase(Locale.ROOT);
    }

    static SnapshotKind kind(ResourceKind kind) {
        return kind == ResourceKind.DB_SNAPSHOT ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT;
    }

    static ResourceKind resourceKind(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? ResourceKind.DB_SNAPSHOT : ResourceKind.DB_CLUSTER_SNAPSHOT;
    }

    String key() {
        return key(kind, id);
    }

    boolean available() {
        return "available".equals(status);
    }

    boolean pending() {
        return "creating".equals(status) || "copying".equals(status) || "pending".equals(status);
    }

    private static void put(Map<String, Held> all, Held held) {
        all.put(held.key(), held);
    }
}
