package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.github.snapshotreplication.compliance.CfnGuard;
import io.github.snapshotreplication.compliance.Compliance;
import io.github.snapshotreplication.compliance.Compliance.Finding;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * The AWS Control Tower proactive controls of {@code @cdklabs/cdk-validator-cfnguard} (run with its cfn-guard
 * binary) on the construct's own resources: all pass with the compliance props; without them only the controls
 * that need a prop fail. Control Tower enforces these as CloudFormation hooks, which read no suppression metadata.
 */
class GuardRulesTest {

    private static List<Finding> failures(Stack stack) {
        return Compliance.guardFindings(stack, stack.getNode().findChild("Replication"));
    }

    @Test
    void compliantSetUpPassesEveryControl() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props());
        assertThat(failures(stack)).isEmpty();
    }

    @Test
    void compliantSetUpWithAuroraAndDashboardPassesEveryControl() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().includeAurora(true).createDashboard(true));
        assertThat(failures(stack)).isEmpty();
    }

    @Test
    void compliantSetUpWithRestoreDrillPassesEveryControl() {
        Stack stack = TestStacks.stack();
        CompliantSetUp.define(stack, props().includeAurora(true).createDashboard(true)
                .restoreDrill(RestoreDrillTest.drill().build()));
        assertThat(failures(stack)).isEmpty();
    }

    @Test
    void defaultsFailOnlyTheControlsThatNeedAProp() {
        List<String> expected = new ArrayList<>();
        for (String alarm : List.of("CopyFailures", "DatabasesWithoutBackups", "DatabasesWithoutCopy",
                "DeadLetterQueue", "FunctionErrors", "RecoveryPointAge", "SweepOverdue")) {
            expected.add("CT.CLOUDWATCH.PR.1 on /DatabaseStack/Replication/" + alarm + "Alarm/Resource");
        }
        expected.add("CT.CLOUDWATCH.PR.3 on /DatabaseStack/Replication/LogGroup/Resource");
        expected.add("CT.LAMBDA.PR.3 on /DatabaseStack/Replication/Function/Resource");
        assertThat(failures(TestStacks.withConstruct(props().build(), c -> { }))).extracting(Finding::toString)
                .containsExactlyElementsOf(expected);
        assertThat(failures(TestStacks.withConstruct(props().includeAurora(true).targetKey(null).build(), c -> { })))
                .extracting(Finding::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void compliantVaultPassesEveryControl() {
        Stack stack = TestStacks.vaultStack();
        SnapshotVault vault = CompliantSetUp.defineVault(stack, TestStacks.vaultProps().includeAurora(true)
                .createDashboard(true));
        assertThat(Compliance.guardFindings(stack, vault)).isEmpty();
    }

    @Test
    void vaultDefaultsFailOnlyTheControlsThatNeedAProp() {
        List<String> expected = new ArrayList<>();
        for (String alarm : List.of("CopyFailures", "DeadLetterQueue", "FunctionErrors", "ReceiptFailures",
                "RecoveryPointAge", "SweepOverdue")) {
            expected.add("CT.CLOUDWATCH.PR.1 on /VaultStack/Vault/" + alarm + "Alarm/Resource");
        }
        expected.add("CT.CLOUDWATCH.PR.3 on /VaultStack/Vault/LogGroup/Resource");
        expected.add("CT.LAMBDA.PR.3 on /VaultStack/Vault/Function/Resource");
        Stack stack = TestStacks.withVault(TestStacks.vaultProps().build(), v -> { });
        assertThat(Compliance.guardFindings(stack, stack.getNode().findChild("Vault"))).extracting(Finding::toString)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void readsControlIdsAndResourcesFromTheGuardReport() {
        String report = "<testsuites><testsuite><testcase name=\"ct-sqs-pr-1.guard\"><failure message=\"m\">"
                + "Value traversed to [Path=/Resources/Queue123/Properties[L:1,C:2]].Path=/Resources/Queue123/P"
                + "</failure></testcase><testcase name=\"ct-kms-pr-1.guard\" status=\"pass\"/></testsuite>"
                + "</testsuites>";
        assertThat(CfnGuard.failures(report)).extracting(Object::toString).containsExactly("CT.SQS.PR.1 on Queue123");
    }
}
