package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The source region as RDS runs it: every database takes an automated snapshot each day at 03:00 UTC and RDS
 * removes automated snapshots after the 7-day backup retention period. Users now and then take manual snapshots,
 * and restore databases from snapshots that carry the installation's tags: those databases are in scope, and their
 * snapshots are originals to copy. The fleet remembers every automated snapshot it took: the ground truth that tells
 * which database a copy belongs to, whatever its tags say.
 */
final class SoakFleet {

    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String ACCOUNT = "123456789012";
    static final String SOURCE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String TARGET_KEY = "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    /** The engine versions the databases run (the restore drill checks a restore runs its copy's version). */
    static final String VERSION = "16.4";
    static final String OLDER_VERSION = "15.8";
    private static final Duration BACKUP_RETENTION = Duration.ofDays(7);

    /** A source database; {@code inScope} false for the excluded {@code scratch-} instance. */
    record Database(SnapshotKind kind, String id, boolean encrypted, boolean inScope) {
    }

    /** A snapshot RDS just created, whose event may or may not reach the Lambda. */
    record Created(SnapshotKind kind, String id, boolean manual) {
    }

    /** An automated snapshot RDS took in the source region: what a copy's RDS source field points at. */
    record Origin(SnapshotKind kind, String db, Instant createdAt, boolean inScope) {
    }

    private final FakeRegion source;
    private final List<Database> databases = new ArrayList<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private Instant nextBackup;
    private long days;
    private int manualCount;

    SoakFleet(FakeRegion source, SoakConfig config, Instant start) {
        this.source = source;
        for (int i = 0; i < config.instances(); i++) {
            databases.add(new Database(SnapshotKind.DB_SNAPSHOT, String.format("db-%02d", i), i % 2 == 0, true));
        }
        databases.add(new Database(SnapshotKind.DB_SNAPSHOT, "scratch-00", false, false));
        for (int i = 0; i < config.clusters(); i++) {
            databases.add(new Database(SnapshotKind.DB_CLUSTER_SNAPSHOT, String.format("aurora-%02d", i), i % 2 == 1,
                    true));
        }
        for (int i = 0; i < databases.size(); i++) {
            Database db = databases.get(i);
            // Some databases copy their tags to their snapshots (the CDK default): the copies must carry them.
            boolean copyTags = i % 3 == 0;
            if (db.kind() == SnapshotKind.DB_SNAPSHOT) {
                source.addDbInstance(DbInstance.builder().identifier(db.id()).storageEncrypted(db.encrypted())
                        .kmsKeyId(db.encrypted() ? SOURCE_KEY : null).copyTagsToSnapshot(copyTags)
                        .engineVersion(i % 3 == 2 ? OLDER_VERSION : VERSION).tag("team", "orders").build());
            } else {
                source.addDbCluster(DbCluster.builder().identifier(db.id()).storageEncrypted(db.encrypted())
                        .kmsKeyId(db.encrypted() ? SOURCE_KEY : null).copyTagsToSnapshot(copyTags)
                        .engineVersion(VERSION).tag("team", "billing").member(db.id() + "-writer").build());
                // Cluster members take no DB snapshots of their own: the engine must not expect any.
                source.addDbInstance(DbInstance.builder().identifier(db.id() + "-writer").dbClusterIdentifier(db.id())
                        .engine("aurora-postgresql").build());
            }
        }
        nextBackup = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
    }

    List<Database> databases() {
        return databases;
    }

    long days() {
        return days;
    }

    /** When the next daily backup is taken. */
    Instant nextBackup() {
        return nextBackup;
    }

    /** The source snapshot {@code arn} names, if RDS took it as an automated snapshot of this fleet. */
    Optional<Origin> origin(String arn) {
        return Optional.ofNullable(arn == null ? null : origins.get(arn));
    }

    /** A database a user restored in the source region through the API; from now on it is backed up and in scope. */
    void addRestored(SnapshotKind kind, String id, boolean encrypted) {
        databases.add(new Database(kind, id, encrypted, true));
    }

