package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRegion;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CopyDbClusterSnapshotResponse;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeOptionGroupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeOptionGroupsResponse;
import software.amazon.awssdk.services.rds.model.Tag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link RdsClient} for one region of the fake whose describes are answered in-process from the fake's state,
 * while every other call (copies, deletes, and any describe with parameters it does not serve) goes to the fake's
 * Query API over HTTP through the real SDK client. Why: the SDK's XML unmarshalling costs about 5 ms of CPU per
 * 100-record page on the benchmark machine, and the engine reads the whole target region on every event, so a
 * 40-day simulation of 500 databases over HTTP would take hours. The answers are the same records in the same order
 * and pages (100 a page, the fake's sort order), and each page counts as one call; {@link InventoryCheck} proves
 * the engine maps them to the same inventory as the HTTP answers. Copies and deletes keep the fake's rules (the
 * per-kind copy quota, identifiers, KMS, presigned URLs). Single-threaded, like the simulation.
 */
final class InProcessRdsClient implements RdsClient {

    static final int PAGE = 100;

    private final FakeRegion region;
    private final RdsClient http;
    private final Map<String, Long> calls = new HashMap<>();
    private final Map<String, Listing<?, ?>> listings = new HashMap<>();

    InProcessRdsClient(FakeRegion region, RdsClient http) {
        this.region = region;
        this.http = http;
    }

    /** Calls answered in-process, by action. */
    Map<String, Long> calls() {
        return calls;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest r) {
        if (r.dbSnapshotIdentifier() != null && r.dbInstanceIdentifier() == null && !r.hasFilters()) {
            Optional<DbSnapshot> one = region.dbSnapshot(r.dbSnapshotIdentifier());
            if (one.isPresent()) {
                count("DescribeDBSnapshots");
                return DescribeDbSnapshotsResponse.builder().dbSnapshots(List.of(sdk(one.get()))).build();
            }
        } else if (isWholeListing(r.dbSnapshotIdentifier(), r.dbInstanceIdentifier(), r.hasFilters(),
                r.snapshotType(), r.maxRecords())) {
            Page<DBSnapshot> page = page("DescribeDBSnapshots", r.marker(), region::dbSnapshots,
                    InProcessRdsClient::sdk);
            return DescribeDbSnapshotsResponse.builder().dbSnapshots(page.items()).marker(page.next()).build();
        }
        return http.describeDBSnapshots(r); // the fake's own answer, errors included
    }

    @Override
    public DescribeDbClusterSnapshotsResponse describeDBClusterSnapshots(DescribeDbClusterSnapshotsRequest r) {
        if (r.dbClusterSnapshotIdentifier() != null && r.dbClusterIdentifier() == null && !r.hasFilters()) {
            Optional<DbClusterSnapshot> one = region.dbClusterSnapshot(r.dbClusterSnapshotIdentifier());
            if (one.isPresent()) {
                count("DescribeDBClusterSnapshots");
                return DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(List.of(sdk(one.get()))).build();
            }
        } else if (isWholeListing(r.dbClusterSnapshotIdentifier(), r.dbClusterIdentifier(), r.hasFilters(),
                r.snapshotType(), r.maxRecords())) {
            Page<DBClusterSnapshot> page = page("DescribeDBClusterSnapshots", r.marker(),
                    region::dbClusterSnapshots, InProcessRdsClient::sdk);
            return DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(page.items()).marker(page.next())
                    .build();
        }
        return http.describeDBClusterSnapshots(r);
    }

