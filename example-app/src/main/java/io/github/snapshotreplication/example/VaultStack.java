package io.github.snapshotreplication.example;

import java.util.List;

import io.github.snapshotreplication.cdk.SnapshotVault;
import io.github.snapshotreplication.cdk.SnapshotVaultProps;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The vault account's stack: a {@link SnapshotVault} in eu-central-1, the region the {@link DatabaseStack} copies
 * its snapshots to, that keeps its own copies of them out of reach of the database account.
 *
 * <p>Deploy it first, with credentials of the vault account: the database account's replication shares every copy
 * with this account, and the vault's receipts let it apply its retention. Like the replication, the vault is set up
 * as a regulated workload needs it (cdk-nag packs and Control Tower controls pass on its resources). It calls only the
 * RDS API of its own region, so its VPC has no internet access at all: an interface endpoint serves that API.
 */
public class VaultStack extends Stack {

    private final SnapshotVault vault;

    /**
     * @param scope         the app
     * @param id            the stack name
     * @param props         the stack environment: the vault account and the replication's target region
     * @param sourceAccount the account of the {@link DatabaseStack}, whose copies the vault keeps
     */
    public VaultStack(Construct scope, String id, StackProps props, String sourceAccount) {
        super(scope, id, props);
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("Vault")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        Validations.of(vpc).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::W3010")
                .reason("the zones come from the availability-zones context of the account and region").build());
        vpc.addInterfaceEndpoint("Rds", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.RDS).build());
        Key logKey = Key.Builder.create(this, "LogKey")
                .description("Encrypts the logs of the snapshot vault")
                .enableKeyRotation(true)
                .build();
        Topic alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .masterKey(Key.Builder.create(this, "AlarmTopicKey")
                        .description("Encrypts the alarm notifications of the snapshot vault")
                        .enableKeyRotation(true)
                        .build())
                .enforceSsl(true)
                .build();
        vault = new SnapshotVault(this, "SnapshotVault", SnapshotVaultProps.builder()
                .sourceAccounts(List.of(sourceAccount))
                // The replication copies Aurora cluster snapshots too.
                .includeAurora(true)
                .vpc(vpc)
                .logEncryptionKey(logKey)
                // One sweep at a time; needs an account concurrency quota above 10.
                .reservedConcurrentExecutions(1)
                .tracing(Tracing.ACTIVE)
                .alarmTopic(alarmTopic)
                .build());
    }

    /** @return the vault, for tests */
    public SnapshotVault getVault() {
        return vault;
    }
}
