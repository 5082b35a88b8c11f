package io.github.snapshotreplication.example;

import java.util.List;

import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplication;
import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplicationProps;
import io.github.snapshotreplication.cdk.RestoreDrillOptions;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Annotations;
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
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * An existing-looking database stack: a VPC, an RDS for PostgreSQL instance and an Aurora PostgreSQL cluster, whose
 * snapshots are kept in eu-central-1 by the replication at the end of the constructor, and copied from there into the
 * vault account of {@link VaultStack}.
 *
 * <p>The replication is set up as a regulated workload needs it, so that the cdk-nag packs (AwsSolutions, HIPAA,
 * NIST 800-53 R5, PCI DSS, Serverless) and the Control Tower proactive controls pass on its resources: the function
 * runs in subnets whose NAT gateway reaches the RDS API of both regions, its logs are encrypted with a key of this
 * account, its concurrency is reserved, it is traced, and its alarms notify an encrypted topic.
 */
public class DatabaseStack extends Stack {

    /**
     * KMS key in eu-central-1 that encrypts the copies (create it there first; this one is a placeholder). Its policy
     * needs the statement of {@code CrossRegionSnapshotReplication.vaultKeyAccess} for the vault account.
     */
    static final String TARGET_KEY_ID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    /** Subnets of the replication function: private, with a route to the NAT gateway. */
    static final String REPLICATION_SUBNETS = "Replication";
    /** Placeholder: a DB subnet group of private subnets in the target region, for the restore drill. */
    static final String DRILL_SUBNET_GROUP = "example-drill-subnet-group";
    /** Placeholder: the example id of the AWS documentation; use a group without inbound rules of your VPC. */
    static final String DRILL_SECURITY_GROUP = "sg-0123456789abcdef0";

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
                // The function calls the RDS API of eu-central-1 too; interface endpoints serve their own region
                // only, so that call leaves through a NAT gateway.
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("Databases").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(24).build(),
                        SubnetConfiguration.builder().name(REPLICATION_SUBNETS)
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("Egress").subnetType(SubnetType.PUBLIC).cidrMask(24)
                                .build()))
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

        Key logKey = Key.Builder.create(this, "LogKey")
                .description("Encrypts the logs of the snapshot replication")
                .enableKeyRotation(true)
                .build();
        Topic alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .masterKey(Key.Builder.create(this, "AlarmTopicKey")
                        .description("Encrypts the alarm notifications of the snapshot replication")
                        .enableKeyRotation(true)
                        .build())
                .enforceSsl(true)
                .build();
        replication = new CrossRegionSnapshotReplication(this, "SnapshotReplication",
                CrossRegionSnapshotReplicationProps.builder()
                        .targetRegion(ExampleApp.TARGET_REGION)
                        .targetKey(Key.fromKeyArn(this, "TargetKey",
                                "arn:aws:kms:" + ExampleApp.TARGET_REGION + ":" + getAccount() + ":key/"
                                        + TARGET_KEY_ID))
                        .includeAurora(true)
                        .vpc(vpc)
                        .vpcSubnets(SubnetSelection.builder().subnetGroupName(REPLICATION_SUBNETS).build())
                        .logEncryptionKey(logKey)
                        // Needs an account concurrency quota above 10: Lambda keeps 10 executions unreserved.
                        .reservedConcurrentExecutions(2)
                        .tracing(Tracing.ACTIVE)
                        .alarmTopic(alarmTopic)
                        // Every copy is also kept by the vault of VaultStack, in an account of its own.
                        .vaultAccount(ExampleApp.VAULT_ACCOUNT)
                        // A weekly restore drill in the target region. Placeholders: name a DB subnet group with
                        // private subnets and a security group without inbound rules of your target region's VPC.
                        .restoreDrill(RestoreDrillOptions.builder()
                                .subnetGroupName(DRILL_SUBNET_GROUP)
                                .securityGroupIds(List.of(DRILL_SECURITY_GROUP))
                                .build())
                        .build());
        // The target key is imported, so the vault's statement goes into its key policy where the key is managed:
        // CrossRegionSnapshotReplication.vaultKeyAccess(VAULT_ACCOUNT, TARGET_REGION) (README, "Vault account").
        Annotations.of(replication).acknowledgeWarning("snapshot-replication:target-key-vault-policy",
                "the vault statement is added to the target key's policy where that key is managed");
    }

    /** @return the replication construct, for tests */
    public CrossRegionSnapshotReplication getReplication() {
        return replication;
    }
}
