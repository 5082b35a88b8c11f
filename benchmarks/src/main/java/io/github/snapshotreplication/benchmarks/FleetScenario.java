package io.github.snapshotreplication.benchmarks;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.plan.Inventory;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet as a nightly sweep finds it when the event route works: N DB instances and N/10 Aurora clusters (each
 * with a writer instance), 7 daily automated snapshots each (7-day backup retention), and in the target region
 * the copies of all of them (RETENTION_KEEP_LAST=7), except that
 * <ul>
 *     <li>1 % of the databases (every 100th) miss the copy of their newest snapshot: a lost event;</li>
 *     <li>10 % (every 10th) still hold an 8th, expired copy;</li>
 *     <li>2 % hold a user's own snapshot, which must not be touched.</li>
 * </ul>
 * Half the databases are encrypted.
 */
final class FleetScenario {

    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String REPLICATION_ID = "orders-dr";
    static final String SOURCE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String TARGET_KEY = "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    static final int DAYS = 7;
    static final int PAGE = 100;

    /** What was seeded, for the lower bound. */
    record Fleet(int instances, int clusters, int missingDb, int missingCluster, int expiredDb, int expiredCluster,
                 int sourceDbSnapshots, int sourceClusterSnapshots, int targetDbSnapshots,
                 int targetClusterSnapshots) {

        /** Instances RDS lists: the standalone ones and the cluster writers. */
        int listedInstances() {
            return instances + clusters;
        }
    }

    private FleetScenario() {
    }

