package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Databases people restore from the installation's copies, and what those databases then produce.
 *
 * <p>In the target region (a disaster-recovery drill, often under the source database's own name): the restored
 * database carries the copy's tags and CopyTagsToSnapshot, so its automated, manual and final snapshots all carry the
 * installation's tags: look-alikes. In the source region (a copy brought back and restored): the new database's
 * automated snapshots carry the tags too, but they are originals, and the installation must copy them.
 */
final class SoakRestores {

    /** RDS removes automated snapshots after the backup retention period the users restore with. */
    private static final Duration BACKUP_RETENTION = Duration.ofDays(7);
    private static final int MAX_LIVE_IN_TARGET = 2;
    private static final int MAX_IN_SOURCE = 2;

    private record Restored(SnapshotKind kind, String id) {
    }

    private final Random random;
    private final FakeRegion source;
    private final FakeRegion target;
    private final SoakFleet fleet;
    private final SoakUser user;
    private final LookAlikes lookAlikes;
    private final SoakReport report;
    private final List<Restored> liveInTarget = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();
    private int counter;
    private int inSource;

    SoakRestores(Random random, FakeRegion source, FakeRegion target, SoakFleet fleet, SoakUser user,
                 LookAlikes lookAlikes, SoakReport report) {
        this.random = random;
        this.source = source;
        this.target = target;
        this.fleet = fleet;
        this.user = user;
        this.lookAlikes = lookAlikes;
        this.report = report;
    }

    /** A drill: a database restored in the target region from {@code copy}, with the copy's tags. */
    void restoreInTarget(Held copy) {
        if (liveInTarget.size() >= MAX_LIVE_IN_TARGET) {
            return;
        }
        // Names are never reused: RDS names automated snapshots after the database and the minute.
        String id = random.nextBoolean() && !usedNames.contains(copy.db()) ? copy.db()
                : copy.db() + "-drill-" + ++counter;
        usedNames.add(id);
        user.restore(SoakFleet.TARGET, copy.kind(), copy.id(), id, copy.tags());
        liveInTarget.add(new Restored(copy.kind(), id));
        report.restoresInTarget++;
    }

    /** A manual snapshot of a restored database: it inherits the installation's tags. */
    void snapshotARestoredDatabase() {
        if (liveInTarget.isEmpty()) {
            return;
        }
        Restored db = liveInTarget.get(random.nextInt(liveInTarget.size()));
        String name = db.id() + "-manual-" + ++counter;
        user.createSnapshot(db.kind(), db.id(), name);
        lookAlikes.add(LookAlikes.Kind.RESTORED_MANUAL, db.kind(), name);
    }

    /** The drill ends: the database is deleted with a final snapshot, which inherits the installation's tags. */
    void deleteARestoredDatabase() {
        if (liveInTarget.isEmpty()) {
            return;
        }
        Restored db = liveInTarget.remove(random.nextInt(liveInTarget.size()));
        String name = db.id() + "-final-" + ++counter;
        user.deleteDatabase(db.kind(), db.id(), name);
        lookAlikes.add(LookAlikes.Kind.RESTORED_FINAL, db.kind(), name);
    }

    /** RDS's daily automated snapshots of the restored databases of the target region. */
    void backups(Instant at) {
        for (Restored db : liveInTarget) {
            String id = target.takeAutomatedSnapshot(db.kind() == SnapshotKind.DB_SNAPSHOT ? ResourceKind.DB_INSTANCE
                    : ResourceKind.DB_CLUSTER, db.id(), at);
            lookAlikes.add(LookAlikes.Kind.RESTORED_AUTOMATED, db.kind(), id);
        }
    }

    /** RDS removes the restored databases' automated snapshots after their retention period. */
    void expire(Instant now) {
        Instant oldest = now.minus(BACKUP_RETENTION);
        target.dbSnapshots().stream().filter(s -> "automated".equals(s.snapshotType()))
                .filter(s -> s.createdAt().isBefore(oldest)).forEach(s -> {
                    target.removeDbSnapshot(s.identifier());
                    lookAlikes.retire(Held.key(SnapshotKind.DB_SNAPSHOT, s.identifier()));
                });
        target.dbClusterSnapshots().stream().filter(s -> "automated".equals(s.snapshotType()))
                .filter(s -> s.createdAt().isBefore(oldest)).forEach(s -> {
                    target.removeDbClusterSnapshot(s.identifier());
                    lookAlikes.retire(Held.key(SnapshotKind.DB_CLUSTER_SNAPSHOT, s.identifier()));
                });
    }

    /**
     * A copy brought back to the source region and restored there with its tags: the new database is a source
     * like any other, whose snapshots carry the installation's managed-by tag and must be copied all the same.
     */
    void restoreInSource(Held copy) {
        if (inSource >= MAX_IN_SOURCE) {
            return;
        }
        boolean encrypted = copy.kind() == SnapshotKind.DB_SNAPSHOT
                ? target.dbSnapshot(copy.id()).orElseThrow().encrypted()
                : target.dbClusterSnapshot(copy.id()).orElseThrow().storageEncrypted();
        String back = copy.db() + "-brought-back-" + ++counter;
        if (!user.copy(SoakFleet.SOURCE, copy.kind(), SoakUsers.arn(copy.kind(), copy.id()), back, SoakFleet.TARGET,
                encrypted ? SoakFleet.SOURCE_KEY : null, true, Map.of())) {
            return;
        }
        // The copy back takes its time; the restore comes once it is done.
        source.completeCopy(Held.resourceKind(copy.kind()), back);
        String id = String.format("restored-%02d", inSource++);
        user.restore(SoakFleet.SOURCE, copy.kind(), back, id, copy.tags());
        fleet.addRestored(copy.kind(), id, encrypted);
        report.restoresInSource++;
    }
}
