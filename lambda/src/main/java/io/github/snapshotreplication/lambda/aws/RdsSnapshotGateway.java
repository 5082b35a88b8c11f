package io.github.snapshotreplication.lambda.aws;

import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.OptionGroup;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's only door to RDS, for one region. Describes are paginated ({@code Marker}, 100 records a page);
 * every failure surfaces as an {@link RdsCallException} that says whether a retry may help.
 */
public final class RdsSnapshotGateway implements AutoCloseable {

    /** Largest page RDS serves. */
    static final int PAGE_SIZE = 100;
    /** The snapshot attribute that lists the accounts allowed to copy or restore it. */
    private static final String RESTORE = "restore";

    private final RdsClient client;
    private final String region;

    RdsSnapshotGateway(RdsClient client, String region) {
        this.client = client;
        this.region = region;
    }

    /** A gateway with its own client, built with {@code settings}. */
    public static RdsSnapshotGateway create(String region, ClientSettings settings) {
        return new RdsSnapshotGateway(RdsClients.build(region, settings), region);
    }

    /**
     * A gateway whose client never reaches the network: canned answers, fixed fake keys. For priming only: it runs
     * the SDK's request path (marshalling, signing, presigning, XML parsing) once before the first real call.
     */
    public static RdsSnapshotGateway offline(String region, ClientSettings settings) {
        return new RdsSnapshotGateway(RdsClients.buildOffline(region, settings), region);
    }

    /** Its client, for the drill's gateway to the same region. */
    RdsClient client() {
        return client;
    }

    /** The region this gateway talks to. */
    public String region() {
        return region;
    }

    /** DB instances that take their own snapshots (not members of a cluster). DescribeDBInstances. */
    public List<SourceDatabase> describeDbInstances() {
        return call("DescribeDBInstances", () -> client.describeDBInstancesPaginator(r -> r.maxRecords(PAGE_SIZE))
                .dbInstances().stream().filter(RdsMapping::isStandalone).map(RdsMapping::database).toList());
    }

    /** Aurora DB clusters and Multi-AZ DB clusters (not Neptune or DocumentDB). DescribeDBClusters. */
    public List<SourceDatabase> describeClusters() {
        return call("DescribeDBClusters", () -> client.describeDBClustersPaginator(r -> r.maxRecords(PAGE_SIZE))
                .dbClusters().stream().filter(RdsMapping::isRdsCluster).map(RdsMapping::database).toList());
    }

    /** Every option group of this region, to tell which need a mapping on a copy. DescribeOptionGroups. */
    public List<OptionGroup> describeOptionGroups() {
        return call("DescribeOptionGroups", () -> client.describeOptionGroupsPaginator(r -> r.maxRecords(PAGE_SIZE))
                .optionGroupsList().stream().map(RdsMapping::optionGroup).toList());
    }

    /** One option group; empty when it does not exist (any more). DescribeOptionGroups. */
    public Optional<OptionGroup> describeOptionGroup(String name) {
        return ifFound(() -> call("DescribeOptionGroups", () -> client.describeOptionGroups(
                r -> r.optionGroupName(name)).optionGroupsList().stream().map(RdsMapping::optionGroup).findFirst()));
    }

    /** One source database, to check the tag filter for an event; empty when it no longer exists. */
    public Optional<SourceDatabase> describeDatabase(SnapshotKind kind, String identifier) {
        return ifFound(() -> kind == SnapshotKind.DB_SNAPSHOT
                ? call("DescribeDBInstances", () -> client.describeDBInstances(r -> r.dbInstanceIdentifier(identifier))
                .dbInstances().stream().map(RdsMapping::database).findFirst())
                : call("DescribeDBClusters", () -> client.describeDBClusters(r -> r.dbClusterIdentifier(identifier))
                .dbClusters().stream().map(RdsMapping::database).findFirst()));
    }

