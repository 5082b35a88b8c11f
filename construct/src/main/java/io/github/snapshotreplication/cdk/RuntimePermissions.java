package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * The statements the Lambda service needs from the function's role to run it: write its logs, send failed events to
 * the dead-letter queue, manage its network interfaces in a VPC, and send X-Ray traces. Each has a {@code Sid}.
 *
 * <p>aws-cdk-lib's {@code Function} would add the first ones to the role's inline default policy; this construct
 * keeps every statement in one customer managed policy instead, so they are written here. The VPC actions are those
 * of the AWS managed policy {@code AWSLambdaVPCAccessExecutionRole} without its log actions; like it, they name
 * {@code *}, because {@code ec2:DescribeNetworkInterfaces} works on all resources only and the interfaces Lambda
 * creates are unknown at synth time.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html">Giving Lambda functions
 *     access to resources in an Amazon VPC</a>
 */
final class RuntimePermissions {

    static final List<String> VPC_ACTIONS = List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses");
    static final List<String> XRAY_ACTIONS = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");

    private RuntimePermissions() {
    }

    /**
     * @param logGroup        the function's log group
     * @param deadLetterQueue the dead-letter queue of failed asynchronous invocations
     * @param inVpc           whether the function is placed in a VPC
     * @param tracing         the function's tracing mode
     * @return the statements, in a stable order
     */
    static List<PolicyStatement> statements(ILogGroup logGroup, IQueue deadLetterQueue, boolean inVpc,
                                            Tracing tracing) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(allow("WriteFunctionLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                logGroup.getLogGroupArn()));
        statements.add(allow("SendFailedEventsToDeadLetterQueue", List.of("sqs:SendMessage"),
                deadLetterQueue.getQueueArn()));
        if (inVpc) {
            statements.add(allow("ManageVpcNetworkInterfaces", VPC_ACTIONS, "*"));
        }
        if (tracing != Tracing.DISABLED) {
            statements.add(allow("WriteXRayTraces", XRAY_ACTIONS, "*"));
        }
        return statements;
    }

    private static PolicyStatement allow(String sid, List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build();
    }
}
