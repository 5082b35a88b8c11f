package io.github.snapshotreplication.fakerds;

import java.util.Map;

/**
 * CreateDBSnapshot and CreateDBClusterSnapshot: a user's manual snapshot, made with the caller's credentials. The
 * snapshot starts {@code creating} and joins the pending queue, like a copy.
 */
final class CreateSnapshotActions {

    private final Accounts accounts;

    CreateSnapshotActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void createDbSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String instanceId = request.required("DBInstanceIdentifier");
        String snapshotId = request.required("DBSnapshotIdentifier");
        CopyRules.checkTargetIdentifier("DBSnapshotIdentifier", snapshotId, DbSnapshotActions.MAX_IDENTIFIER_LENGTH);
        Map<String, String> requestTags = TagRules.checkRequestTags(request.tags());
        RegionState state = region.state();
        DbSnapshot stored = state.locked(() -> {
            DbInstance instance = existingInstance(state, instanceId);
            if (instance.dbClusterIdentifier() != null) {
                // The message RDS gives (reported by users of CreateDBSnapshot on an Aurora member).
                throw QueryError.invalidValue("The specified instance is a member of a cluster and a snapshot cannot"
                        + " be created directly. Please use the CreateDBClusterSnapshot API instead.");
            }
            if (!"available".equals(instance.status())) {
                throw new QueryError(FakeError.INVALID_DB_INSTANCE_STATE, "Cannot create a snapshot because the DB"
                        + " instance " + instance.identifier() + " is not in the available state (current state: "
                        + instance.status() + ").");
            }
            if (state.snapshots().contains(snapshotId)) {
                throw new QueryError(FakeError.DB_SNAPSHOT_ALREADY_EXISTS, "Cannot create the snapshot because a"
                        + " snapshot with the identifier " + snapshotId + " already exists.");
            }
            SnapshotQuotas.checkManual(state.snapshots(), region.manualSnapshotQuota());
            Map<String, String> tags = TagRules.checkCount(SnapshotFactory.tagsOfNewSnapshot(requestTags,
                    instance.copyTagsToSnapshot(), instance.tags()), snapshotId);
            return state.putDbSnapshot(SnapshotFactory.of(instance, ResourceStore.key(snapshotId), "manual",
                    SnapshotStatus.CREATING, state.now(), tags, request.accessKeyId()));
        });
        ResourceXml.dbSnapshot(xml, stored);
    }

    void createDbClusterSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String clusterId = request.required("DBClusterIdentifier");
        String snapshotId = request.required("DBClusterSnapshotIdentifier");
        CopyRules.checkTargetIdentifier("DBClusterSnapshotIdentifier", snapshotId,
                ClusterSnapshotActions.MAX_IDENTIFIER_LENGTH);
        Map<String, String> requestTags = TagRules.checkRequestTags(request.tags());
        RegionState state = region.state();
        DbClusterSnapshot stored = state.locked(() -> {
            DbCluster cluster = existingCluster(state, clusterId);
            if (!"available".equals(cluster.status())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_STATE, "Cannot create a snapshot because the DB"
                        + " cluster " + cluster.identifier() + " is not in the available state (current state: "
                        + cluster.status() + ").");
            }
            if (state.clusterSnapshots().contains(snapshotId)) {
                throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_ALREADY_EXISTS, "Cannot create the cluster"
                        + " snapshot because one with the identifier " + snapshotId + " already exists.");
            }
            SnapshotQuotas.checkManual(state.clusterSnapshots(), region.manualClusterSnapshotQuota());
            Map<String, String> tags = TagRules.checkCount(SnapshotFactory.tagsOfNewSnapshot(requestTags,
                    cluster.copyTagsToSnapshot(), cluster.tags()), snapshotId);
            return state.putDbClusterSnapshot(SnapshotFactory.of(cluster, ResourceStore.key(snapshotId), "manual",
                    SnapshotStatus.CREATING, state.now(), tags, request.accessKeyId()));
        });
        ResourceXml.dbClusterSnapshot(xml, stored);
    }

    /** @throws QueryError DBInstanceNotFound */
    static DbInstance existingInstance(RegionState state, String identifier) {
        DbInstance instance = state.instances().get(identifier);
        if (instance == null) {
            throw new QueryError(FakeError.DB_INSTANCE_NOT_FOUND, "DBInstance " + identifier + " not found.");
        }
        return instance;
    }

    /** @throws QueryError DBClusterNotFoundFault */
    static DbCluster existingCluster(RegionState state, String identifier) {
        DbCluster cluster = state.clusters().get(identifier);
        if (cluster == null) {
            throw new QueryError(FakeError.DB_CLUSTER_NOT_FOUND, "DBCluster " + identifier + " not found.");
        }
        return cluster;
    }
}
