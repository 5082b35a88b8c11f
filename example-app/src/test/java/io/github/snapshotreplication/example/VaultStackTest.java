package io.github.snapshotreplication.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.compliance.Compliance;
import io.github.snapshotreplication.compliance.Compliance.Finding;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The vault account's stack: the vault keeps the database account's copies, and passes the same checks. */
class VaultStackTest {

    private static VaultStack stack() {
        return new VaultStack(new App(), "ExampleVaultStack",
                StackProps.builder().env(ExampleApp.vaultEnvironment()).build(), ExampleApp.FALLBACK_ACCOUNT);
    }

    @Test
    void theAppDefinesTheDatabasesInTheirAccountAndTheVaultInItsOwnInTheTargetRegion() {
        App app = new App();
        ExampleApp.define(app);
        Stack databases = (Stack) app.getNode().findChild("ExampleDatabaseStack");
        Stack vault = (Stack) app.getNode().findChild("ExampleVaultStack");
        assertThat(vault.getAccount()).isEqualTo(ExampleApp.VAULT_ACCOUNT).isNotEqualTo(databases.getAccount());
        assertThat(vault.getRegion()).isEqualTo(ExampleApp.TARGET_REGION);
        assertThat(((VaultStack) vault).getVault().getSourceAccounts()).containsExactly(databases.getAccount());
        assertThat(((DatabaseStack) databases).getReplication().getNode().getPath()).isNotEmpty();
    }

    @Test
    void theVaultKeepsTheDatabaseAccountsCopiesWithAuroraInAVpcWithoutInternetAccess() {
        Template template = Template.fromStack(stack());
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", Match.stringLikeRegexp(".*VaultHandler::handleRequest"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "VAULT_SOURCE_ACCOUNTS", "[\"" + ExampleApp.FALLBACK_ACCOUNT + "\"]",
                        "INCLUDE_AURORA_CLUSTERS", "true"))),
                "VpcConfig", Match.anyValue()));
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("ServiceName", "com.amazonaws.eu-central-1.rds",
                "PrivateDnsEnabled", true));
    }

    @Test
    void theVaultPassesEveryCdkNagPackAndTheControlTowerControls() {
        VaultStack nag = stack();
        List<Finding> findings = Compliance.nagFindings(nag, nag);
        assertThat(findings).filteredOn(f -> f.path().startsWith("/ExampleVaultStack/SnapshotVault/")).isEmpty();
        VaultStack guard = stack();
        assertThat(Compliance.guardFindings(guard, guard.getVault())).isEmpty();
    }

    @Test
    void theVaultWarnsAboutNothing() {
        assertThat(Annotations.fromStack(stack()).findWarning("*", Match.anyValue()))
                .extracting(m -> m.getEntry().getData()).isEmpty();
    }
}