    /**
     * Every snapshot of a kind in this region, automated and manual. DescribeDBSnapshots or
     * DescribeDBClusterSnapshots, 100 a page.
     */
    public List<Snapshot> describeSnapshots(SnapshotKind kind) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            return call("DescribeDBSnapshots", () -> client.describeDBSnapshotsPaginator(r -> r.maxRecords(PAGE_SIZE))
                    .dbSnapshots().stream().map(RdsMapping::snapshot).toList());
        }
        return call("DescribeDBClusterSnapshots", () -> client.describeDBClusterSnapshotsPaginator(
                r -> r.maxRecords(PAGE_SIZE)).dbClusterSnapshots().stream().map(RdsMapping::snapshot).toList());
    }

    /**
     * The snapshots of a kind other accounts share with this one in this region. DescribeDBSnapshots or
     * DescribeDBClusterSnapshots with {@code SnapshotType=shared} (docs/aws-references.md#v4), 100 a page.
     */
    public List<Snapshot> describeSharedSnapshots(SnapshotKind kind) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            return call("DescribeDBSnapshots", () -> client.describeDBSnapshotsPaginator(r -> r.maxRecords(PAGE_SIZE)
                    .snapshotType("shared").includeShared(true)).dbSnapshots().stream().map(RdsMapping::snapshot)
                    .toList());
        }
        return call("DescribeDBClusterSnapshots", () -> client.describeDBClusterSnapshotsPaginator(
                r -> r.maxRecords(PAGE_SIZE).snapshotType("shared").includeShared(true)).dbClusterSnapshots()
                .stream().map(RdsMapping::snapshot).toList());
    }

    /**
     * Lets {@code account} copy a manual snapshot of this account ({@code share}) or stops it. The {@code restore}
     * attribute of ModifyDBSnapshotAttribute or ModifyDBClusterSnapshotAttribute (docs/aws-references.md#v1).
     */
    public void setShared(Snapshot snapshot, String account, boolean share) {
        List<String> accounts = List.of(account);
        if (snapshot.kind() == SnapshotKind.DB_SNAPSHOT) {
            call("ModifyDBSnapshotAttribute", () -> client.modifyDBSnapshotAttribute(r -> {
                r.dbSnapshotIdentifier(snapshot.identifier()).attributeName(RESTORE);
                if (share) {
                    r.valuesToAdd(accounts);
                } else {
                    r.valuesToRemove(accounts);
                }
            }));
        } else {
            call("ModifyDBClusterSnapshotAttribute", () -> client.modifyDBClusterSnapshotAttribute(r -> {
                r.dbClusterSnapshotIdentifier(snapshot.identifier()).attributeName(RESTORE);
                if (share) {
                    r.valuesToAdd(accounts);
                } else {
                    r.valuesToRemove(accounts);
                }
            }));
        }
    }

    /** Adds or replaces one tag of a snapshot of this account. AddTagsToResource. */
    public void tag(Snapshot snapshot, String key, String value) {
        call("AddTagsToResource", () -> client.addTagsToResource(r -> r.resourceName(snapshot.arn())
                .tags(RdsMapping.sdkTags(Map.of(key, value)))));
    }

    /** One snapshot by identifier; empty when it does not exist. */
    public Optional<Snapshot> describeSnapshot(SnapshotKind kind, String identifier) {
        return ifFound(() -> kind == SnapshotKind.DB_SNAPSHOT
                ? call("DescribeDBSnapshots", () -> client.describeDBSnapshots(r -> r.dbSnapshotIdentifier(identifier))
                .dbSnapshots().stream().map(RdsMapping::snapshot).findFirst())
                : call("DescribeDBClusterSnapshots", () -> client.describeDBClusterSnapshots(
                        r -> r.dbClusterSnapshotIdentifier(identifier))
                .dbClusterSnapshots().stream().map(RdsMapping::snapshot).findFirst()));
    }

    /**
     * Starts a copy into this gateway's region: cross-region, where the SDK presigns the source-region request
     * ({@code PreSignedUrl}) from {@code sourceRegion}, or same-region ({@code sourceRegion} null), e.g. of a snapshot
     * another account shares. CopyDBSnapshot or CopyDBClusterSnapshot, with every tag
     * given explicitly and {@code CopyTags=false}: how RDS merges the two is undocumented (docs/aws-references.md#o7).
     *
     * @return the new copy, usually {@code creating}/{@code copying}
     */
    public Snapshot copy(Decision.Copy action, String sourceRegion) {
        Snapshot source = action.snapshot();
        if (source.kind() == SnapshotKind.DB_SNAPSHOT) {
            return call("CopyDBSnapshot", () -> RdsMapping.snapshot(client.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier(source.arn())
                    .targetDBSnapshotIdentifier(action.targetIdentifier())
                    .sourceRegion(sourceRegion)
                    .kmsKeyId(action.kmsKeyId())
                    .optionGroupName(action.optionGroupName())
                    .copyTags(false)
                    .tags(RdsMapping.sdkTags(action.tags()))).dbSnapshot()));
        }
        // KmsKeyId on an unencrypted cluster snapshot is an API error; the planner sets it only when encrypted.
        return call("CopyDBClusterSnapshot", () -> RdsMapping.snapshot(client.copyDBClusterSnapshot(r -> r
                .sourceDBClusterSnapshotIdentifier(source.arn())
                .targetDBClusterSnapshotIdentifier(action.targetIdentifier())
                .sourceRegion(sourceRegion)
                .kmsKeyId(source.encrypted() ? action.kmsKeyId() : null)
                .copyTags(false)
                .tags(RdsMapping.sdkTags(action.tags()))).dbClusterSnapshot()));
    }

    /** Deletes a snapshot. DeleteDBSnapshot or DeleteDBClusterSnapshot. */
    public void delete(Snapshot snapshot) {
        if (snapshot.kind() == SnapshotKind.DB_SNAPSHOT) {
            call("DeleteDBSnapshot", () -> client.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot.identifier())));
        } else {
            call("DeleteDBClusterSnapshot", () -> client.deleteDBClusterSnapshot(
                    r -> r.dbClusterSnapshotIdentifier(snapshot.identifier())));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw RdsErrors.classify(operation, e);
        }
    }

    static <T> Optional<T> ifFound(Supplier<Optional<T>> call) {
        try {
            return call.get();
        } catch (RdsCallException e) {
            if (e.failure() == RdsCallException.Failure.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
