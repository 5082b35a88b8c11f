package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Filter;

/** The facts about databases the engine reads, as the SDK parses them from DescribeDBInstances/DBClusters. */
class DatabaseFactsTest {

    private FakeRdsServer rds;
    private RdsClient client;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        client = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE);
    }

    @AfterEach
    void stop() {
        client.close();
        rds.close();
    }

    @Test
    void instancesShowBackupsReplicasCopyTagsClassStorageSubnetAndOptionGroup() {
        rds.region(Sdk.SOURCE)
                .addDbInstance(DbInstance.builder().identifier("orders-db").dbInstanceClass("db.r6g.large")
                        .allocatedStorage(100).dbSubnetGroupName("private").optionGroupName("default:postgres-16")
                        .copyTagsToSnapshot(true).build())
                .addDbInstance(DbInstance.builder().identifier("orders-replica")
                        .readReplicaSourceDBInstanceIdentifier("orders-db").backupRetentionPeriod(0).build())
                .addDbInstance(DbInstance.builder().identifier("ledger").engine("custom-oracle-ee")
                        .engineVersion("19.my_cev1").build());

        DBInstance orders = describe("orders-db");
        DBInstance replica = describe("orders-replica");
        DBInstance ledger = describe("ledger");

        assertThat(orders.backupRetentionPeriod()).isEqualTo(7);
        assertThat(orders.copyTagsToSnapshot()).isTrue();
        assertThat(orders.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(orders.allocatedStorage()).isEqualTo(100);
        assertThat(orders.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("private");
        assertThat(orders.optionGroupMemberships()).singleElement()
                .satisfies(m -> assertThat(m.optionGroupName()).isEqualTo("default:postgres-16"));
        assertThat(orders.readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(replica.readReplicaSourceDBInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(replica.backupRetentionPeriod()).isZero();
        assertThat(replica.copyTagsToSnapshot()).isFalse();
        assertThat(ledger.engine()).isEqualTo("custom-oracle-ee");
        assertThat(rds.region(Sdk.SOURCE).dbInstance("ledger").orElseThrow().isRdsCustom()).isTrue();
        assertThat(client.describeDBInstances(b -> b.filters(Filter.builder().name("engine")
                .values("custom-oracle-ee").build())).dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .containsExactly("ledger");
    }

    @Test
    void clustersShowMultiAzEnginesReplicaSourcesRetentionAndCopyTags() {
        String sourceArn = "arn:aws:rds:us-east-1:123456789012:cluster:billing";
        rds.region(Sdk.SOURCE)
                .addDbCluster(DbCluster.builder().identifier("billing-replica").replicationSourceIdentifier(sourceArn)
                        .backupRetentionPeriod(1).build())
                .addDbCluster(DbCluster.builder().identifier("orders-maz").engine("postgres").engineVersion("16.2")
                        .copyTagsToSnapshot(true).member("orders-maz-a").member("orders-maz-b").build());

        DBCluster replica = client.describeDBClusters(b -> b.dbClusterIdentifier("billing-replica")).dbClusters()
                .get(0);
        DBCluster multiAz = client.describeDBClusters(b -> b.dbClusterIdentifier("orders-maz")).dbClusters().get(0);

        assertThat(replica.replicationSourceIdentifier()).isEqualTo(sourceArn);
        assertThat(replica.backupRetentionPeriod()).isEqualTo(1);
        assertThat(replica.copyTagsToSnapshot()).isFalse();
        assertThat(multiAz.engine()).isEqualTo("postgres");
        assertThat(multiAz.copyTagsToSnapshot()).isTrue();
        assertThat(multiAz.backupRetentionPeriod()).isEqualTo(7);
        assertThat(rds.region(Sdk.SOURCE).dbCluster("orders-maz").orElseThrow().isMultiAz()).isTrue();
        assertThat(rds.region(Sdk.SOURCE).dbCluster("billing-replica").orElseThrow().isMultiAz()).isFalse();
    }

    private DBInstance describe(String id) {
        return client.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0);
    }
}
