package io.github.snapshotreplication.cdk;

import java.util.List;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sns.Topic;

/** The construct with every compliance prop set, as the README's "Compliance" section shows it. */
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
        Key logKey = Key.Builder.create(stack, "LogKey").enableKeyRotation(true).build();
        Topic onCall = Topic.Builder.create(stack, "OnCall")
                .masterKey(Key.Builder.create(stack, "OnCallKey").enableKeyRotation(true).build())
                .enforceSsl(true)
                .build();
        return new CrossRegionSnapshotReplication(stack, "Replication", props
                .vpc(vpc)
                .logEncryptionKey(logKey)
                .reservedConcurrentExecutions(2)
                .tracing(Tracing.ACTIVE)
                .alarmTopic(onCall)
                .build());
    }
}
