package io.github.snapshotreplication.contract;

/**
 * Where the construct finds the Lambda jar on its own classpath, and which handler it names.
 */
public final class LambdaArtifact {

    /** Classpath resource of the shaded Lambda jar inside the construct's artifact. */
    public static final String JAR_RESOURCE = "/io/github/snapshotreplication/lambda/snapshot-replication-lambda.jar";

    /** Fully qualified handler of the Lambda function. */
    public static final String HANDLER =
            "io.github.snapshotreplication.lambda.handler.SnapshotReplicationHandler::handleRequest";

    /** Fully qualified handler of the vault account's function, in the same jar. */
    public static final String VAULT_HANDLER =
            "io.github.snapshotreplication.lambda.handler.VaultHandler::handleRequest";

    /** Fully qualified handler of the restore drill's function, in the same jar. */
    public static final String DRILL_HANDLER =
            "io.github.snapshotreplication.lambda.handler.RestoreDrillHandler::handleRequest";

    private LambdaArtifact() {
    }
}
