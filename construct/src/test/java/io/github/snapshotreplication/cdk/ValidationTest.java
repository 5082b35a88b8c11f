package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.IStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;

class ValidationTest {

    private static void build(CrossRegionSnapshotReplicationProps props) {
        new CrossRegionSnapshotReplication(TestStacks.stack(), "Replication", props);
    }

    /** The problems of one failed construction, one per line of the message. */
    private static List<String> problems(CrossRegionSnapshotReplicationProps props) {
        try {
            build(props);
        } catch (IllegalArgumentException e) {
            return e.getMessage().lines().skip(1).map(l -> l.replaceFirst("^  - ", "")).toList();
        }
        throw new AssertionError("expected the props to be refused");
    }

    private static List<String> warnings(Stack stack) {
        return Annotations.fromStack(stack).findWarning("*", Match.anyValue()).stream()
                .map(SynthesisMessage::getEntry).map(e -> e.getData().toString()).toList();
    }

    @Test
    void failsWithoutTargetRegion() {
        assertThatThrownBy(() -> CrossRegionSnapshotReplicationProps.builder().build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("targetRegion is required");
    }

    @Test
    void failsOnMalformedRegion() {
        assertThatThrownBy(() -> build(props().targetRegion("Frankfurt").targetKey(null).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetRegion must be a region name like eu-central-1 (got 'Frankfurt')");
    }

    @Test
    void failsWhenTargetIsTheStackRegion() {
        assertThatThrownBy(() -> build(props().targetRegion("eu-west-1").targetKey(null).build()))
                .hasMessageContaining("targetRegion must differ from the stack region (got eu-west-1)");
    }

    @Test
    void failsOnTargetRegionOfAnotherPartition() {
        assertThat(problems(props().targetRegion("cn-north-1").targetKey(null).build())).singleElement()
                .asString().contains("targetRegion must be in the partition of the stack region eu-west-1 (aws)",
                        "cn-north-1 is in aws-cn");
    }

    @Test
    void warnsOnARegionNameTheLibraryDoesNotKnow() {
        Stack stack = TestStacks.withConstruct(props().targetRegion("eu-central-9").targetKey(null).build(),
                c -> { });
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                "targetRegion 'eu-central-9' is not a region this aws-cdk-lib knows.*"
                        + "\\[ack: snapshot-replication:unknown-target-region\\]"));
        assertThat(warnings(TestStacks.withConstruct(props().build(), c -> { })))
                .noneMatch(w -> w.contains("is not a region"));
    }

    @Test
    void aMalformedTargetRegionIsOneMessageNotFollowedByAdviceAboutTheKey() {
        assertThat(problems(props().targetRegion("eu-central").build())).singleElement().asString()
                .startsWith("targetRegion must be a region name");
        assertThat(problems(props().targetRegion("eu-west-1").build())).singleElement().asString()
                .startsWith("targetRegion must differ from the stack region");
    }

    @Test
    void failsOnAliasInsteadOfKey() {
        assertThat(problems(props().targetKey(TestStacks.key("arn:aws:kms:eu-central-1:123456789012:alias/rds"))
                .build())).singleElement().asString().startsWith("targetKey must be a KMS key ARN");
        Stack stack = TestStacks.stack();
        assertThatThrownBy(() -> new CrossRegionSnapshotReplication(stack, "Replication", props()
                .targetKey(Alias.fromAliasName(stack, "Alias", "alias/rds")).build()))
                .hasMessageContaining("targetKey must be a KMS key, not an alias");
    }

    @Test
    void failsOnKeyOfAnotherRegion() {
        assertThat(problems(props().targetKey(TestStacks.key(
                "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789")).build()))
                .singleElement().asString().isEqualTo("targetKey must be a key in targetRegion eu-central-1 (got a"
                        + " key in us-east-1); import the key of eu-central-1 with Key.fromKeyArn");
        assertThatThrownBy(() -> {
            Stack stack = TestStacks.stack();
            new CrossRegionSnapshotReplication(stack, "Replication", props().targetKey(new Key(stack, "K")).build());
        }).hasMessageContaining("targetKey must be a key in targetRegion eu-central-1 (got a key in eu-west-1)");
    }

    @Test
    void failsOnLogKeyOfAnotherRegion() {
        assertThat(problems(props().logEncryptionKey(TestStacks.key(TestStacks.TARGET_KEY_ARN)).build()))
                .singleElement().asString().startsWith("logEncryptionKey must be a key in the stack region eu-west-1"
                        + " (got a key in eu-central-1)");
    }

    @Test
    void failsOnRetentionBelowOne() {
        assertThatThrownBy(() -> build(props().retentionKeepLast(0).build()))
                .hasMessageContaining("retentionKeepLast must be a whole number from 1 to 10000 (got 0)");
    }

    @Test
    void failsOnTooShortMaxAge() {
        assertThatThrownBy(() -> build(props().retentionMaxAge(Duration.hours(6)).build()))
                .hasMessageContaining("retentionMaxAge must be at least 1 day (got 6 hours)");
    }

    @Test
    void failsOnConcurrentCopiesOutsideTheRdsQuota() {
        assertThatThrownBy(() -> build(props().maxConcurrentDbSnapshotCopies(21).build()))
                .hasMessageContaining("maxConcurrentDbSnapshotCopies must be a whole number from 1 to 20 (got 21)");
        assertThatThrownBy(() -> build(props().maxConcurrentDbSnapshotCopies(0).build()))
                .hasMessageContaining("maxConcurrentDbSnapshotCopies");
        assertThatThrownBy(() -> build(props().maxConcurrentClusterSnapshotCopies(6).build()))
                .hasMessageContaining("maxConcurrentClusterSnapshotCopies must be a whole number from 1 to 5 (got 6)")
                .hasMessageContaining("RDS allows 5 DB cluster snapshot copies");
    }

    @Test
    void failsOnMemoryOutsideLambdaLimits() {
        assertThatThrownBy(() -> build(props().memorySize(64).build()))
                .hasMessageContaining("memorySize must be a whole number between 128 and 10240 (got 64)");
    }

    @Test
    void failsOnReservedConcurrencyBelowOne() {
        assertThat(problems(props().reservedConcurrentExecutions(0).build())).singleElement().asString()
                .startsWith("reservedConcurrentExecutions must be a whole number of at least 1 (got 0)");
    }

    @Test
    void failsOnNetworkPropsWithoutVpc() {
        assertThat(problems(props().vpcSubnets(SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).build())).singleElement().asString()
                .startsWith("vpcSubnets needs vpc");
        assertThat(problems(props().securityGroups(List.<ISecurityGroup>of()).build())).singleElement().asString()
                .startsWith("securityGroups needs vpc");
    }

    @Test
    void failsOnContradictingIncludeAndExclude() {
        assertThatThrownBy(() -> build(props().includeDbIdentifiers(List.of("orders-*"))
                .excludeDbIdentifiers(List.of("ORDERS-*")).build()))
                .hasMessageContaining("includeDbIdentifiers and excludeDbIdentifiers both contain 'ORDERS-*'");
    }

    @Test
    void failsOnBadGlobCharacters() {
        assertThatThrownBy(() -> build(props().includeDbIdentifiers(List.of("orders_[0-9]")).build()))
                .hasMessageContaining("includeDbIdentifiers pattern 'orders_[0-9]' may only contain letters, digits,"
                        + " hyphens and the wildcards * and ?");
        assertThatThrownBy(() -> build(props().excludeDbIdentifiers(List.of("")).build()))
                .hasMessageContaining("excludeDbIdentifiers pattern ''");
    }

    @Test
    void failsOnBlankMapEntries() {
        assertThatThrownBy(() -> build(props().sourceTagFilter(Map.of(" ", "x")).build()))
                .hasMessageContaining("sourceTagFilter key ' ' must be 1 to 128 characters");
        assertThatThrownBy(() -> build(props().optionGroupMapping(Map.of("og", "")).build()))
                .hasMessageContaining("optionGroupMapping value '' of key 'og'");
    }

    @Test
    void failsWithEveryProblemInOneMessage() {
        assertThat(problems(props().targetRegion("eu-west-1").retentionKeepLast(0).maxConcurrentDbSnapshotCopies(50)
                .build())).hasSize(3).anySatisfy(p -> assertThat(p).startsWith("targetRegion"))
                .anySatisfy(p -> assertThat(p).startsWith("retentionKeepLast"))
                .anySatisfy(p -> assertThat(p).startsWith("maxConcurrentDbSnapshotCopies"));
    }

    @Test
    void failsOnUnknownMetricName() {
        TestStacks.withConstruct(props().build(), c -> assertThatThrownBy(() -> c.metric("Copies"))
                .hasMessageContaining("metricName must be one of"));
    }

    @Test
    void warnsWhenNoTargetKeyIsGiven() {
        Stack stack = TestStacks.withConstruct(props().targetKey(null).build(), c -> { });
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication",
                Match.stringLikeRegexp(".*encrypted snapshots cannot be copied.*"));
        assertThat(warnings(TestStacks.withConstruct(props().build(), c -> { })))
                .noneMatch(w -> w.contains("targetKey"));
    }