    static Fleet seed(FakeRdsServer rds, int instances) {
        FakeRegion source = rds.region(SOURCE);
        FakeRegion target = rds.region(TARGET);
        int clusters = Math.max(1, instances / 10);
        Instant now = Instant.now();
        Instant newest = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
        if (newest.isAfter(now)) {
            newest = newest.minus(Duration.ofDays(1));
        }
        int[] counts = new int[6];
        for (int i = 0; i < instances; i++) {
            String db = String.format("db-%05d", i);
            boolean encrypted = i % 2 == 0;
            source.addDbInstance(DbInstance.builder().identifier(db).storageEncrypted(encrypted).build());
            for (int day = 0; day <= DAYS; day++) {
                Instant at = newest.minus(Duration.ofDays(day));
                String id = "rds:" + db + "-" + at.toString().substring(0, 10) + "-03-00";
                if (day < DAYS) {
                    source.addDbSnapshot(DbSnapshot.builder().identifier(id).dbInstanceIdentifier(db)
                            .snapshotType("automated").createdAt(at).encrypted(encrypted)
                            .kmsKeyId(encrypted ? SOURCE_KEY : null).build());
                }
                if (copied(i, day, counts, 0)) {
                    String sourceArn = arn("snapshot", id);
                    target.addDbSnapshot(DbSnapshot.builder().identifier(copyIdentifier(sourceArn))
                            .dbInstanceIdentifier(db).createdAt(at).encrypted(encrypted)
                            .kmsKeyId(encrypted ? TARGET_KEY : null).sourceRegion(SOURCE)
                            .sourceDbSnapshotIdentifier(sourceArn).tags(tags(sourceArn, db, at)).build());
                }
            }
            if (i % 50 == 7) {
                target.addDbSnapshot(DbSnapshot.builder().identifier(db + "-kept-by-hand")
                        .dbInstanceIdentifier(db).createdAt(newest).build());
            }
        }
        for (int i = 0; i < clusters; i++) {
            String cluster = String.format("aurora-%04d", i);
            boolean encrypted = i % 2 == 1;
            source.addDbCluster(DbCluster.builder().identifier(cluster).storageEncrypted(encrypted)
                    .member(cluster + "-1").build());
            source.addDbInstance(DbInstance.builder().identifier(cluster + "-1").dbClusterIdentifier(cluster)
                    .engine("aurora-postgresql").build());
            for (int day = 0; day <= DAYS; day++) {
                Instant at = newest.minus(Duration.ofDays(day));
                String id = "rds:" + cluster + "-" + at.toString().substring(0, 10) + "-03-00";
                if (day < DAYS) {
                    source.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(id)
                            .dbClusterIdentifier(cluster).snapshotType("automated").createdAt(at)
                            .storageEncrypted(encrypted).kmsKeyId(encrypted ? SOURCE_KEY : null).build());
                }
                if (copied(i, day, counts, 3)) {
                    String sourceArn = arn("cluster-snapshot", id);
                    target.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(copyIdentifier(sourceArn))
                            .dbClusterIdentifier(cluster).createdAt(at).storageEncrypted(encrypted)
                            .kmsKeyId(encrypted ? TARGET_KEY : null).sourceDbClusterSnapshotArn(sourceArn)
                            .tags(tags(sourceArn, cluster, at)).build());
                }
            }
        }
        return new Fleet(instances, clusters, counts[0], counts[3], counts[1], counts[4],
                source.dbSnapshots().size(), source.dbClusterSnapshots().size(), target.dbSnapshots().size(),
                target.dbClusterSnapshots().size());
    }

    /** Whether database {@code i} has a copy of the snapshot of {@code day}; counts missing and expired copies. */
    private static boolean copied(int i, int day, int[] counts, int offset) {
        if (day == 0 && i % 100 == 0) {
            counts[offset]++;
            return false;
        }
        if (day == DAYS) {
            if (i % 10 == 5) {
                counts[offset + 1]++;
                return true;
            }
            return false;
        }
        return true;
    }

    private static Map<String, String> tags(String sourceArn, String db, Instant at) {
        return Map.of(TagKeys.MANAGED_BY, REPLICATION_ID, TagKeys.SOURCE_SNAPSHOT_ARN, sourceArn,
                TagKeys.SOURCE_DB_IDENTIFIER, db, TagKeys.SOURCE_REGION, SOURCE,
                TagKeys.SOURCE_CREATED_AT, at.toString(), "team", "platform");
    }

    /** The identifier the engine gives its copy, with RDS's source field set as on a real copy: a proven copy. */
    private static String copyIdentifier(String sourceArn) {
        return TargetIdentifiers.forSource(CopyIdentifiers.prefixOf(REPLICATION_ID),
                SnapshotArn.parse(sourceArn).orElseThrow());
    }

    static String arn(String type, String id) {
        return "arn:aws:rds:" + SOURCE + ":123456789012:" + type + ":" + id;
    }

    /** The environment of the function for these benchmarks (defaults for everything else). */
    static Map<String, String> settings() {
        return Map.of("TARGET_KMS_KEY_ARN", TARGET_KEY, "INCLUDE_AURORA_CLUSTERS", "true", "REPLICATION_ID",
                REPLICATION_ID);
    }

    /** Reads the planner's input from the fake as a sweep does, through the real SDK clients. */
    static Inventory readInventory(FakeRdsServer rds) {
        ClientSettings clients = ClientSettings.localEndpoint(rds.endpoint());
        try (RdsSnapshotGateway source = RdsSnapshotGateway.create(SOURCE, clients);
             RdsSnapshotGateway target = RdsSnapshotGateway.create(TARGET, clients)) {
            List<SourceDatabase> databases = new ArrayList<>(source.describeDbInstances());
            databases.addAll(source.describeClusters());
            List<Snapshot> sourceSnapshots = new ArrayList<>(source.describeSnapshots(SnapshotKind.DB_SNAPSHOT));
            sourceSnapshots.addAll(source.describeSnapshots(SnapshotKind.DB_CLUSTER_SNAPSHOT));
            List<Snapshot> targetSnapshots = new ArrayList<>(target.describeSnapshots(SnapshotKind.DB_SNAPSHOT));
            targetSnapshots.addAll(target.describeSnapshots(SnapshotKind.DB_CLUSTER_SNAPSHOT));
            return new Inventory(databases, sourceSnapshots, targetSnapshots);
        }
    }

    static long pages(long records) {
        return Math.max(1, (records + PAGE - 1) / PAGE);
    }
}
