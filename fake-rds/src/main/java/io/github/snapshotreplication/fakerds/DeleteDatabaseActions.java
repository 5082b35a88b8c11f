package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * DeleteDBInstance and DeleteDBCluster. The database is {@code deleting} for the region's delete time (zero by
 * default: gone at once; the answer shows it {@code deleting}); a final snapshot is made first, {@code available} at
 * once. DeleteAutomatedBackups is ignored: automated snapshots stay (README: what it does not model).
 */
final class DeleteDatabaseActions {

    private static final int MAX_FINAL_SNAPSHOT_IDENTIFIER_LENGTH = 255;
    /**
     * RDS API reference, DeleteDBInstance SkipFinalSnapshot: in the failed, incompatible-restore and
     * incompatible-network states an instance can only be deleted without a final snapshot; RDS can't take one of a
     * database still {@code creating} or of one whose KMS key it can't reach either (the fake's reading).
     */
    private static final Set<String> NO_FINAL_SNAPSHOT_STATES = Set.of("failed", "incompatible-restore",
            "incompatible-network", DatabaseLifecycle.CREATING, DatabaseLifecycle.INACCESSIBLE_KEY);

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
            if (DatabaseLifecycle.DELETING.equals(instance.status())) {
                throw new QueryError(FakeError.INVALID_DB_INSTANCE_STATE, "Instance " + instance.identifier()
                        + " is already being deleted.");
            }
            checkDeletionProtection(instance.deletionProtection(), "DB Instance");
            boolean clusterMember = instance.dbClusterIdentifier() != null;
            // RDS API reference, DeleteDBInstance: a read replica or an RDS Custom instance must skip the final
            // snapshot, and so must an instance in a failure state; an Aurora member has none (the cluster has).
            if (!skip && !clusterMember) {
                if (instance.readReplicaSourceDBInstanceIdentifier() != null || instance.isRdsCustom()) {
                    throw QueryError.invalidCombination("SkipFinalSnapshot must be true to delete the read replica"
                            + " or RDS Custom DB instance " + instance.identifier());
                }
                checkFinalSnapshotState(instance.status(), instance.identifier(), FakeError.INVALID_DB_INSTANCE_STATE);
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
            return region.lifecycle().delete(instance, request.accessKeyId());
        });
        ResourceXml.dbInstance(xml, removed);
    }

    void deleteDbCluster(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String clusterId = request.required("DBClusterIdentifier");
        boolean skip = request.bool("SkipFinalSnapshot", false);
        String finalId = request.optional("FinalDBSnapshotIdentifier");
        RegionState state = region.state();
        DbCluster removed = state.locked(() -> {
            DbCluster cluster = CreateSnapshotActions.existingCluster(state, clusterId);
            if (DatabaseLifecycle.DELETING.equals(cluster.status())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_STATE, "Cluster " + cluster.identifier()
                        + " is already being deleted.");
            }
            checkDeletionProtection(cluster.deletionProtection(), "Cluster");
            List<DbInstance> liveMembers = cluster.members().stream().map(state.instances()::get)
                    .filter(Objects::nonNull).toList();
            List<String> notDeleting = liveMembers.stream()
                    .filter(i -> !DatabaseLifecycle.DELETING.equals(i.status())).map(DbInstance::identifier).toList();
            if (!cluster.isMultiAz() && !notDeleting.isEmpty()) {
                // RDS API reference, DeleteDBCluster Errors: InvalidDBClusterStateFault; Aurora keeps a cluster while
                // it has instances not being deleted (message as users report it).
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_STATE, "Cluster cannot be deleted, it still"
                        + " contains DB instances in non-deleting state: " + String.join(", ", notDeleting));
            }
            checkFinalSnapshotParameters(skip, finalId, cluster.identifier());
            if (finalId != null) {
                checkFinalSnapshotState(cluster.status(), cluster.identifier(), FakeError.INVALID_DB_CLUSTER_STATE);
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
            liveMembers.stream().filter(i -> !DatabaseLifecycle.DELETING.equals(i.status()))
                    .forEach(member -> region.lifecycle().delete(member, request.accessKeyId()));
            return region.lifecycle().delete(state.clusters().get(cluster.identifier()), request.accessKeyId());
        });
        ResourceXml.dbCluster(xml, removed);
    }

    /**
     * RDS API reference, DeleteDBInstance and DeleteDBCluster: "You can't delete a DB instance (cluster) when
     * deletion protection is enabled". No code is documented; users report InvalidParameterCombination "Cannot delete
     * protected DB Instance, please disable deletion protection and try again."
     */
    private static void checkDeletionProtection(boolean protectedDatabase, String what) {
        if (protectedDatabase) {
            throw QueryError.invalidCombination("Cannot delete protected " + what
                    + ", please disable deletion protection and try again.");
        }
    }

    /** A final snapshot needs a database RDS can snapshot (README: assumptions for the error code). */
    private static void checkFinalSnapshotState(String status, String database, FakeError error) {
        if (NO_FINAL_SNAPSHOT_STATES.contains(status)) {
            throw new QueryError(error, "Database " + database + " is in state " + status
                    + ": a final snapshot cannot be taken; it can only be deleted with SkipFinalSnapshot");
        }
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
