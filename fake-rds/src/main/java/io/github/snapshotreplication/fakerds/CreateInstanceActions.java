package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateDBInstance into an Aurora DB cluster: the instance joins the cluster's DBClusterMembers at once and is
 * {@code creating} for the region's restore time (zero by default: {@code available} at once). RDS API reference,
 * CreateDBInstance (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html): for an
 * Aurora instance the engine version, storage, encryption, KMS key and VPC security groups are "managed by the DB
 * cluster", so the instance takes the cluster's. Standalone instances are not modelled (test code adds them).
 */
final class CreateInstanceActions {

    /** RDS API reference, DBInstance AllocatedStorage: Aurora instances report 1 (the cluster volume grows). */
    private static final int AURORA_ALLOCATED_STORAGE = 1;

    private final Accounts accounts;

    CreateInstanceActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void createDbInstance(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String instanceId = request.required("DBInstanceIdentifier");
        CopyRules.checkTargetIdentifier("DBInstanceIdentifier", instanceId,
                RestoreActions.MAX_DATABASE_IDENTIFIER_LENGTH);
        String instanceClass = request.required("DBInstanceClass");
        String engine = request.required("Engine");
        String clusterId = request.optional("DBClusterIdentifier");
        if (clusterId == null) {
            throw QueryError.invalidCombination("The fake models CreateDBInstance into a DB cluster only"
                    + " (DBClusterIdentifier); test code adds standalone instances with FakeRegion.addDbInstance");
        }
        Map<String, String> tags = TagRules.checkCount(TagRules.checkRequestTags(request.tags()), instanceId);
        DatabaseRules.checkSubnetGroup(region, request.optional("DBSubnetGroupName"));
        DatabaseRules.checkOptionGroup(region, request.optional("OptionGroupName"));
        RegionState state = region.state();
        DbInstance stored = state.locked(() -> {
            DbCluster cluster = state.clusters().get(clusterId);
            if (cluster == null) {
                throw new QueryError(FakeError.DB_CLUSTER_NOT_FOUND, "DBCluster " + clusterId + " not found.");
            }
            if (cluster.isMultiAz()) {
                throw QueryError.invalidCombination("The instances of the Multi-AZ DB cluster " + cluster.identifier()
                        + " are created by RDS, not by CreateDBInstance");
            }
            if (DatabaseLifecycle.DELETING.equals(cluster.status())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_STATE, "DB cluster " + cluster.identifier()
                        + " is being deleted.");
            }
            // The message users report when the engines differ; the reference names no code for it.
            if (!engine.equals(cluster.engine())) {
                throw QueryError.invalidCombination("The engine name requested for your DB instance (" + engine
                        + ") doesn't match the engine name of your DB cluster (" + cluster.engine() + ").");
            }
            if (state.instances().contains(instanceId)) {
                throw new QueryError(FakeError.DB_INSTANCE_ALREADY_EXISTS, "DB instance already exists: "
                        + instanceId);
            }
            DatabaseRules.checkEngineVersion(region, engine, cluster.engineVersion());
            DatabaseRules.checkInstanceQuotas(region, AURORA_ALLOCATED_STORAGE);
            List<String> members = new ArrayList<>(cluster.members());
            members.add(ResourceStore.key(instanceId));
            state.putDbCluster(cluster.withMembers(members));
            return region.lifecycle().created(DbInstance.builder()
                    .identifier(ResourceStore.key(instanceId))
                    .engine(engine)
                    .engineVersion(cluster.engineVersion())
                    .dbInstanceClass(instanceClass)
                    .allocatedStorage(AURORA_ALLOCATED_STORAGE)
                    .dbClusterIdentifier(cluster.identifier())
                    .dbSubnetGroupName(request.optional("DBSubnetGroupName") != null
                            ? request.optional("DBSubnetGroupName") : cluster.dbSubnetGroupName())
                    .optionGroupName(request.optional("OptionGroupName"))
                    .dbParameterGroupName(request.optional("DBParameterGroupName"))
                    .vpcSecurityGroupIds(cluster.vpcSecurityGroupIds())
                    .publiclyAccessible(request.bool("PubliclyAccessible", false))
                    .backupRetentionPeriod(cluster.backupRetentionPeriod())
                    .copyTagsToSnapshot(cluster.copyTagsToSnapshot())
                    .storageEncrypted(cluster.storageEncrypted())
                    .kmsKeyId(cluster.kmsKeyId())
                    .deletionProtection(false)
                    .instanceCreateTime(state.now())
                    .tags(tags)
                    .createdBy(request.accessKeyId())
                    .build());
        });
        ResourceXml.dbInstance(xml, stored);
    }
}
