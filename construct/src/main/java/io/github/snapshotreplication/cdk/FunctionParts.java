package io.github.snapshotreplication.cdk;

import java.util.Map;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.RedriveAllowPolicy;
import software.amazon.awscdk.services.sqs.RedrivePermission;
import software.constructs.Construct;

/**
 * The parts that the replication function and the vault function are built from alike, under the same child ids:
 * the dead-letter queue, the log group, the role, the function's common settings and the sweep interval the alarms
 * are derived from.
 */
final class FunctionParts {

    static final String UNKNOWN_SCHEDULE_INTERVAL = "snapshot-replication:unknown-schedule-interval";

    /** A run is allowed 15 minutes, the Lambda maximum. */
    static final Duration TIMEOUT = Duration.minutes(15);
    private static final Duration DEFAULT_SWEEP_INTERVAL = Duration.days(1);

    private FunctionParts() {
    }

    /**
     * The dead-letter queue of the function and of its triggers. Declaring it a dead-letter queue ({@code allowAll},
     * which is what SQS assumes when no redrive-allow policy is set) satisfies Control Tower's CT.SQS.PR.1 for a
     * queue that needs no dead-letter queue of its own.
     *
     * @param scope the construct; the queue's id is {@code Dlq}
     * @return the queue
     */
    static Queue deadLetterQueue(Construct scope) {
        return Queue.Builder.create(scope, "Dlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .redriveAllowPolicy(RedriveAllowPolicy.builder()
                        .redrivePermission(RedrivePermission.ALLOW_ALL)
                        .build())
                .build();
    }

    /**
     * The function's log group, encrypted with {@code logEncryptionKey} when given, whose policy then lets CloudWatch
     * Logs use it.
     *
     * @param scope   the construct; the log group's id is {@code LogGroup}
     * @param options the props
     * @return the log group
     */
    static LogGroup logGroup(Construct scope, FunctionOptions options) {
        LogGroup group = LogGroup.Builder.create(scope, "LogGroup")
                .retention(options.getLogRetention())
                .encryptionKey(options.getLogEncryptionKey())
                .build();
        if (options.getLogEncryptionKey() != null) {
            ServiceKeyAccess.forCloudWatchLogs(scope, options.getLogEncryptionKey());
        }
        return group;
    }

    /**
     * The function's role: assumed by Lambda only; its permissions live in customer managed policies.
     *
     * @param scope       the construct; the role's id is {@code Role}
     * @param description what the role does
     * @return the role
     */
    static Role role(Construct scope, String description) {
        return Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
    }

    /**
     * A builder of the function with every setting the two functions share: runtime {@code java25} (the newest Java
     * runtime of aws-cdk-lib; cdk-nag's L1 rule asks for it), the embedded jar, JSON logs into {@code logGroup}, the
     * dead-letter queue, the role without policy updates (so that no inline policy is created), and the props'
     * architecture, memory, reserved concurrency and tracing.
     *
     * @param scope           the construct; the function's id is {@code Function}
     * @param options         the props
     * @param handler         the handler, from {@code LambdaArtifact}
     * @param role            the role
     * @param logGroup        the log group
     * @param deadLetterQueue the dead-letter queue
     * @param environment     the environment variables
     * @param description     what the function does
     * @return the builder, to add what only one of the functions has
     */
    static Function.Builder function(Construct scope, FunctionOptions options, String handler, Role role,
                                     LogGroup logGroup, Queue deadLetterQueue, Map<String, String> environment,
                                     String description) {
        return Function.Builder.create(scope, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(options.getArchitecture())
                .handler(handler)
                .code(LambdaJarAsset.code())
                .memorySize(options.getMemorySize())
                .timeout(TIMEOUT)
                .role(role.withoutPolicyUpdates())
                .environment(environment)
                .loggingFormat(LoggingFormat.JSON)
                .logGroup(logGroup)
                .deadLetterQueue(deadLetterQueue)
                .reservedConcurrentExecutions(options.getReservedConcurrentExecutions())
                .tracing(options.getTracing())
                .description(description);
    }

    /**
     * How often the schedule runs, for the alarm windows; when the expression cannot be read, a warning says so and
     * daily runs are assumed.
     *
     * @param scope   the construct that warns
     * @param options the props
     * @return the interval
     */
    static Duration sweepInterval(Construct scope, FunctionOptions options) {
        return ScheduleInterval.of(options.getSchedule()).orElseGet(() -> {
            Annotations.of(scope).addWarningV2(UNKNOWN_SCHEDULE_INTERVAL, "cannot tell how often the schedule runs;"
                    + " the alarms assume daily sweeps. Set recoveryPointAgeThreshold to match it");
            return DEFAULT_SWEEP_INTERVAL;
        });
    }

    /**
     * @param options  the props
     * @param interval how often the sweep runs
     * @return {@code recoveryPointAgeThreshold}, or twice the interval but at least 2 days
     */
    static Duration recoveryPointAgeThreshold(FunctionOptions options, Duration interval) {
        return options.getRecoveryPointAgeThreshold() != null ? options.getRecoveryPointAgeThreshold()
                : Duration.seconds(Math.max(Duration.days(2).toSeconds().doubleValue(),
                        2 * interval.toSeconds().doubleValue()));
    }
}
