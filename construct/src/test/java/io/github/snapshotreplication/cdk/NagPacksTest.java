package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.snapshotreplication.compliance.Compliance;
import io.github.snapshotreplication.compliance.Compliance.Finding;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.IConstruct;

/**
 * The five cdk-nag packs (AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless) on the constructs'
 * own resources, the replication's and the vault's: clean with the compliance props, and without them exactly the
 * findings the README lists per prop.
 */
class NagPacksTest {

    private static final String ALARMS = "CopyFailures DeadLetterQueue FunctionErrors DatabasesWithoutCopy"
            + " RecoveryPointAge DatabasesWithoutBackups SweepOverdue";

    /** Rule (without its pack) to the prop that satisfies it, as README.md "Compliance" lists them. */
    static final Map<String, String> RULE_TO_PROP = new LinkedHashMap<>(Map.of(
            "CloudWatchAlarmAction", "alarmTopic",
            "CloudWatchLogGroupEncrypted", "logEncryptionKey",
            "LambdaConcurrency", "reservedConcurrentExecutions",
            "LambdaInsideVPC", "vpc",
            "LambdaTracing", "tracing"));

    private static List<Finding> findings(Stack stack) {
        return Compliance.nagFindings(stack, stack.getNode().findChild("Replication"));
    }

    /** Every finding the defaults leave, sorted as {@link Compliance#nagFindings} sorts them. */
    private static List<String> defaultFindings() {
        return defaultFindings("/DatabaseStack/Replication/", List.of(ALARMS.split(" ")));
    }

    /** The findings a construct's defaults leave: those that a compliance prop answers, and only those. */
    private static List<String> defaultFindings(String constructPath, List<String> alarms) {
        List<String> expected = new ArrayList<>();
        for (String alarm : alarms) {
            expected.add("HIPAA.Security-CloudWatchAlarmAction on " + constructPath + alarm + "Alarm/Resource");
            expected.add("NIST.800.53.R5-CloudWatchAlarmAction on " + constructPath + alarm + "Alarm/Resource");
        }
        for (String pack : List.of("HIPAA.Security", "NIST.800.53.R5", "PCI.DSS.321")) {
            expected.add(pack + "-CloudWatchLogGroupEncrypted on " + constructPath + "LogGroup/Resource");
            expected.add(pack + "-LambdaInsideVPC on " + constructPath + "Function/Resource");
        }
        expected.add("HIPAA.Security-LambdaConcurrency on " + constructPath + "Function/Resource");
        expected.add("NIST.800.53.R5-LambdaConcurrency on " + constructPath + "Function/Resource");
        expected.add("Serverless-LambdaTracing on " + constructPath + "Function/Resource");
        return expected.stream().sorted().toList();
    }

