package io.github.snapshotreplication.fakerds;

import java.util.Map;

/** DescribeDBInstances and DescribeDBClusters (read-only: the fake does not create or modify databases). */
final class InstanceActions {

    private static final Describe<DbInstance> DESCRIBE_INSTANCES = new Describe<>(new Describe.Spec<>(
            "DBInstanceIdentifier", "db-instance-id", "db", FakeError.DB_INSTANCE_NOT_FOUND,
            "DBInstance %s not found.", null, null, null, null,
            Map.of("db-cluster-id", DbInstance::dbClusterIdentifier, "engine", DbInstance::engine), null));

    private static final Describe<DbCluster> DESCRIBE_CLUSTERS = new Describe<>(new Describe.Spec<>(
            "DBClusterIdentifier", "db-cluster-id", "cluster", FakeError.DB_CLUSTER_NOT_FOUND,
            "DBCluster %s not found.", null, null, null, null, Map.of("engine", DbCluster::engine), null));

    private final Accounts accounts;

    InstanceActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void describeInstances(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        ResourceStore.Page<DbInstance> page = DESCRIBE_INSTANCES.run(request, region, region.state().instances());
        xml.start("DBInstances");
        page.items().forEach(i -> ResourceXml.dbInstance(xml, i));
        xml.end();
        Describe.writeMarker(xml, page.nextKey());
    }

    void describeClusters(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        ResourceStore.Page<DbCluster> page = DESCRIBE_CLUSTERS.run(request, region, region.state().clusters());
        xml.start("DBClusters");
        page.items().forEach(c -> ResourceXml.dbCluster(xml, c));
        xml.end();
        Describe.writeMarker(xml, page.nextKey());
    }
}
