package io.github.snapshotreplication.cdk;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Places the function in {@code vpc}. Without {@code securityGroups} the function's own security group allows
 * outbound HTTPS only: the function calls the RDS API of two regions and nothing else. See README, "Network path".
 */
final class VpcPlacement {

    static final String NO_EGRESS = "snapshot-replication:no-egress";

    private VpcPlacement() {
    }

    /**
     * Sets the VPC, subnets and security groups on the function's builder, and warns about isolated subnets.
     *
     * @param scope   the construct that warns
     * @param builder the function's builder
     * @param props   the props; nothing is set without {@code vpc}
     */
    static void configure(Construct scope, Function.Builder builder, CrossRegionSnapshotReplicationProps props) {
        if (props.getVpc() == null) {
            return;
        }
        warnWithoutEgress(scope, props);
        builder.vpc(props.getVpc()).vpcSubnets(props.getVpcSubnets());
        if (props.getSecurityGroups() == null) {
            builder.allowAllOutbound(false);
        } else {
            builder.securityGroups(props.getSecurityGroups());
        }
    }

    /**
     * Opens outbound HTTPS on the security group the function made for itself; given groups are left as they are.
     *
     * @param function the function
     * @param props    the props
     */
    static void allowHttpsOut(Function function, CrossRegionSnapshotReplicationProps props) {
        if (props.getVpc() != null && props.getSecurityGroups() == null) {
            function.getConnections().allowToAnyIpv4(Port.tcp(443), "HTTPS to the RDS API of both regions");
        }
    }

    /**
     * Every selected subnet isolated: the source region's RDS API is reachable only through an interface endpoint,
     * the target region's not at all (endpoints serve their own region), so every copy would time out.
     */
    private static void warnWithoutEgress(Construct scope, CrossRegionSnapshotReplicationProps props) {
        IVpc vpc = props.getVpc();
        Set<String> isolated = vpc.getIsolatedSubnets().stream().map(ISubnet::getSubnetId)
                .collect(Collectors.toSet());
        List<ISubnet> selected = vpc.selectSubnets(props.getVpcSubnets()).getSubnets();
        if (!selected.isEmpty() && selected.stream().allMatch(s -> isolated.contains(s.getSubnetId()))) {
            Annotations.of(scope).addWarningV2(NO_EGRESS, "the function's subnets are isolated (no route to the"
                    + " internet): it can reach the RDS API of " + props.getTargetRegion() + " only through your own"
                    + " egress, since interface endpoints serve their own region only; select subnets with a NAT route"
                    + " (vpcSubnets), or acknowledge this warning if you route them otherwise");
        }
    }
}
