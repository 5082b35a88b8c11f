package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point: decodes the input, lets the engine act, returns the summary. It fails the invocation only
 * on transient failures, so that Lambda's asynchronous retries and the dead-letter queue take over.
 */
public final class SnapshotReplicationHandler implements RequestStreamHandler {

    private final ReplicationEngine engine;
    private final String sourceRegion;

    /** Used by Lambda: settings and clients come from {@link LambdaRuntime}, built once in static initialisation. */
    public SnapshotReplicationHandler() {
        this(LambdaRuntime.ENGINE, LambdaRuntime.SETTINGS.sourceRegion());
    }

    SnapshotReplicationHandler(ReplicationEngine engine, String sourceRegion) {
        this.engine = engine;
        this.sourceRegion = sourceRegion;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.handle(engine::handle, sourceRegion, input, output, context);
    }
}
