package io.github.snapshotreplication.example;

import java.util.List;

import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplication;
import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplicationProps;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.constructs.Construct;

/**
 * An existing-looking database stack: a VPC, an RDS for PostgreSQL instance and an Aurora PostgreSQL cluster, whose
 * snapshots are kept in eu-central-1 by the five lines at the end of the constructor.
 */
public class DatabaseStack extends Stack {

    /** KMS key in eu-central-1 that encrypts the copies (create it there first; this one is a placeholder). */
    static final String TARGET_KEY_ID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private final CrossRegionSnapshotReplication replication;

    /**
     * @param scope the app
     * @param id    the stack name
     * @param props the stack environment
     */
    public DatabaseStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("Databases").subnetType(SubnetType.PRIVATE_ISOLATED).build()))
                .build();
        // A VPC in a concrete environment names its zones; that is what the zone lookup (cdk.context.json) is for.
        Validations.of(vpc).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::W3010")
                .reason("the zones come from the availability-zones context of the account and region").build());
        SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        DatabaseInstance.Builder.create(this, "OrdersDb")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_17).build()))
                .instanceType(InstanceType.of(InstanceClass.T4G, InstanceSize.MEDIUM))
                .vpc(vpc).vpcSubnets(isolated)
                .storageEncrypted(true)
                .backupRetention(Duration.days(7))
                .build();
        DatabaseCluster.Builder.create(this, "BillingCluster")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_17_7).build()))
                .writer(ClusterInstance.provisioned("Writer"))
                .vpc(vpc).vpcSubnets(isolated)
                .storageEncrypted(true)
                .build();

        replication = new CrossRegionSnapshotReplication(this, "SnapshotReplication",
                CrossRegionSnapshotReplicationProps.builder()
                        .targetRegion("eu-central-1")
                        .targetKey(Key.fromKeyArn(this, "TargetKey",
                                "arn:aws:kms:eu-central-1:" + getAccount() + ":key/" + TARGET_KEY_ID))
                        .includeAurora(true)
                        .build());
    }

    /** @return the replication construct, for tests */
    public CrossRegionSnapshotReplication getReplication() {
        return replication;
    }
}
