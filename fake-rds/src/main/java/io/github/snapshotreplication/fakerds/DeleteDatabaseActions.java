package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DeleteDBInstance and DeleteDBCluster. The database is gone at once (the answer shows it {@code deleting}); a final
 * snapshot is made first, {@code available} at once. DeleteAutomatedBackups is ignored: automated snapshots stay.
 */
final class DeleteDatabaseActions {

    private static final int MAX_FINAL_SNAPSHOT_IDENTIFIER_LENGTH = 255;
    /** RDS API reference, DeleteDBInstance SkipFinalSnapshot: these states only allow a delete without one. */
    private static final Set<String> FAILURE_STATES = Set.of("failed", "incompatible-restore", "incompatible-network");

    private final Accounts accounts;

    DeleteDatabaseActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void deleteDbInstance(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String instanceId = request.required("DBInstanceIdentifier");
        boolean skip = request.bool("SkipFinalSnapshot", false);
        String finalId = request.optional("FinalDBSnapshotIdentifier");
        RegionState state = region.state();
        DbInstance removed = state.locked(() -> {
            DbInstance instance = CreateSnapshotActions.existingInstance(state, instanceId);
            boolean clusterMember = instance.dbClusterIdentifier() != null;
            // RDS API reference, DeleteDBInstance: a read replica or an RDS Custom instance must skip the final
            // snapshot, and so must an instance in a failure state; an Aurora member has none (the cluster has).
            if (!skip && !clusterMember) {
                if (instance.readReplicaSourceDBInstanceIdentifier() != null || instance.isRdsCustom()) {
                    throw QueryError.invalidCombination("SkipFinalSnapshot must be true to delete the read replica"
                            + " or RDS Custom DB instance " + instance.identifier());
                }
                if (FAILURE_STATES.contains(instance.status())) {
                    throw new QueryError(FakeError.INVALID_DB_INSTANCE_STATE, "DB instance " + instance.identifier()
                            + " is in state " + instance.status() + ": it can only be deleted with SkipFinalSnapshot");
                }
            }
            if (clusterMember && finalId != null) {
                throw QueryError.invalidCombination("FinalDBSnapshotIdentifier doesn't apply to "
                        + instance.identifier() + ", an instance of DB cluster " + instance.dbClusterIdentifier()
                        + ": snapshot the cluster");
            }
            checkFinalSnapshotParameters(skip || clusterMember, finalId, instance.identifier());
            if (finalId != null) {
                Map<String, String> tags = instance.copyTagsToSnapshot() ? instance.tags() : Map.of();
                state.putDbSnapshot(finalSnapshot(state, region.manualSnapshotQuota(), finalId,
                        SnapshotFactory.of(instance, ResourceStore.key(finalId), "manual", SnapshotStatus.AVAILABLE,
                                state.now(), TagRules.checkCount(tags, finalId), request.accessKeyId())));
            }
            if (clusterMember) {
                DbCluster cluster = state.clusters().get(instance.dbClusterIdentifier());
                if (cluster != null) {
                    List<String> members = new ArrayList<>(cluster.members());
                    members.remove(instance.identifier());
                    state.putDbCluster(cluster.withMembers(members));
                }
            }
            return state.removeDbInstance(instance.identifier(), request.accessKeyId());
        });
        ResourceXml.dbInstance(xml, removed.withStatus("deleting"));
    }

    void deleteDbCluster(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String clusterId = request.required("DBClusterIdentifier");
        boolean skip = request.bool("SkipFinalSnapshot", false);
        String finalId = request.optional("FinalDBSnapshotIdentifier");
        RegionState state = region.state();
        DbCluster removed = state.locked(() -> {
            DbCluster cluster = CreateSnapshotActions.existingCluster(state, clusterId);
            List<String> liveMembers = cluster.members().stream().filter(state.instances()::contains).toList();
            if (!cluster.isMultiAz() && !liveMembers.isEmpty()) {
                // Aurora keeps a cluster while it has instances (message as users report it; code documented).
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_STATE, "Cluster cannot be deleted, it still"
                        + " contains DB instances in non-deleting state: " + String.join(", ", liveMembers));
            }
            checkFinalSnapshotParameters(skip, finalId, cluster.identifier());
            if (finalId != null) {
                Map<String, String> tags = cluster.copyTagsToSnapshot() ? cluster.tags() : Map.of();
                DbClusterSnapshot snapshot = SnapshotFactory.of(cluster, ResourceStore.key(finalId), "manual",
                        SnapshotStatus.AVAILABLE, state.now(), TagRules.checkCount(tags, finalId),
                        request.accessKeyId());
                if (state.clusterSnapshots().contains(finalId)) {
                    throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_ALREADY_EXISTS, "Cannot create the cluster"
                            + " snapshot because one with the identifier " + finalId + " already exists.");
                }
                SnapshotQuotas.checkManual(state.clusterSnapshots(), region.manualClusterSnapshotQuota());
                state.putDbClusterSnapshot(snapshot);
            }
            // A Multi-AZ DB cluster's instances go with it.
            liveMembers.forEach(member -> state.removeDbInstance(member, request.accessKeyId()));
            return state.removeDbCluster(cluster.identifier(), request.accessKeyId());
        });
        ResourceXml.dbCluster(xml, removed.toBuilder().status("deleting").build());
    }

    /**
     * RDS API reference, DeleteDBInstance and DeleteDBCluster: without SkipFinalSnapshot a FinalDBSnapshotIdentifier
     * is required; with it, naming one is an error. The reference gives no code: InvalidParameterCombination.
     */
    private static void checkFinalSnapshotParameters(boolean skip, String finalId, String database) {
        if (skip && finalId != null) {
            throw QueryError.invalidCombination("FinalDBSnapshotIdentifier can't be specified together with"
                    + " SkipFinalSnapshot (deleting " + database + ")");
        }
        if (!skip && finalId == null) {
            throw QueryError.invalidCombination("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is"
                    + " specified (deleting " + database + ")");
        }
        if (finalId != null) {
            CopyRules.checkTargetIdentifier("FinalDBSnapshotIdentifier", finalId,
                    MAX_FINAL_SNAPSHOT_IDENTIFIER_LENGTH);
        }
    }

    private static DbSnapshot finalSnapshot(RegionState state, int quota, String finalId, DbSnapshot snapshot) {
        if (state.snapshots().contains(finalId)) {
            throw new QueryError(FakeError.DB_SNAPSHOT_ALREADY_EXISTS, "Cannot create the snapshot because a"
                    + " snapshot with the identifier " + finalId + " already exists.");
        }
        SnapshotQuotas.checkManual(state.snapshots(), quota);
        return snapshot;
    }
}
