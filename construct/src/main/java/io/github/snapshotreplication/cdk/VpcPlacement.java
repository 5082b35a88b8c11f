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
 * Places a function in {@code vpc}. Without {@code securityGroups} the function's own security group allows
 * outbound HTTPS only: the functions call the RDS API and nothing else. See README, "Network path".
 */
final class VpcPlacement {

    static final String NO_EGRESS = "snapshot-replication:no-egress";

    private VpcPlacement() {
    }

    /**
     * Sets the VPC, subnets and security groups on the function's builder, and warns about isolated subnets when the
     * function must reach another region.
     *
     * @param scope        the construct that warns
     * @param builder      the function's builder
     * @param options      the props; nothing is set without {@code vpc}
     * @param remoteRegion a region whose RDS API the function calls besides its own, or {@code null} when it calls
     *                     its own region's only (an interface endpoint then suffices, so isolated subnets are fine)
     */
    static void configure(Construct scope, Function.Builder builder, FunctionOptions options, String remoteRegion) {
        if (options.getVpc() == null) {
            return;
        }
        if (remoteRegion != null) {
            warnWithoutEgress(scope, options, remoteRegion);
        }
        builder.vpc(options.getVpc()).vpcSubnets(options.getVpcSubnets());
        if (options.getSecurityGroups() == null) {
            builder.allowAllOutbound(false);
        } else {
            builder.securityGroups(options.getSecurityGroups());
        }
    }

    /**
     * Opens outbound HTTPS on the security group the function made for itself; given groups are left as they are.
     *
     * @param function    the function
     * @param options     the props
     * @param description the rule's description: what the function reaches
     */
    static void allowHttpsOut(Function function, FunctionOptions options, String description) {
        if (options.getVpc() != null && options.getSecurityGroups() == null) {
            function.getConnections().allowToAnyIpv4(Port.tcp(443), description);
        }
    }

    /**
     * Every selected subnet isolated: the stack region's RDS API is reachable only through an interface endpoint,
     * the remote region's not at all (endpoints serve their own region), so every copy would time out.
     */
    private static void warnWithoutEgress(Construct scope, FunctionOptions options, String remoteRegion) {
        IVpc vpc = options.getVpc();
        Set<String> isolated = vpc.getIsolatedSubnets().stream().map(ISubnet::getSubnetId)
                .collect(Collectors.toSet());
        List<ISubnet> selected = vpc.selectSubnets(options.getVpcSubnets()).getSubnets();
        if (!selected.isEmpty() && selected.stream().allMatch(s -> isolated.contains(s.getSubnetId()))) {
            Annotations.of(scope).addWarningV2(NO_EGRESS, "the function's subnets are isolated (no route to the"
                    + " internet): it can reach the RDS API of " + remoteRegion + " only through your own"
                    + " egress, since interface endpoints serve their own region only; select subnets with a NAT route"
                    + " (vpcSubnets), or acknowledge this warning if you route them otherwise");
        }
    }
}
