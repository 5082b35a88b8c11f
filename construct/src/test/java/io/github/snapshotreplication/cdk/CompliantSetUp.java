package io.github.snapshotreplication.cdk;

import java.util.List;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sns.Topic;

/** The constructs with every compliance prop set, as the README's "Compliance" and "Vault account" show them. */
final class CompliantSetUp {

    private CompliantSetUp() {
    }

    /**
     * Defines, in {@code stack}, a VPC with NAT egress, a log key, an on-call topic and the construct that uses them.
     *
     * @param stack the stack
     * @param props further props; the compliance props are set on top
     * @return the construct, id "Replication"
     */
    static CrossRegionSnapshotReplication define(Stack stack, CrossRegionSnapshotReplicationProps.Builder props) {
        Vpc vpc = Vpc.Builder.create(stack, "Vpc")
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).build(),
                        SubnetConfiguration.builder().name("Replication")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
                .build();
        return new CrossRegionSnapshotReplication(stack, "Replication", props
                .vpc(vpc)
                .logEncryptionKey(logKey(stack))
                .reservedConcurrentExecutions(2)
                .tracing(Tracing.ACTIVE)
                .alarmTopic(onCallTopic(stack))
                .build());
    }

    /**
     * Defines, in {@code stack}, a VPC without internet access but with an interface endpoint of the region's RDS API
     * (all the vault function calls), a log key, an on-call topic and a vault that uses them.
     *
     * @param stack the vault account's stack
     * @param props further props; the compliance props are set on top
     * @return the vault, id "Vault"
     */
    static SnapshotVault defineVault(Stack stack, SnapshotVaultProps.Builder props) {
        Vpc vpc = Vpc.Builder.create(stack, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("Vault")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).build()))
                .build();
        vpc.addInterfaceEndpoint("Rds", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.RDS).build());
        return new SnapshotVault(stack, "Vault", props
                .vpc(vpc)
                .logEncryptionKey(logKey(stack))
                .reservedConcurrentExecutions(1)
                .tracing(Tracing.ACTIVE)
                .alarmTopic(onCallTopic(stack))
                .build());
    }

    private static Key logKey(Stack stack) {
        return Key.Builder.create(stack, "LogKey").enableKeyRotation(true).build();
    }

    /** An on-call topic encrypted with a key of its own, TLS only. */
    private static Topic onCallTopic(Stack stack) {
        return Topic.Builder.create(stack, "OnCall")
                .masterKey(Key.Builder.create(stack, "OnCallKey").enableKeyRotation(true).build())
                .enforceSsl(true)
                .build();
    }
}
