package io.github.snapshotreplication.cdk;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * The props that {@link CrossRegionSnapshotReplicationProps} and {@link SnapshotVaultProps} share, with the same
 * names and meaning: where the function runs, its logs, its limits, its schedule and who its alarms notify. The
 * helpers that build those parts read them through this interface, so both constructs build them alike.
 * Package-private: users see the getters on the props classes, documented there.
 */
interface FunctionOptions {

    Schedule getSchedule();

    RetentionDays getLogRetention();

    IKey getLogEncryptionKey();

    Architecture getArchitecture();

    Number getMemorySize();

    Number getReservedConcurrentExecutions();

    Tracing getTracing();

    IVpc getVpc();

    SubnetSelection getVpcSubnets();

    List<ISecurityGroup> getSecurityGroups();

    Duration getRecoveryPointAgeThreshold();

    ITopic getAlarmTopic();

    IAlarmAction getAlarmAction();

    boolean isCreateCopyFailuresAlarm();

    boolean isCreateDeadLetterQueueAlarm();

    boolean isCreateFunctionErrorsAlarm();

    boolean isCreateRecoveryPointAlarms();

    boolean isCreateSweepOverdueAlarm();

    boolean isCreateDashboard();

    boolean isDryRun();

    boolean isIncludeAurora();
}
