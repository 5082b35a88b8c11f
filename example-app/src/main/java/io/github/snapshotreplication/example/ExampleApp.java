package io.github.snapshotreplication.example;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The example CDK app that {@code cdk.json} runs: one stack with an RDS instance, an Aurora cluster and the
 * replication.
 *
 * <p>The account comes from {@code CDK_DEFAULT_ACCOUNT} when the CDK CLI has credentials, else the documentation
 * account 123456789012, so {@code cdk synth} works without an AWS account. The region is fixed to eu-west-1 because
 * the copies go to eu-central-1.
 */
public final class ExampleApp {

    /** Source region of the example databases. */
    public static final String REGION = "eu-west-1";
    /** Account used when the CDK CLI has no credentials. */
    public static final String FALLBACK_ACCOUNT = "123456789012";

    private ExampleApp() {
    }

    /**
     * Synthesizes the example app into the directory the CDK CLI passes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        App app = new App();
        new DatabaseStack(app, "ExampleDatabaseStack", StackProps.builder().env(environment()).build());
        app.synth();
    }

    /** @return the environment of the example stack */
    static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        return Environment.builder()
                .account(account == null || account.isBlank() ? FALLBACK_ACCOUNT : account)
                .region(REGION)
                .build();
    }
}
