package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.statementsBySid;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicAttributes;

/** The props that make the construct pass the compliance packs: VPC placement, log key, concurrency, tracing. */
class CompliancePropsTest {

    @Test
    void vpcPlacementUsesPrivateSubnetsAndASecurityGroupThatOnlyAllowsOutboundHttps() {
        Stack stack = TestStacks.stack();
        CrossRegionSnapshotReplication replication = CompliantSetUp.define(stack, props());
        Template t = Template.fromStack(stack);
        Capture group = new Capture();
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Map.of(
                "SubnetIds", List.of(Map.of("Ref", Match.stringLikeRegexp("VpcReplicationSubnet1.*")),
                        Map.of("Ref", Match.stringLikeRegexp("VpcReplicationSubnet2.*"))),
                "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of(group, "GroupId"))))));
        assertThat(group.asString()).startsWith("ReplicationFunctionSecurityGroup");
        t.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "0.0.0.0/0", "IpProtocol", "tcp", "FromPort", 443,
                        "ToPort", 443, "Description", "HTTPS to the RDS API of both regions")),
                "SecurityGroupIngress", Match.absent()));
        assertThat(replication.getConnections().getSecurityGroups()).hasSize(1);
        assertThat(statementsBySid(t).get("ManageVpcNetworkInterfaces"))
                .containsEntry("Action", RuntimePermissions.VPC_ACTIONS).containsEntry("Resource", "*");
    }

    @Test
    void givenSecurityGroupsAreUsedAsTheyAre() {
        Stack stack = TestStacks.stack();
        Vpc vpc = new Vpc(stack, "Vpc");
        SecurityGroup own = SecurityGroup.Builder.create(stack, "Own").vpc(vpc).build();
        new CrossRegionSnapshotReplication(stack, "Replication", props().vpc(vpc)
                .securityGroups(List.of(own)).build());
        Template t = Template.fromStack(stack);
        t.resourceCountIs("AWS::EC2::SecurityGroup", 1);
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Map.of("SecurityGroupIds",
                List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Own.*"), "GroupId"))),
                "SubnetIds", Match.anyValue())));
    }

    @Test
    void warnsWhenTheSubnetsAreIsolated() {
        Stack stack = TestStacks.stack();
        Vpc isolated = Vpc.Builder.create(stack, "Vpc").natGateways(0).subnetConfiguration(List.of(
                SubnetConfiguration.builder().name("Db").subnetType(SubnetType.PRIVATE_ISOLATED).build())).build();
        new CrossRegionSnapshotReplication(stack, "Replication", props().vpc(isolated).build());
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                "the function's subnets are isolated.*RDS API of eu-central-1.*"
                        + "\\[ack: snapshot-replication:no-egress\\]"));
        Stack withEgress = TestStacks.stack();
        CompliantSetUp.define(withEgress, props());
        assertThat(Annotations.fromStack(withEgress).findWarning("*", Match.anyValue())).isEmpty();
    }

    @Test
    void functionOutsideAVpcHasNoConnections() {
        TestStacks.withConstruct(props().build(), c -> assertThatThrownBy(c::getConnections)
                .hasMessageContaining("Only VPC-associated Lambda Functions have security groups"));
    }

    @Test
    void logKeyEncryptsTheLogGroupAndLetsCloudWatchLogsOfThisRegionUseIt() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props());
        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of("KmsKeyId",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("LogKey.*"), "Arn"))));
        t.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchLogsOfThisAccountAndRegion",
                        "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                        "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:Describe*"),
                        "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                        ":logs:eu-west-1:123456789012:log-group:*"))))))))))));
    }

    @Test
    void anImportedLogKeyGetsAWarningNamingTheStatementToAdd() {
        Stack stack = TestStacks.stack();
        new CrossRegionSnapshotReplication(stack, "Replication", props().logEncryptionKey(Key.fromKeyArn(stack,
                "LogKey", "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789")).build());
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                "logEncryptionKey is imported.*logs.<region>.amazonaws.com.*"
                        + "\\[ack: snapshot-replication:log-key-policy\\]"));
    }

    @Test
    void withAVaultTheTargetKeyLetsTheVaultAccountUseItThroughRdsOrAWarningSaysHow() {
        App app = new App();
        Stack keys = new Stack(app, "TargetKeys", StackProps.builder().env(Environment.builder()
                .account(TestStacks.ACCOUNT).region(TestStacks.TARGET_REGION).build()).build());
        Key targetKey = Key.Builder.create(keys, "TargetKey").enableKeyRotation(true).build();
        Stack source = new Stack(app, "DatabaseStack", StackProps.builder().env(Environment.builder()
                .account(TestStacks.ACCOUNT).region(TestStacks.SOURCE_REGION).build()).build());
        new CrossRegionSnapshotReplication(source, "Replication", props().targetKey(targetKey)
                .vaultAccount(TestStacks.VAULT_ACCOUNT).build());
        String keyPolicy = Template.fromStack(keys).findResources("AWS::KMS::Key").toString();
        assertThat(keyPolicy).contains("Sid=VaultAccountCopiesSharedSnapshots", ":iam::210987654321:root",
                "kms:ViaService=rds.eu-central-1.amazonaws.com", "kms:CallerAccount=210987654321");
        assertThat(Annotations.fromStack(source).findWarning("*", Match.stringLikeRegexp(".*vaultKeyAccess.*")))
                .isEmpty();
        Stack imported = TestStacks.withConstruct(props().vaultAccount(TestStacks.VAULT_ACCOUNT).build(), c -> { });
        Annotations.fromStack(imported).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                "targetKey is imported.*vaultKeyAccess\\(vaultAccount, targetRegion\\).*"
                        + "\\[ack: snapshot-replication:target-key-vault-policy\\]"));
        assertThat(Annotations.fromStack(TestStacks.withConstruct(props().build(), c -> { }))
                .findWarning("*", Match.stringLikeRegexp(".*vaultKeyAccess.*"))).isEmpty();
    }

    @Test
    void alarmsMayPublishToATopicEncryptedWithACustomerManagedKey() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props());
        Template.fromStack(stack).hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchAlarmsToPublishToTheTopic",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
        Stack imported = TestStacks.stack();
        new CrossRegionSnapshotReplication(imported, "Replication", props().alarmTopic(Topic.fromTopicAttributes(
                imported, "OnCall", TopicAttributes.builder().topicArn("arn:aws:sns:eu-west-1:123456789012:on-call")
                        .keyArn("arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789")
                        .build())).build());
        Annotations.fromStack(imported).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                "the key of alarmTopic is imported.*cloudwatch.amazonaws.com.*"
                        + "\\[ack: snapshot-replication:alarm-topic-key-policy\\]"));
    }

    @Test
    void reservedConcurrencyIsSetAndTheErrorsAlarmStopsCountingThrottles() {
        Template t = template(props().reservedConcurrentExecutions(3).build());
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 3));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda",
                "Statistic", "Sum", "Threshold", 0, "AlarmDescription", Match.stringLikeRegexp(
                        ".*Throttles are not counted: with reserved concurrency they are expected and retried.*")));
        assertThat(t.toJSON().toString()).doesNotContain("MetricName=Throttles");
        template(props().build()).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "ReservedConcurrentExecutions", Match.absent()));
    }

    @Test
    void activeTracingIsSetAndMayWriteTraces() {
        Template t = template(props().tracing(Tracing.ACTIVE).build());
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("TracingConfig", Map.of("Mode", "Active")));
        assertThat(statementsBySid(t).get("WriteXRayTraces"))
                .containsEntry("Action", RuntimePermissions.XRAY_ACTIONS).containsEntry("Resource", "*");
        template(props().build()).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "TracingConfig", Match.absent()));
    }

    @Test
    void theRoleKeepsNoInlinePolicyWhateverTheFunctionAsksFor() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().includeAurora(true));
        Template t = Template.fromStack(stack);
        t.resourceCountIs("AWS::IAM::Policy", 0);
        t.hasResourceProperties("AWS::IAM::Role", Map.of("Policies", Match.absent(),
                "ManagedPolicyArns", Match.absent()));
        assertThat(statementsBySid(t)).containsKeys("WriteFunctionLogs", "SendFailedEventsToDeadLetterQueue",
                "ManageVpcNetworkInterfaces", "WriteXRayTraces");
    }
}