    /**
     * Takes the daily automated snapshots due by {@code now} (calling {@code onBackup} with each backup time, for
     * the users' databases in the target region) and expires old ones; returns what was created.
     */
    List<Created> advanceTo(Instant now, Consumer<Instant> onBackup) {
        List<Created> created = new ArrayList<>();
        while (!nextBackup.isAfter(now)) {
            days++;
            for (Database db : databases) {
                ResourceKind kind = db.kind() == SnapshotKind.DB_SNAPSHOT ? ResourceKind.DB_INSTANCE
                        : ResourceKind.DB_CLUSTER;
                String id = source.takeAutomatedSnapshot(kind, db.id(), nextBackup);
                origins.put(arn(db.kind(), id), new Origin(db.kind(), db.id(), nextBackup, db.inScope()));
                created.add(new Created(db.kind(), id, false));
            }
            onBackup.accept(nextBackup);
            nextBackup = nextBackup.plus(Duration.ofDays(1));
        }
        Instant oldest = now.minus(BACKUP_RETENTION);
        source.dbSnapshots().stream().filter(s -> s.snapshotType().equals("automated"))
                .filter(s -> s.createdAt().isBefore(oldest)).forEach(s -> source.removeDbSnapshot(s.identifier()));
        source.dbClusterSnapshots().stream().filter(s -> s.snapshotType().equals("automated"))
                .filter(s -> s.createdAt().isBefore(oldest))
                .forEach(s -> source.removeDbClusterSnapshot(s.identifier()));
        return created;
    }

    /** A user's manual snapshot: never copied (COPY_MANUAL_SNAPSHOTS is off), its event must be ignored. */
    Created manualSnapshot(Random random, Instant now) {
        Database db = databases.get(random.nextInt(databases.size()));
        String id = db.id() + "-before-release-" + ++manualCount;
        if (db.kind() == SnapshotKind.DB_SNAPSHOT) {
            source.addDbSnapshot(DbSnapshot.builder().identifier(id).dbInstanceIdentifier(db.id())
                    .snapshotType("manual").createdAt(now).encrypted(db.encrypted())
                    .kmsKeyId(db.encrypted() ? SOURCE_KEY : null).build());
        } else {
            source.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(id).dbClusterIdentifier(db.id())
                    .snapshotType("manual").createdAt(now).storageEncrypted(db.encrypted())
                    .kmsKeyId(db.encrypted() ? SOURCE_KEY : null).build());
        }
        return new Created(db.kind(), id, true);
    }

    /** The ARN of the newest automated snapshot of {@code db}, if it has one. */
    Optional<String> newestAutomatedArn(Database db) {
        if (db.kind() == SnapshotKind.DB_SNAPSHOT) {
            return source.dbSnapshots().stream()
                    .filter(s -> db.id().equals(s.dbInstanceIdentifier()) && s.snapshotType().equals("automated"))
                    .max(Comparator.comparing(DbSnapshot::createdAt)).map(DbSnapshot::arn);
        }
        return source.dbClusterSnapshots().stream()
                .filter(s -> db.id().equals(s.dbClusterIdentifier()) && s.snapshotType().equals("automated"))
                .max(Comparator.comparing(DbClusterSnapshot::createdAt)).map(DbClusterSnapshot::arn);
    }

    /** True when a newer automated snapshot of the same database exists than {@code created}. */
    boolean isStale(Created created) {
        Origin origin = origins.get(arn(created.kind(), created.id()));
        if (origin == null) {
            return false;
        }
        return databases.stream().filter(db -> db.kind() == created.kind() && db.id().equals(origin.db()))
                .anyMatch(db -> newestAutomatedArn(db).filter(arn(created.kind(), created.id())::equals).isEmpty());
    }

    static String arn(SnapshotKind kind, String id) {
        String type = kind == SnapshotKind.DB_SNAPSHOT ? "snapshot" : "cluster-snapshot";
        return "arn:aws:rds:" + SOURCE + ":" + ACCOUNT + ":" + type + ":" + id;
    }
}