    @Test
    void warnsThatAlarmsWithoutTopicOrActionNotifyNobody() {
        Annotations.fromStack(TestStacks.withConstruct(props().build(), c -> { })).hasWarning(
                "/DatabaseStack/Replication", Match.stringLikeRegexp("the 7 alarms notify nobody: neither alarmTopic"
                        + " nor alarmAction is set.*\\[ack: snapshot-replication:alarms-notify-nobody\\]"));
        Stack withTopic = TestStacks.stack();
        new CrossRegionSnapshotReplication(withTopic, "Replication", props()
                .alarmTopic(new Topic(withTopic, "OnCall")).build());
        assertThat(warnings(withTopic)).isEmpty();
        Stack noAlarms = TestStacks.withConstruct(props().createCopyFailuresAlarm(false)
                .createDeadLetterQueueAlarm(false).createFunctionErrorsAlarm(false).createRecoveryPointAlarms(false)
                .createSweepOverdueAlarm(false).createDatabasesWithoutBackupsAlarm(false).build(), c -> { });
        assertThat(warnings(noAlarms)).noneMatch(w -> w.contains("notify nobody"));
    }

    @Test
    void tokensAreNotValidated() {
        Stack stack = TestStacks.stack();
        String regionParam = CfnParameter.Builder.create(stack, "TargetRegion").build().getValueAsString();
        assertThatNoException().isThrownBy(() -> new CrossRegionSnapshotReplication(stack, "Replication",
                CrossRegionSnapshotReplicationProps.builder()
                        .targetRegion(regionParam)
                        .targetKey(Key.fromKeyArn(stack, "K",
                                Token.asString(Lazy.uncachedString(producer("arn:aws:kms:us-east-1:1:alias/x")))))
                        .retentionKeepLast(Token.asNumber(Lazy.uncachedNumber(numberProducer(0))))
                        .maxConcurrentDbSnapshotCopies(Token.asNumber(Lazy.uncachedNumber(numberProducer(99))))
                        .reservedConcurrentExecutions(Token.asNumber(Lazy.uncachedNumber(numberProducer(0))))
                        .retentionMaxAge(Duration.seconds(Token.asNumber(Lazy.uncachedNumber(numberProducer(1)))))
                        .includeDbIdentifiers(List.of(Token.asString(Lazy.uncachedString(producer("a_b")))))
                        .build()));
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("TARGET_REGION", Map.of("Ref", "TargetRegion"),
                        "RETENTION_KEEP_LAST", "0", "MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "99")))));
    }

    @Test
    void environmentAgnosticStackWarnsWhichChecksCannotRun() {
        Stack agnostic = new Stack(new App(), "Agnostic");
        assertThat(Token.isUnresolved(agnostic.getRegion())).isTrue();
        assertThatNoException().isThrownBy(() -> new CrossRegionSnapshotReplication(agnostic, "Replication",
                props().build()));
        Annotations.fromStack(agnostic).hasWarning("/Agnostic/Replication", Match.stringLikeRegexp(
                "the stack has no region \\(environment-agnostic\\), so synth cannot check that targetRegion differs"
                        + " from the source region, nor that both regions are in one partition; give the stack an"
                        + " env.*\\[ack: snapshot-replication:environment-agnostic\\]"));
        Template.fromStack(agnostic).hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DescribeDatabasesAndSnapshots",
                        "Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion",
                                List.of(Map.of("Ref", "AWS::Region"), "eu-central-1"))))))))));
        assertThat(warnings(TestStacks.withConstruct(props().build(), c -> { })))
                .noneMatch(w -> w.contains("environment-agnostic"));
    }

    @Test
    void stackInTargetRegionOfAnotherAccountStillFails() {
        Stack stack = new Stack(new App(), "Other", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-central-1").build()).build());
        assertThatThrownBy(() -> new CrossRegionSnapshotReplication(stack, "Replication", props().build()))
                .hasMessageContaining("targetRegion must differ from the stack region (got eu-central-1)");
    }

    @Test
    void unknownScheduleShapeWarnsAndAssumesDaily() {
        Stack stack = TestStacks.withConstruct(props()
                .schedule(Schedule.expression("cron(0 3 1 * ? *)")).build(), c -> { });
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication",
                Match.stringLikeRegexp(".*cannot tell how often the schedule runs.*"));
    }

    private static IStringProducer producer(String value) {
        return new IStringProducer() {
            @Override
            public String produce(software.amazon.awscdk.IResolveContext context) {
                return value;
            }
        };
    }

    private static software.amazon.awscdk.INumberProducer numberProducer(Number value) {
        return new software.amazon.awscdk.INumberProducer() {
            @Override
            public Number produce(software.amazon.awscdk.IResolveContext context) {
                return value;
            }
        };
    }
}