    @Test
    void compliantSetUpIsCleanInEveryPack() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props());
        assertThat(findings(stack)).isEmpty();
    }

    @Test
    void compliantSetUpWithAuroraWithoutKeyAndWithDashboardIsCleanInEveryPack() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().targetKey(null).includeAurora(true).createDashboard(true)
                .optionGroupMapping(Map.of("oracle-tde", "oracle-tde-dr")));
        assertThat(findings(stack)).isEmpty();
    }

    @Test
    void compliantSetUpWithRestoreDrillIsCleanInEveryPack() {
        for (boolean aurora : List.of(true, false)) {
            Stack stack = TestStacks.stack();
            CompliantSetUp.define(stack, props().includeAurora(aurora).createDashboard(true)
                    .restoreDrill(RestoreDrillTest.drill().build()));
            assertThat(findings(stack)).as("aurora " + aurora).isEmpty();
        }
    }

    @Test
    void restoreDrillDefaultsLeaveOnlyFindingsThatNeedAProp() {
        List<Finding> findings = findings(TestStacks.withConstruct(props().restoreDrill(RestoreDrillTest.drill()
                .build()).build(), c -> { }));
        assertThat(findings).extracting(f -> f.rule().substring(f.rule().indexOf('-') + 1)).allSatisfy(rule ->
                assertThat(RULE_TO_PROP).containsKey(rule));
        // Like the replication function's, the drill function's concurrency limit needs reservedConcurrentExecutions.
        assertThat(findings).extracting(Finding::toString).anyMatch(f -> f.contains("RestoreDrill/Function")
                && f.contains("LambdaConcurrency"));
    }

    @Test
    void defaultsLeaveOnlyTheFindingsThatNeedAProp() {
        List<Finding> findings = findings(TestStacks.withConstruct(props().build(), c -> { }));
        assertThat(findings).extracting(Finding::toString).containsExactlyElementsOf(defaultFindings());
        assertThat(findings).extracting(f -> f.rule().substring(f.rule().indexOf('-') + 1)).allSatisfy(rule ->
                assertThat(RULE_TO_PROP).containsKey(rule));
    }

    @Test
    void eachPropSatisfiesItsRulesAndNoOther() {
        Map<String, UnaryOperator<CrossRegionSnapshotReplicationProps.Builder>> withProp = Map.of(
                "alarmTopic", p -> p.alarmTopic(Topic.fromTopicArn(TestStacks.stack(), "OnCall",
                        "arn:aws:sns:eu-west-1:123456789012:on-call")),
                "logEncryptionKey", p -> p.logEncryptionKey(Key.fromKeyArn(TestStacks.stack(), "LogKey",
                        "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789")),
                "reservedConcurrentExecutions", p -> p.reservedConcurrentExecutions(2),
                "tracing", p -> p.tracing(Tracing.ACTIVE));
        withProp.forEach((prop, set) -> {
            List<String> left = findings(TestStacks.withConstruct(set.apply(props()).build(), c -> { })).stream()
                    .map(Finding::toString).toList();
            List<String> expected = defaultFindings().stream()
                    .filter(f -> !prop.equals(RULE_TO_PROP.get(f.substring(f.indexOf('-') + 1, f.indexOf(' ')))))
                    .toList();
            assertThat(left).as(prop).containsExactlyElementsOf(expected);
        });
        Stack inVpc = TestStacks.stack();
        new CrossRegionSnapshotReplication(inVpc, "Replication", props().vpc(new Vpc(inVpc, "Vpc")).build());
        assertThat(findings(inVpc)).extracting(Finding::toString).containsExactlyElementsOf(defaultFindings()
                .stream().filter(f -> !f.contains("LambdaInsideVPC")).toList());
    }

    @Test
    void whoDeclinesAPropSuppressesItsRulesOnTheConstructWithoutInternalPaths() {
        Stack stack = TestStacks.withConstruct(props().build(), replication -> NagSuppressions
                .addResourceSuppressions(replication, RULE_TO_PROP.keySet().stream().flatMap(rule -> List.of(
                        "HIPAA.Security-", "NIST.800.53.R5-", "PCI.DSS.321-", "Serverless-").stream()
                        .map(pack -> NagPackSuppression.builder().id(pack + rule)
                                .reason("declined in this test, with the reason an auditor needs").build()))
                        .toList(), true));
        assertThat(findings(stack)).isEmpty();
    }

    @Test
    void everySuppressionOfTheConstructIsNeeded() {
        Stack probe = TestStacks.stack();
        List<String> suppressed = suppressions(CompliantSetUp.define(probe, props().includeAurora(true)));
        assertThat(suppressed).containsExactlyInAnyOrder(
                NagSuppressionMetadata.IAM5 + " on /DatabaseStack/Replication/Policy/Resource",
                NagSuppressionMetadata.SQS_REDRIVE_POLICY + " on /DatabaseStack/Replication/Dlq/Resource",
                NagSuppressionMetadata.ASYNC_FAILURE_DESTINATION
                        + " on /DatabaseStack/Replication/Alias/EventInvokeConfig/Resource");
        for (String suppression : suppressed) {
            Stack stack = TestStacks.stack();
            CrossRegionSnapshotReplication replication = CompliantSetUp.define(stack, props().includeAurora(true));
            String path = suppression.substring(suppression.indexOf(" on /") + 4);
            resourceAt(replication, path).addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of()));
            assertThat(findings(stack)).as("without the suppression of " + suppression)
                    .extracting(Finding::toString).contains(suppression);
        }
    }

    @Test
    void suppressionsAreNarrowAnotherWildcardIsStillReported() {
        Stack stack = TestStacks.stack();
        CrossRegionSnapshotReplication replication = CompliantSetUp.define(stack, props());
        replication.getPolicy().addStatements(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
                .resources(List.of("arn:aws:s3:::some-bucket/*")).build());
        assertThat(findings(stack)).extracting(Finding::toString)
                .containsExactly("AwsSolutions-IAM5 on /DatabaseStack/Replication/Policy/Resource");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionHasAReasonAndStaysOnTheConstructsOwnResources() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().includeAurora(true));
        for (IConstruct c : stack.getNode().findAll()) {
            if (!(c instanceof CfnResource resource) || resource.getCfnOptions().getMetadata() == null
                    || !resource.getCfnOptions().getMetadata().containsKey("cdk_nag")) {
                continue;
            }
            assertThat(c.getNode().getPath()).startsWith("DatabaseStack/Replication/");
            Map<String, Object> nag = (Map<String, Object>) resource.getCfnOptions().getMetadata().get("cdk_nag");
            assertThat((List<Map<String, Object>>) nag.get("rules_to_suppress")).allSatisfy(rule ->
                    assertThat((String) rule.get("reason")).hasSizeGreaterThan(100));
        }
    }

    @Test
    void compliantVaultIsCleanInEveryPack() {
        Stack stack = TestStacks.vaultStack();
        SnapshotVault vault = CompliantSetUp.defineVault(stack, TestStacks.vaultProps().includeAurora(true)
                .createDashboard(true));
        assertThat(Compliance.nagFindings(stack, vault)).isEmpty();
    }

    @Test
    void vaultDefaultsLeaveOnlyTheFindingsThatNeedAProp() {
        Stack stack = TestStacks.withVault(TestStacks.vaultProps().build(), v -> { });
        List<String> expected = defaultFindings("/VaultStack/Vault/", List.of("CopyFailures", "ReceiptFailures",
                "DeadLetterQueue", "FunctionErrors", "RecoveryPointAge", "SweepOverdue"));
        List<Finding> findings = Compliance.nagFindings(stack, stack.getNode().findChild("Vault"));
        assertThat(findings).extracting(Finding::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void everySuppressionOfTheVaultIsNeeded() {
        Stack probe = TestStacks.vaultStack();
        List<String> suppressed = suppressions(CompliantSetUp.defineVault(probe, TestStacks.vaultProps()
                .includeAurora(true)));
        assertThat(suppressed).containsExactlyInAnyOrder(
                NagSuppressionMetadata.IAM5 + " on /VaultStack/Vault/Policy/Resource",
                NagSuppressionMetadata.IAM5 + " on /VaultStack/Vault/SourceAccountsPolicy/Resource",
                NagSuppressionMetadata.SQS_REDRIVE_POLICY + " on /VaultStack/Vault/Dlq/Resource");
        for (String suppression : suppressed) {
            Stack stack = TestStacks.vaultStack();
            SnapshotVault vault = CompliantSetUp.defineVault(stack, TestStacks.vaultProps().includeAurora(true));
            String path = suppression.substring(suppression.indexOf(" on /") + 4);
            resourceAt(vault, path).addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of()));
            assertThat(Compliance.nagFindings(stack, vault)).as("without the suppression of " + suppression)
                    .extracting(Finding::toString).contains(suppression);
        }
    }

    /** "rule on path" of every suppression written on the construct's resources. */
    @SuppressWarnings("unchecked")
    private static List<String> suppressions(IConstruct construct) {
        List<String> found = new ArrayList<>();
        for (IConstruct c : construct.getNode().findAll()) {
            if (c instanceof CfnResource resource && resource.getCfnOptions().getMetadata() != null
                    && resource.getCfnOptions().getMetadata().get("cdk_nag") instanceof Map<?, ?> nag) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
                    found.add(rule.get("id") + " on /" + c.getNode().getPath());
                }
            }
        }
        return found;
    }

    private static CfnResource resourceAt(IConstruct construct, String path) {
        return (CfnResource) construct.getNode().findAll().stream()
                .filter(c -> ("/" + c.getNode().getPath()).equals(path)).findFirst().orElseThrow();
    }
}
