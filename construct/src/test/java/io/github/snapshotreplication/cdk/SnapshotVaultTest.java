package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.vaultProps;
import static io.github.snapshotreplication.cdk.TestStacks.withVault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.LambdaArtifact;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;

/** What a vault deploys, and how its props reach the function. Stacks are synthesized once per configuration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotVaultTest {

    private static final String VAULT_ID = "VaultStackVault961F0F41";
    private static final String VAULT_KEY_ARN =
            "arn:aws:kms:eu-central-1:210987654321:key/1b2c3d4e-5f60-7890-bcde-f01234567890";

    private SnapshotVault vault;
    private final Template defaults = Template.fromStack(withVault(vaultProps().build(), v -> vault = v));
    private final Template configured = Template.fromStack(withVault(vaultProps().includeAurora(true)
            .retention(Duration.days(90)).dryRun(true).schedule(Schedule.rate(Duration.minutes(15)))
            .vaultId("orders-vault").encryptionKey(Key.fromKeyArn(TestStacks.vaultStack(), "K", VAULT_KEY_ARN))
            .createDashboard(true).build(), v -> { }));

    @Test
    void definesAKeyAFunctionItsScheduleAndTheirPlumbing() {
        Map<String, Integer> expected = Map.of("AWS::KMS::Key", 1, "AWS::Lambda::Function", 1,
                "AWS::Events::Rule", 1, "AWS::SQS::Queue", 1, "AWS::Logs::LogGroup", 1, "AWS::IAM::Role", 1,
                "AWS::IAM::ManagedPolicy", 2, "AWS::CloudWatch::Alarm", 6);
        expected.forEach(defaults::resourceCountIs);
        for (String none : List.of("AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::SNS::Topic",
                "AWS::RDS::EventSubscription", "AWS::IAM::Policy", "AWS::CloudWatch::Dashboard",
                "AWS::Events::EventBus", "AWS::Events::EventBusPolicy")) {
            defaults.resourceCountIs(none, 0);
        }
    }

    @Test
    void theFunctionRunsTheVaultHandlerOfTheSameJarOnJava25() {
        defaults.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", LambdaArtifact.VAULT_HANDLER,
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 900,
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")),
                "DeadLetterConfig", Map.of("TargetArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                        "VaultDlq.*"), "Arn"))),
                "SnapStart", Match.absent()));
        // The same asset as the replication's function: one jar, two handlers.
        assertThat(s3Key(defaults)).matches("[0-9a-f]{64}\\.jar")
                .isEqualTo(s3Key(TestStacks.template(TestStacks.props().build())));
    }

    @SuppressWarnings("unchecked")
    private static String s3Key(Template template) {
        return (String) ((Map<String, Object>) TestStacks.onlyProperties(template, "AWS::Lambda::Function")
                .get("Code")).get("S3Key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEnvironmentHoldsExactlyTheVaultSettings() {
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) TestStacks.onlyProperties(
                defaults, "AWS::Lambda::Function").get("Environment")).get("Variables");
        assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(Settings.VAULT.stream()
                .map(Setting::variable).toList());
        assertThat(variables).containsEntry(Settings.REPLICATION_ID.variable(), VAULT_ID)
                .containsEntry(Settings.VAULT_SOURCE_ACCOUNTS.variable(), "[\"123456789012\"]")
                .containsEntry(Settings.VAULT_KMS_KEY_ARN.variable(), Map.of("Fn::GetAtt",
                        List.of("VaultKeyCB88EF1A", "Arn")))
                .containsEntry(Settings.VAULT_RETENTION.variable(), Settings.VAULT_RETENTION.defaultValue()
                        .orElseThrow())
                .containsEntry(Settings.INCLUDE_AURORA.variable(), "false")
                .containsEntry(Settings.DRY_RUN.variable(), "false");
        configured.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Map.of(Settings.REPLICATION_ID.variable(), "orders-vault",
                        Settings.VAULT_SOURCE_ACCOUNTS.variable(), "[\"123456789012\"]",
                        Settings.VAULT_KMS_KEY_ARN.variable(), VAULT_KEY_ARN,
                        Settings.VAULT_RETENTION.variable(), "P90D",
                        Settings.INCLUDE_AURORA.variable(), "true",
                        Settings.DRY_RUN.variable(), "true"))));
    }

    @Test
    void sourceAccountsAreSortedAndNamedOnce() {
        Stack stack = withVault(vaultProps().sourceAccounts(List.of("333333333333", "123456789012",
                "333333333333")).build(), v -> assertThat(v.getSourceAccounts())
                .containsExactly("123456789012", "333333333333"));
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(Settings.VAULT_SOURCE_ACCOUNTS.variable(),
                        "[\"123456789012\",\"333333333333\"]")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeyIsRotatedKeptAndItsPolicyNamesOnlyTheVaultAccount() {
        Map<String, Map<String, Object>> keys = defaults.findResources("AWS::KMS::Key");
        Map<String, Object> key = keys.values().iterator().next();
        assertThat(key).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        Map<String, Object> properties = (Map<String, Object>) key.get("Properties");
        assertThat(properties).containsEntry("EnableKeyRotation", true);
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) properties
                .get("KeyPolicy")).get("Statement");
        assertThat(statements).filteredOn(s -> "Allow".equals(s.get("Effect"))).singleElement()
                .satisfies(s -> assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", Map.of("Fn::Join",
                        List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":iam::210987654321:root"))))));
        assertThat(statements).filteredOn(s -> "Deny".equals(s.get("Effect"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("Sid", "DenyGrantsExceptForAwsServices")
                        .containsEntry("Action", "kms:CreateGrant"));
        assertThat(vault.getKey().getKeyArn()).isNotNull();
    }

    @Test
    void aGivenKeyIsUsedAndNoKeyIsDefined() {
        configured.resourceCountIs("AWS::KMS::Key", 0);
        assertThat(TestStacks.statementsBySid(configured).get("CreateGrantOnVaultKeyForRds"))
                .containsEntry("Resource", VAULT_KEY_ARN);
    }

    @Test
    void theScheduleRunsHourlyAndInvokesTheFunctionWithRetriesAndTheDeadLetterQueue() {
        defaults.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(1 hour)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of("VaultFunction73B194A5", "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                List.of("VaultDlq1C464E6C", "Arn")))))),
                "EventPattern", Match.absent()));
        configured.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(15 minutes)"));
    }

    @Test
    void theVaultIdIsDerivedFromThePathUnlessSetAndNamesTheCopies() {
        assertThat(vault.getVaultId()).isEqualTo(VAULT_ID);
        assertThat(vault.getCopyIdentifierPrefix()).isEqualTo(CopyIdentifiers.identifierStart(VAULT_ID))
                .matches("sr[0-9a-f]{8}-");
        withVault(vaultProps().vaultId("orders-vault").build(), v -> assertThat(v.getCopyIdentifierPrefix())
                .isEqualTo(CopyIdentifiers.identifierStart("orders-vault")));
    }

    @Test
    void metricsCarryTheVaultIdAsReplicationId() {
        Metric copies = vault.metricCopiesStarted();
        assertThat(copies.getNamespace()).isEqualTo(MetricNames.NAMESPACE);
        assertThat(copies.getDimensions()).containsExactly(Map.entry(MetricNames.DIMENSION_REPLICATION_ID, VAULT_ID));
        assertThat(vault.metricReceiptFailures().getMetricName()).isEqualTo(MetricNames.VAULT_SHARE_FAILURES);
        assertThat(vault.metricReceiptFailures().getStatistic()).isEqualTo("Sum");
        assertThat(vault.metricNewestCopyAgeSeconds("123456789012/orders").getDimensions())
                .containsEntry(MetricNames.DIMENSION_DB_IDENTIFIER, "123456789012/orders");
        assertThat(vault.metric(MetricNames.LOOK_ALIKE_SNAPSHOTS).getStatistic()).isEqualTo("Maximum");
        assertThatThrownBy(() -> vault.metric("Copies")).hasMessageContaining("metricName must be one of");
    }

    @Test
    void alarmsPointAtTheVaultRunbookAndDeriveTheirWindowsFromTheSchedule() {
        assertThat(vault.getAlarms()).extracting(a -> a.getNode().getId()).containsExactly("CopyFailuresAlarm",
                "ReceiptFailuresAlarm", "DeadLetterQueueAlarm", "FunctionErrorsAlarm", "RecoveryPointAgeAlarm",
                "SweepOverdueAlarm");
        Map<String, Map<String, Object>> alarms = defaults.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms.values()).allSatisfy(a -> assertThat(a.toString())
                .contains(ReplicationAlarms.VAULT_RUNBOOK));
        defaults.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName",
                MetricNames.VAULT_SHARE_FAILURES, "Threshold", 0, "Statistic", "Sum"));
        // Hourly sweeps: the recovery point may be 2 days old, a sweep 1 hour and 2 hours of grace late.
        defaults.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 172800,
                "AlarmDescription", Match.stringLikeRegexp("The newest vault copy of at least one source database is"
                        + " older than 2 days.*")));
        defaults.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", MetricNames.SWEEPS_COMPLETED,
                "EvaluationPeriods", 3, "TreatMissingData", "breaching"));
        Annotations.fromStack(Stack.of(vault)).hasWarning("/VaultStack/Vault",
                Match.stringLikeRegexp("the 6 alarms notify nobody.*a vault that stops receiving copies goes"
                        + " unnoticed.*"));
        Stack none = withVault(vaultProps().createCopyFailuresAlarm(false).createReceiptFailuresAlarm(false)
                .createDeadLetterQueueAlarm(false).createFunctionErrorsAlarm(false).createRecoveryPointAlarms(false)
                .createSweepOverdueAlarm(false).build(), v -> assertThat(v.getAlarms()).isEmpty());
        Template.fromStack(none).resourceCountIs("AWS::CloudWatch::Alarm", 0);
    }

    @Test
    void theDashboardShowsTheVaultsMetrics() {
        assertThat(vault.getDashboard()).isNull();
        configured.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = configured.findResources("AWS::CloudWatch::Dashboard").toString();
        assertThat(body).contains("RDS snapshot vault orders-vault", MetricNames.VAULT_SHARE_FAILURES,
                MetricNames.COPIES_STARTED, MetricNames.LOOK_ALIKE_SNAPSHOTS)
                .doesNotContain(MetricNames.DATABASES_WITHOUT_COPY, MetricNames.COPY_BACKLOG);
    }

    @Test
    void inAVpcWithoutInternetAccessItWarnsAboutNothingAndOnlyAllowsOutboundHttps() {
        Stack stack = TestStacks.vaultStack();
        SnapshotVault inVpc = CompliantSetUp.defineVault(stack, vaultProps());
        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "0.0.0.0/0", "IpProtocol", "tcp", "FromPort", 443,
                        "ToPort", 443, "Description", "HTTPS to the RDS API of this region")),
                "SecurityGroupIngress", Match.absent()));
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Match.objectLike(Map.of(
                "SubnetIds", Match.anyValue())), "ReservedConcurrentExecutions", 1,
                "TracingConfig", Map.of("Mode", "Active")));
        assertThat(inVpc.getConnections().getSecurityGroups()).hasSize(1);
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.anyValue())).isEmpty();
        assertThatThrownBy(vault::getConnections).hasMessageContaining("Only VPC-associated Lambda Functions");
    }

    @Test
    void grantInvokeAllowsInvokingTheFunction() {
        Template t = Template.fromStack(withVault(vaultProps().build(), v -> v.grantInvoke(
                Role.Builder.create(Stack.of(v), "Operator").assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                        .build())));
        t.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Operator.*"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "lambda:InvokeFunction")))))));
    }

    @Test
    void theGettersReturnWhatTheVaultDefined() {
        assertThat(vault.getFunction()).isNotNull();
        assertThat(vault.getRole()).isNotNull();
        assertThat(vault.getPolicy().getNode().getId()).isEqualTo("Policy");
        assertThat(vault.getSourceAccountsPolicy().getNode().getId()).isEqualTo("SourceAccountsPolicy");
        assertThat(vault.getDeadLetterQueue()).isNotNull();
        assertThat(vault.getSchedule()).isNotNull();
        assertThat(vault.getLogGroup()).isNotNull();
    }
}
