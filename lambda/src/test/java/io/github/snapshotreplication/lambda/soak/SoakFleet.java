package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The source region as RDS runs it: every database takes an automated snapshot each day at 03:00 UTC and RDS
 * removes automated snapshots after the 7-day backup retention period. Users now and then take manual snapshots.
 */
final class SoakFleet {

    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String ACCOUNT = "123456789012";
    static final String SOURCE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final Duration BACKUP_RETENTION = Duration.ofDays(7);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm")
            .withZone(ZoneOffset.UTC);

    /** A source database; {@code inScope} false for the excluded {@code scratch-} instance. */
    record Database(SnapshotKind kind, String id, boolean encrypted, boolean inScope) {
    }

    /** A snapshot RDS just created, whose event may or may not reach the Lambda. */
    record Created(SnapshotKind kind, String id, boolean manual) {
    }

    private final FakeRegion source;
    private final List<Database> databases = new ArrayList<>();
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
        for (Database db : databases) {
            if (db.kind() == SnapshotKind.DB_SNAPSHOT) {
                source.addDbInstance(DbInstance.builder().identifier(db.id()).storageEncrypted(db.encrypted())
                        .build());
            } else {
                source.addDbCluster(DbCluster.builder().identifier(db.id()).storageEncrypted(db.encrypted())
                        .member(db.id() + "-writer").build());
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

    /** Takes the daily automated snapshots due by {@code now} and expires old ones; returns what was created. */
    List<Created> advanceTo(Instant now) {
        List<Created> created = new ArrayList<>();
        while (!nextBackup.isAfter(now)) {
            days++;
            for (Database db : databases) {
                String id = "rds:" + db.id() + "-" + STAMP.format(nextBackup);
                add(db, id, "automated", nextBackup);
                created.add(new Created(db.kind(), id, false));
            }
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
        add(db, id, "manual", now);
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
        String arn = arn(created.kind(), created.id());
        return databases.stream().filter(db -> db.kind() == created.kind())
                .filter(db -> created.id().startsWith("rds:" + db.id() + "-"))
                .anyMatch(db -> newestAutomatedArn(db).filter(arn::equals).isEmpty());
    }

    static String arn(SnapshotKind kind, String id) {
        String type = kind == SnapshotKind.DB_SNAPSHOT ? "snapshot" : "cluster-snapshot";
        return "arn:aws:rds:" + SOURCE + ":" + ACCOUNT + ":" + type + ":" + id;
    }

    private void add(Database db, String id, String type, Instant at) {
        if (db.kind() == SnapshotKind.DB_SNAPSHOT) {
            source.addDbSnapshot(DbSnapshot.builder().identifier(id).dbInstanceIdentifier(db.id()).snapshotType(type)
                    .createdAt(at).encrypted(db.encrypted()).kmsKeyId(db.encrypted() ? SOURCE_KEY : null).build());
        } else {
            source.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(id).dbClusterIdentifier(db.id())
                    .snapshotType(type).createdAt(at).storageEncrypted(db.encrypted())
                    .kmsKeyId(db.encrypted() ? SOURCE_KEY : null).build());
        }
    }
}
