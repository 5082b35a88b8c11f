package io.github.snapshotreplication.example;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The example CDK app that {@code cdk.json} runs: a stack with an RDS instance, an Aurora cluster and the
 * replication, and the stack of its vault account.
 *
 * <p>The database account comes from {@code CDK_DEFAULT_ACCOUNT} when the CDK CLI has credentials, else the
 * documentation account 123456789012, so {@code cdk synth} works without an AWS account. The region is fixed to
 * eu-west-1 because the copies go to eu-central-1. The vault account is the invented 210987654321: replace it with
 * yours.
 */
public final class ExampleApp {

    /** Source region of the example databases. */
    public static final String REGION = "eu-west-1";
    /** Account used when the CDK CLI has no credentials. */
    public static final String FALLBACK_ACCOUNT = "123456789012";
    /** Region the copies go to, and the vault's region. */
    public static final String TARGET_REGION = "eu-central-1";
    /** The vault account (invented; replace it with yours). */
    public static final String VAULT_ACCOUNT = "210987654321";

    private ExampleApp() {
    }

    /**
     * Synthesizes the example app into the directory the CDK CLI passes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        App app = new App();
        define(app);
        app.synth();
    }

    /**
     * Defines the two stacks: the databases with their replication, and the vault that keeps its copies.
     *
     * @param app the app
     */
    static void define(App app) {
        DatabaseStack databases = new DatabaseStack(app, "ExampleDatabaseStack",
                StackProps.builder().env(environment()).build());
        new VaultStack(app, "ExampleVaultStack", StackProps.builder().env(vaultEnvironment()).build(),
                databases.getAccount());
    }

    /** @return the environment of the example stack */
    static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        return Environment.builder()
                .account(account == null || account.isBlank() ? FALLBACK_ACCOUNT : account)
                .region(REGION)
                .build();
    }

    /** @return the environment of the vault stack: the vault account, in the target region */
    static Environment vaultEnvironment() {
        return Environment.builder().account(VAULT_ACCOUNT).region(TARGET_REGION).build();
    }
}
