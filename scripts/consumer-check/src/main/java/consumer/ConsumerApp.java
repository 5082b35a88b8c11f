package consumer;

import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplication;
import io.github.snapshotreplication.cdk.CrossRegionSnapshotReplicationProps;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.kms.Key;

/** Synthesizes a stack with the construct and checks the Lambda asset is a jar file in the cloud assembly. */
public final class ConsumerApp {

    public static void main(String[] args) throws Exception {
        Path outdir = Path.of(args.length > 0 ? args[0] : "target/cdk.out");
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        Stack stack = new Stack(app, "ConsumerStack", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build())
                .build());
        new CrossRegionSnapshotReplication(stack, "Replication", CrossRegionSnapshotReplicationProps.builder()
                .targetRegion("eu-central-1")
                .targetKey(Key.fromKeyArn(stack, "TargetKey",
                        "arn:aws:kms:eu-central-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789"))
                .build());
        CloudAssembly assembly = app.synth();
        String template = Files.readString(outdir.resolve("ConsumerStack.template.json"));
        long jars;
        try (var files = Files.list(outdir)) {
            jars = files.filter(p -> p.getFileName().toString().matches("asset\\.[0-9a-f]{64}\\.jar")).count();
        }
        if (!template.contains("AWS::Lambda::Function") || jars != 1) {
            System.err.println("consumer check FAILED: function in template="
                    + template.contains("AWS::Lambda::Function")
                    + ", jar assets=" + jars + " in " + outdir);
            System.exit(1);
        }
        System.out.println("consumer check ok: " + assembly.getStacks().size() + " stack, 1 jar asset in " + outdir);
    }
}
