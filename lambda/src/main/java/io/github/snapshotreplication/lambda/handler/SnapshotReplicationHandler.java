package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
        var origin = new ExpectedOrigin(sourceRegion, ExpectedOrigin.accountOf(context.getInvokedFunctionArn()));
        var budget = TimeBudget.of(context::getRemainingTimeInMillis, TimeBudget.DEFAULT_RESERVE);
        RunSummary summary = engine.handle(new EventParser(origin).parse(input), budget);
        if (summary.hasTransientFailures()) {
            throw new TransientFailureException(summary);
        }
        output.write(summary.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
