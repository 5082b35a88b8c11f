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
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.Key;

class ValidationTest {

    private static void build(CrossRegionSnapshotReplicationProps props) {
        new CrossRegionSnapshotReplication(TestStacks.stack(), "Replication", props);
    }

    @Test
    void failsWithoutTargetRegion() {
        assertThatThrownBy(() -> CrossRegionSnapshotReplicationProps.builder().build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("targetRegion is required");
    }

    @Test
    void failsOnMalformedRegion() {
        assertThatThrownBy(() -> build(props().targetRegion("Frankfurt").targetKeyArn(null).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetRegion must be a region name like eu-central-1 (got 'Frankfurt')");
    }

    @Test
    void failsWhenTargetIsTheStackRegion() {
        assertThatThrownBy(() -> build(props().targetRegion("eu-west-1").targetKeyArn(null).build()))
                .hasMessageContaining("targetRegion must differ from the stack region (got eu-west-1)");
    }

    @Test
    void failsWithBothKeyProps() {
        assertThatThrownBy(() -> {
            Stack stack = TestStacks.stack();
            new CrossRegionSnapshotReplication(stack, "Replication", props()
                    .targetKey(Key.fromKeyArn(stack, "K", TestStacks.TARGET_KEY_ARN)).build());
        }).hasMessageContaining("provide targetKey or targetKeyArn, but not both");
    }

    @Test
    void failsOnKeyArnOfAnotherRegion() {
        assertThatThrownBy(() -> build(props()
                .targetKeyArn("arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789").build()))
                .hasMessageContaining("targetKeyArn must be a key in targetRegion eu-central-1"
                        + " (got a key in us-east-1)");
    }

    @Test
    void failsOnAliasArnInsteadOfKeyArn() {
        assertThatThrownBy(() -> build(props().targetKeyArn("arn:aws:kms:eu-central-1:123456789012:alias/rds").build()))
                .hasMessageContaining("targetKeyArn must be a KMS key ARN");
    }

    @Test
    void failsOnIKeyOfAnotherRegion() {
        assertThatThrownBy(() -> {
            Stack stack = TestStacks.stack();
            new CrossRegionSnapshotReplication(stack, "Replication", props().targetKeyArn(null).targetKey(
                    Key.fromKeyArn(stack, "K", "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d")).build());
        }).hasMessageContaining("targetKey must be a key in targetRegion eu-central-1 (got a key in eu-west-1)");
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
        assertThatThrownBy(() -> build(props().targetRegion("eu-west-1").targetKeyArn(null).retentionKeepLast(0)
                .maxConcurrentDbSnapshotCopies(50).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("targetRegion", "retentionKeepLast", "maxConcurrentDbSnapshotCopies");
    }

    @Test
    void failsOnUnknownMetricName() {
        TestStacks.withConstruct(props().build(), c -> assertThatThrownBy(() -> c.metric("Copies", null))
                .hasMessageContaining("metricName must be one of"));
    }

    @Test
    void warnsWhenNoTargetKeyIsGiven() {
        Stack stack = TestStacks.withConstruct(props().targetKeyArn(null).build(), c -> { });
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication",
                Match.stringLikeRegexp(".*encrypted snapshots cannot be copied.*"));
        Stack withKey = TestStacks.withConstruct(props().build(), c -> { });
        assertThat(Annotations.fromStack(withKey).findWarning("*", Match.anyValue())).isEmpty();
    }

    @Test
    void tokensAreNotValidated() {
        Stack stack = TestStacks.stack();
        String regionParam = CfnParameter.Builder.create(stack, "TargetRegion").build().getValueAsString();
        assertThatNoException().isThrownBy(() -> new CrossRegionSnapshotReplication(stack, "Replication",
                CrossRegionSnapshotReplicationProps.builder()
                        .targetRegion(regionParam)
                        .targetKeyArn(Token.asString(Lazy.uncachedString(producer("arn:aws:kms:us-east-1:1:alias/x"))))
                        .retentionKeepLast(Token.asNumber(Lazy.uncachedNumber(numberProducer(0))))
                        .maxConcurrentDbSnapshotCopies(Token.asNumber(Lazy.uncachedNumber(numberProducer(99))))
                        .retentionMaxAge(Duration.seconds(Token.asNumber(Lazy.uncachedNumber(numberProducer(1)))))
                        .includeDbIdentifiers(List.of(Token.asString(Lazy.uncachedString(producer("a_b")))))
                        .build()));
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("TARGET_REGION", Map.of("Ref", "TargetRegion"),
                        "RETENTION_KEEP_LAST", "0", "MAX_CONCURRENT_DB_SNAPSHOT_COPIES", "99")))));
    }

    @Test
    void environmentAgnosticStackSkipsRegionComparison() {
        Stack agnostic = new Stack(new App(), "Agnostic");
        assertThat(Token.isUnresolved(agnostic.getRegion())).isTrue();
        assertThatNoException().isThrownBy(() -> new CrossRegionSnapshotReplication(agnostic, "Replication",
                props().build()));
        Template.fromStack(agnostic).hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DescribeDatabasesAndSnapshots",
                        "Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion",
                                List.of(Map.of("Ref", "AWS::Region"), "eu-central-1"))))))))));
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
