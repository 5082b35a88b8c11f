package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.LambdaArtifact;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The restore drill's resources, under the child id {@code RestoreDrill}: a function of its own (the same jar, the
 * drill's handler), its log group, role and customer managed policy, and the two schedules that run it. Failed
 * invocations go to the replication's dead-letter queue.
 *
 * <p>Runs are safe side by side (the planner lets only advance runs finish drills, and RDS refuses a second drill of
 * the same name); the timeout, shorter than the advance interval, keeps two advance runs apart. Reserved
 * concurrency, which accounts with the default quota of 10 cannot give, is 1 only when the construct's own
 * {@code reservedConcurrentExecutions} is set.
 */
final class RestoreDrill extends Construct {

    /** With reserved concurrency at all: one run at a time. */
    static final int RESERVED_CONCURRENCY = 1;

    /** Shorter than the advance interval, so one advance run ends before the next starts. */
    static final Duration TIMEOUT = Duration.minutes(Invocations.DRILL_ADVANCE_INTERVAL_MINUTES - 1);

    final LogGroup logGroup;
    final Role role;
    final ManagedPolicy policy;
    final Function function;
    final Rule roundSchedule;
    final Rule advanceSchedule;

    /**
     * @param scope            the replication construct
     * @param props            the validated props, with {@code restoreDrill}
     * @param replicationId    the installation id
     * @param followUpRuleName the follow-up rule's name (the replication's environment names it)
     * @param deadLetterQueue  the replication's dead-letter queue
     */
    RestoreDrill(Construct scope, CrossRegionSnapshotReplicationProps props, String replicationId,
                 String followUpRuleName, Queue deadLetterQueue) {
        super(scope, "RestoreDrill");
        String target = props.getTargetRegion();
        logGroup = FunctionParts.logGroup(this, props);
        role = FunctionParts.role(this, "Restores copies in " + target + " into drill databases and deletes them");
        policy = definePolicy(props, replicationId, deadLetterQueue);
        function = defineFunction(props, replicationId, followUpRuleName, deadLetterQueue);
        roundSchedule = rule("RoundSchedule", "Starts a round of restore drills in " + target,
                props.getRestoreDrill().getSchedule(), Invocations.DRILL_ROUND, deadLetterQueue);
        advanceSchedule = rule("AdvanceSchedule", "Moves the restore drills in " + target + " on",
                Schedule.rate(Duration.minutes(Invocations.DRILL_ADVANCE_INTERVAL_MINUTES)), Invocations.DRILL_ADVANCE,
                deadLetterQueue);
        NagSuppressionMetadata.onDrillPolicy(policy, props.isIncludeAurora());
    }

    private ManagedPolicy definePolicy(CrossRegionSnapshotReplicationProps props, String replicationId,
                                       Queue deadLetterQueue) {
        IKey targetKey = props.getTargetKey();
        DrillPermissions permissions = new DrillPermissions(Stack.of(this), props.getTargetRegion(),
                props.isIncludeAurora(), replicationId, props.getRestoreDrill().getSubnetGroupName());
        List<PolicyStatement> statements = new ArrayList<>(permissions.statements(
                targetKey == null ? null : targetKey.getKeyArn()));
        statements.addAll(RuntimePermissions.statements(logGroup, deadLetterQueue, props.getVpc() != null,
                props.getTracing()));
        return ManagedPolicy.Builder.create(this, "Policy")
                .description("Restore drills in " + props.getTargetRegion() + " (" + replicationId + ")")
                .roles(List.of(role))
                .statements(statements)
                .build();
    }

    private Function defineFunction(CrossRegionSnapshotReplicationProps props, String replicationId,
                                    String followUpRuleName, Queue deadLetterQueue) {
        Function.Builder builder = FunctionParts.function(this, props, LambdaArtifact.DRILL_HANDLER, role, logGroup,
                        deadLetterQueue, LambdaEnvironment.ofDrill(Stack.of(this), props, replicationId,
                                followUpRuleName),
                        "Restore drills of snapshot copies in " + props.getTargetRegion() + " (" + replicationId + ")")
                .timeout(TIMEOUT)
                .reservedConcurrentExecutions(props.getReservedConcurrentExecutions() == null ? null
                        : RESERVED_CONCURRENCY);
        VpcPlacement.configure(this, builder, props, props.getTargetRegion());
        Function defined = builder.build();
        VpcPlacement.allowHttpsOut(defined, props, "HTTPS to the RDS API of both regions");
        // The role's permissions must exist before Lambda creates network interfaces.
        defined.getNode().addDependency(policy);
        return defined;
    }

    private Rule rule(String id, String description, Schedule schedule, String action, Queue deadLetterQueue) {
        return Rule.Builder.create(this, id)
                .description(description)
                .schedule(schedule)
                .targets(List.of(new LambdaFunction(function, LambdaFunctionProps.builder()
                        .event(RuleTargetInput.fromObject(new TreeMap<>(Map.of(Invocations.ACTION, action))))
                        .retryAttempts(2)
                        .deadLetterQueue(deadLetterQueue)
                        .build())))
                .build();
    }
}
