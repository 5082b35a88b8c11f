package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.contract.Settings;
import io.github.snapshotreplication.contract.LambdaArtifact;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;

class ResourcesTest {

    private final Template instancesOnly = template(props().build());

    @Test
    void definesOneOfEachResourceForInstancesOnly() {
        instancesOnly.resourceCountIs("AWS::KMS::Key", 1);
        instancesOnly.resourceCountIs("AWS::SNS::Topic", 1);
        instancesOnly.resourceCountIs("AWS::SNS::Subscription", 1);
        instancesOnly.resourceCountIs("AWS::RDS::EventSubscription", 1);
        instancesOnly.resourceCountIs("AWS::SQS::Queue", 1);
        instancesOnly.resourceCountIs("AWS::Logs::LogGroup", 1);
        instancesOnly.resourceCountIs("AWS::IAM::Role", 1);
        instancesOnly.resourceCountIs("AWS::Lambda::Function", 1);
        instancesOnly.resourceCountIs("AWS::Lambda::Version", 1);
        instancesOnly.resourceCountIs("AWS::Lambda::Alias", 1);
        instancesOnly.resourceCountIs("AWS::Events::Rule", 2);
        instancesOnly.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
    }

    @Test
    void theFollowUpRuleIsOffAtDeployAndStartsAFollowUpSweepOfTheAlias() {
        Capture target = new Capture();
        instancesOnly.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "DatabaseStack-Replication-CD41015F-FollowUp",
                "ScheduleExpression", "rate(10 minutes)",
                "State", "DISABLED",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", target,
                        "Input", Invocations.FOLLOW_UP_INPUT,
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2),
                        "DeadLetterConfig", Match.objectLike(Map.of()))))));
        assertThat(target.asObject().toString()).contains("ReplicationAlias");
    }

    @Test
    void topicIsEncryptedWithRotatingKeyAndAcceptsOnlyTls() {
        Capture key = new Capture();
        instancesOnly.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", key));
        assertThat(key.asObject().toString()).contains("ReplicationTopicKey");
        instancesOnly.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        instancesOnly.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Action", "sns:Publish",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void onlyRdsEventsOfThisAccountAndRegionMayPublishAndUseTheKey() {
        Map<String, Object> fromRds = Map.of(
                "StringEquals", Map.of("aws:SourceAccount", TestStacks.ACCOUNT),
                "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("", List.of("arn:",
                        Map.of("Ref", "AWS::Partition"), ":rds:eu-west-1:123456789012:*")))));
        instancesOnly.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Action", "sns:Publish",
                        "Principal", Map.of("Service", "events.rds.amazonaws.com"),
                        "Condition", fromRds)))))));
        instancesOnly.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Action", List.of("kms:GenerateDataKey*", "kms:Decrypt"),
                        "Principal", Map.of("Service", "events.rds.amazonaws.com"),
                        "Condition", fromRds)))))));
    }

    @Test
    void subscribesToSnapshotCreatedEventsOfDbSnapshots() {
        Capture topic = new Capture();
        instancesOnly.hasResourceProperties("AWS::RDS::EventSubscription", Map.of(
                "SourceType", "db-snapshot",
                "EventCategories", List.of("creation"),
                "Enabled", true,
                "SnsTopicArn", topic));
        assertThat(topic.asObject()).isEqualTo(Map.of("Ref", "ReplicationTopic80B17791"));
    }

    @Test
    void subscribesToClusterSnapshotBackupEventsWhenAuroraIsOn() {
        Template aurora = template(props().includeAurora(true).build());
        aurora.resourceCountIs("AWS::RDS::EventSubscription", 2);
        aurora.hasResourceProperties("AWS::RDS::EventSubscription", Map.of(
                "SourceType", "db-cluster-snapshot", "EventCategories", List.of("backup")));
        instancesOnly.resourcePropertiesCountIs("AWS::RDS::EventSubscription",
                Map.of("SourceType", "db-cluster-snapshot"), 0);
    }

    @Test
    void eventSubscriptionsWaitForTheTopicPolicy() {
        Map<String, Map<String, Object>> subscriptions = instancesOnly.findResources("AWS::RDS::EventSubscription");
        Object dependsOn = subscriptions.values().iterator().next().get("DependsOn");
        assertThat((List<?>) dependsOn).anySatisfy(d -> assertThat(d.toString()).startsWith("ReplicationTopicPolicy"));
    }

    @Test
    void functionRunsTheEmbeddedJarOnJavaWithSnapStart() {
        instancesOnly.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Handler", LambdaArtifact.HANDLER,
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 900,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", Map.of("Ref", "ReplicationLogGroup7C66ED4D")),
                "DeadLetterConfig", Map.of("TargetArn", Map.of("Fn::GetAtt", List.of("ReplicationDlq02BEF3C7",
                        "Arn")))));
    }

    @Test
    void architectureMemoryAndLogRetentionFollowProps() {
        Template custom = template(props().architecture(Architecture.X86_64).memorySize(2048)
                .logRetention(RetentionDays.THREE_MONTHS).build());
        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("Architectures", List.of("x86_64"),
                "MemorySize", 2048));
        custom.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
        instancesOnly.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
    }

    @Test
    void environmentCarriesEveryPropUnderTheContractNames() {
        Template full = template(props()
                .includeAurora(true)
                .copyManualSnapshots(true)
                .includeReadReplicas(true)
                .retentionKeepLast(14)
                .retentionMaxAge(Duration.days(35))
                .includeDbIdentifiers(List.of("orders-*", "billing"))
                .excludeDbIdentifiers(List.of("*-test"))
                .sourceTagFilter(Map.of("backup", "cross-region", "env", "prod"))
                .optionGroupMapping(Map.of("oracle-tde", "oracle-tde-copy"))
                .maxConcurrentDbSnapshotCopies(10)
                .maxConcurrentClusterSnapshotCopies(3)
                .dryRun(true)
                .build());
        Map<String, Object> function = TestStacks.onlyProperties(full, "AWS::Lambda::Function");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables");
        assertThat(variables).containsOnly(
                Map.entry(Settings.TARGET_REGION.variable(), "eu-central-1"),
                Map.entry(Settings.TARGET_KMS_KEY_ARN.variable(), TestStacks.TARGET_KEY_ARN),
                Map.entry(Settings.REPLICATION_ID.variable(), "DatabaseStackReplicationCD41015F"),
                Map.entry(Settings.INCLUDE_AURORA.variable(), "true"),
                Map.entry(Settings.INCLUDE_READ_REPLICAS.variable(), "true"),
                Map.entry(Settings.COPY_MANUAL_SNAPSHOTS.variable(), "true"),
                Map.entry(Settings.RETENTION_KEEP_LAST.variable(), "14"),
                Map.entry(Settings.RETENTION_MAX_AGE.variable(), "P35D"),
                Map.entry(Settings.INCLUDE_DB_IDENTIFIERS.variable(), "[\"orders-*\",\"billing\"]"),
                Map.entry(Settings.EXCLUDE_DB_IDENTIFIERS.variable(), "[\"*-test\"]"),
                Map.entry(Settings.SOURCE_TAG_FILTER.variable(), "{\"backup\":\"cross-region\",\"env\":\"prod\"}"),
                Map.entry(Settings.OPTION_GROUP_MAPPING.variable(), "{\"oracle-tde\":\"oracle-tde-copy\"}"),
                Map.entry(Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES.variable(), "10"),
                Map.entry(Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES.variable(), "3"),
                Map.entry(Settings.FOLLOW_UP_RULE_NAME.variable(), "DatabaseStack-Replication-CD41015F-FollowUp"),
                Map.entry(Settings.DRY_RUN.variable(), "true"));
    }

    @Test
    void environmentLeavesOutUnsetOptionalSettings() {
        Template noKey = template(props().targetKey(null).build());
        Map<String, Object> function = TestStacks.onlyProperties(noKey, "AWS::Lambda::Function");
        assertThat(function.get("Environment").toString())
                .doesNotContain(Settings.TARGET_KMS_KEY_ARN.variable(), Settings.RETENTION_MAX_AGE.variable(),
                        Settings.INCLUDE_DB_IDENTIFIERS.variable(), Settings.SOURCE_TAG_FILTER.variable())
                .contains(Settings.RETENTION_KEEP_LAST.variable() + "=7", Settings.DRY_RUN.variable() + "=false",
                        Settings.INCLUDE_AURORA.variable() + "=false");
    }

    @Test
    void aliasPointsAtThePublishedVersionAndRetriesTwice() {
        Capture version = new Capture();
        instancesOnly.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
        assertThat(instancesOnly.findResources("AWS::Lambda::Version")).containsOnlyKeys(version.asString());
        instancesOnly.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of("MaximumRetryAttempts", 2,
                "Qualifier", Match.anyValue()));
    }

    @Test
    void topicAndScheduleInvokeTheAliasNeverLatest() {
        instancesOnly.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "lambda",
                "TopicArn", Map.of("Ref", "ReplicationTopic80B17791"),
                "Endpoint", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of("ReplicationFunction882F7780", "Arn")), ":live")))));
        instancesOnly.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "sns.amazonaws.com",
                "FunctionName", Map.of("Ref", "ReplicationAlias24FB1648"),
                "SourceArn", Map.of("Ref", "ReplicationTopic80B17791")));
        instancesOnly.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "events.amazonaws.com",
                "FunctionName", Map.of("Ref", "ReplicationAlias24FB1648")));
        instancesOnly.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", "ReplicationAlias24FB1648"),
                "RetryPolicy", Map.of("MaximumRetryAttempts", 2),
                "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of("ReplicationDlq02BEF3C7", "Arn"))))))));
    }

    @Test
    void scheduleDefaultsToDailyAndFollowsProp() {
        instancesOnly.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "cron(0 12 * * ? *)"));
        Template custom = template(props().schedule(Schedule.expression("cron(30 4 * * ? *)")).build());
        custom.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "cron(30 4 * * ? *)"));
    }

    @Test
    void deadLetterQueueIsEncryptedTlsOnlyAndKeepsMessagesFourteenDays() {
        instancesOnly.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1209600,
                "RedriveAllowPolicy", Map.of("redrivePermission", "allowAll")));
        instancesOnly.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Deny",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Effect", "Allow", "Action", "sqs:SendMessage",
                                "Principal", Map.of("Service", "sns.amazonaws.com"),
                                "Condition", Map.of("ArnEquals",
                                        Map.of("aws:SourceArn", Map.of("Ref", "ReplicationTopic80B17791"))))),
                        Match.objectLike(Map.of("Effect", "Allow", "Action", "sqs:SendMessage",
                                "Principal", Map.of("Service", "events.amazonaws.com"))))))));
    }

    @Test
    void eventsTheTopicCannotDeliverGoToTheDeadLetterQueue() {
        instancesOnly.hasResourceProperties("AWS::SNS::Subscription", Map.of("RedrivePolicy", Map.of(
                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("ReplicationDlq02BEF3C7", "Arn")))));
    }

    @Test
    void onlyAwsServicesMayCreateGrantsOnTheTopicKey() {
        instancesOnly.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DenyGrantsExceptForAwsServices",
                        "Effect", "Deny", "Action", "kms:CreateGrant", "Principal", Map.of("AWS", "*"),
                        "Resource", "*",
                        "Condition", Map.of("BoolIfExists", Map.of("kms:GrantIsForAWSResource", "false",
                                "aws:PrincipalIsAWSService", "false")))))))));
    }

    @Test
    void gettersExposeWhatWasDefined() {
        TestStacks.withConstruct(props().includeAurora(true).build(), c -> {
            assertThat(c.getFunction()).isNotNull();
            assertThat(c.getAlias().getAliasName()).isEqualTo("live");
            assertThat(c.getTopic()).isNotNull();
            assertThat(c.getTopicKey()).isNotNull();
            assertThat(c.getDeadLetterQueue()).isNotNull();
            assertThat(c.getRole()).isNotNull();
            assertThat(c.getPolicy().getNode().getPath()).isEqualTo("DatabaseStack/Replication/Policy");
            assertThat(c.getSchedule()).isNotNull();
            assertThat(c.getLogGroup()).isNotNull();
            assertThat(c.getEventSubscriptions()).extracting(s -> s.getSourceType())
                    .containsExactly("db-snapshot", "db-cluster-snapshot");
            assertThat(c.getReplicationId()).isEqualTo("DatabaseStackReplicationCD41015F");
            assertThat(c.getDashboard()).isNull();
        });
    }

    @Test
    void childIdsAreStable() {
        TestStacks.withConstruct(props().build(), c -> assertThat(c.getNode().getChildren())
                .extracting(child -> child.getNode().getId())
                .contains("TopicKey", "Topic", "DbSnapshotEvents", "Dlq", "LogGroup", "Role", "Policy", "Function",
                        "Alias", "Subscription", "Schedule"));
    }
}