    @Override
    public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
        if (r.dbInstanceIdentifier() != null && !r.hasFilters()) {
            Optional<DbInstance> one = region.dbInstance(r.dbInstanceIdentifier());
            if (one.isPresent()) {
                count("DescribeDBInstances");
                return DescribeDbInstancesResponse.builder().dbInstances(List.of(sdk(one.get()))).build();
            }
        } else if (isWholeListing(r.dbInstanceIdentifier(), null, r.hasFilters(), null, r.maxRecords())) {
            Page<DBInstance> page = page("DescribeDBInstances", r.marker(), region::dbInstances,
                    InProcessRdsClient::sdk);
            return DescribeDbInstancesResponse.builder().dbInstances(page.items()).marker(page.next()).build();
        }
        return http.describeDBInstances(r);
    }

    @Override
    public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest r) {
        if (r.dbClusterIdentifier() != null && !r.hasFilters()) {
            Optional<DbCluster> one = region.dbCluster(r.dbClusterIdentifier());
            if (one.isPresent()) {
                count("DescribeDBClusters");
                return DescribeDbClustersResponse.builder().dbClusters(List.of(sdk(one.get()))).build();
            }
        } else if (isWholeListing(r.dbClusterIdentifier(), null, r.hasFilters(), null, r.maxRecords())) {
            Page<DBCluster> page = page("DescribeDBClusters", r.marker(), region::dbClusters,
                    InProcessRdsClient::sdk);
            return DescribeDbClustersResponse.builder().dbClusters(page.items()).marker(page.next()).build();
        }
        return http.describeDBClusters(r);
    }

    @Override
    public DescribeOptionGroupsResponse describeOptionGroups(DescribeOptionGroupsRequest r) {
        return http.describeOptionGroups(r);
    }

    @Override
    public CopyDbSnapshotResponse copyDBSnapshot(CopyDbSnapshotRequest r) {
        return http.copyDBSnapshot(r);
    }

    @Override
    public CopyDbClusterSnapshotResponse copyDBClusterSnapshot(CopyDbClusterSnapshotRequest r) {
        return http.copyDBClusterSnapshot(r);
    }

    @Override
    public DeleteDbSnapshotResponse deleteDBSnapshot(DeleteDbSnapshotRequest r) {
        return http.deleteDBSnapshot(r);
    }

    @Override
    public DeleteDbClusterSnapshotResponse deleteDBClusterSnapshot(DeleteDbClusterSnapshotRequest r) {
        return http.deleteDBClusterSnapshot(r);
    }

    @Override
    public void close() {
        http.close();
    }

    /** A listing of every record with no parameter but the page size, as the engine's paginators ask. */
    private static boolean isWholeListing(String id, String parent, boolean filters, String type, Integer max) {
        return id == null && parent == null && !filters && type == null && (max == null || max == PAGE);
    }

    /**
     * One page of a listing. The first page takes the records of the moment in the fake's order; the following
     * pages of the same listing come from that copy, which is what the fake answers while nothing changes (the
     * engine reads each listing to the end before it acts, and the simulation changes nothing meanwhile). The fake's
     * records are immutable, so each one is converted to its SDK form once and reused while it stays the same.
     */
    private <T, S> Page<S> page(String action, String marker, Supplier<List<T>> all, Function<T, S> toSdk) {
        count(action);
        @SuppressWarnings("unchecked")
        Listing<T, S> listing = (Listing<T, S>) listings.get(action);
        if (marker == null) {
            Map<T, S> previous = listing == null ? Map.of() : listing.converted();
            Map<T, S> converted = new IdentityHashMap<>();
            List<S> records = new ArrayList<>();
            for (T record : all.get()) {
                S sdk = previous.get(record);
                sdk = sdk != null ? sdk : toSdk.apply(record);
                converted.put(record, sdk);
                records.add(sdk);
            }
            listing = new Listing<>(records, converted);
            listings.put(action, listing);
        }
        int from = marker == null ? 0 : Integer.parseInt(marker);
        int to = Math.min(listing.records().size(), from + PAGE);
        return new Page<>(listing.records().subList(from, to), to < listing.records().size() ? Integer.toString(to)
                : null);
    }

    private void count(String action) {
        calls.merge(action, 1L, Long::sum);
    }

    private record Page<T>(List<T> items, String next) {
    }

    /** A listing in SDK form, and the conversion of each record (by identity) for the next listing. */
    private record Listing<T, S>(List<S> records, Map<T, S> converted) {
    }

    private static DBSnapshot sdk(DbSnapshot s) {
        return DBSnapshot.builder().dbSnapshotIdentifier(s.identifier()).dbSnapshotArn(s.arn())
                .dbInstanceIdentifier(s.dbInstanceIdentifier()).snapshotCreateTime(millis(s.createdAt()))
                .originalSnapshotCreateTime(millis(s.originalCreatedAt())).snapshotType(s.snapshotType())
                .status(s.status()).percentProgress(s.percentProgress()).sourceRegion(s.sourceRegion())
                .sourceDBSnapshotIdentifier(s.sourceDbSnapshotIdentifier()).engine(s.engine())
                .engineVersion(s.engineVersion()).allocatedStorage(s.allocatedStorage())
                .optionGroupName(s.optionGroupName()).encrypted(s.encrypted()).kmsKeyId(s.kmsKeyId())
                .tagList(tags(s.tags())).build();
    }

    private static DBClusterSnapshot sdk(DbClusterSnapshot s) {
        return DBClusterSnapshot.builder().dbClusterSnapshotIdentifier(s.identifier())
                .dbClusterSnapshotArn(s.arn()).sourceDBClusterSnapshotArn(s.sourceDbClusterSnapshotArn())
                .dbClusterIdentifier(s.dbClusterIdentifier()).snapshotCreateTime(millis(s.createdAt()))
                .snapshotType(s.snapshotType()).status(s.status()).percentProgress(s.percentProgress())
                .engine(s.engine()).engineVersion(s.engineVersion()).storageEncrypted(s.storageEncrypted())
                .kmsKeyId(s.kmsKeyId()).tagList(tags(s.tags())).build();
    }

    private static DBInstance sdk(DbInstance i) {
        return DBInstance.builder().dbInstanceIdentifier(i.identifier())
                .dbInstanceArn(i.arn()).dbInstanceClass(i.dbInstanceClass()).dbInstanceStatus(i.status())
                .engine(i.engine()).engineVersion(i.engineVersion()).allocatedStorage(i.allocatedStorage())
                .backupRetentionPeriod(i.backupRetentionPeriod())
                .readReplicaSourceDBInstanceIdentifier(i.readReplicaSourceDBInstanceIdentifier())
                .dbClusterIdentifier(i.dbClusterIdentifier()).storageEncrypted(i.storageEncrypted())
                .kmsKeyId(i.kmsKeyId()).copyTagsToSnapshot(i.copyTagsToSnapshot()).tagList(tags(i.tags())).build();
    }

    private static DBCluster sdk(DbCluster c) {
        return DBCluster.builder().dbClusterIdentifier(c.identifier())
                .dbClusterArn(c.arn()).status(c.status()).engine(c.engine()).engineVersion(c.engineVersion())
                .storageEncrypted(c.storageEncrypted()).kmsKeyId(c.kmsKeyId())
                .backupRetentionPeriod(c.backupRetentionPeriod())
                .replicationSourceIdentifier(c.replicationSourceIdentifier())
                .copyTagsToSnapshot(c.copyTagsToSnapshot()).tagList(tags(c.tags())).build();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** The Query API carries milliseconds: the fake's XML truncates, so this does too. */
    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
