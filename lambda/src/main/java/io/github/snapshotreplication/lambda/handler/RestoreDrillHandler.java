package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.snapshotreplication.lambda.engine.DrillEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the restore drill's function: decodes the schedule's input, lets the drill engine run,
 * returns the summary. Like the other handlers it fails the invocation only on transient failures.
 */
public final class RestoreDrillHandler implements RequestStreamHandler {

    private final DrillEngine engine;
    private final String region;

    /** Used by Lambda: settings and clients come from {@link DrillRuntime}, built once in static initialisation. */
    public RestoreDrillHandler() {
        this(DrillRuntime.ENGINE, DrillRuntime.SETTINGS.replication().sourceRegion());
    }

    RestoreDrillHandler(DrillEngine engine, String region) {
        this.engine = engine;
        this.region = region;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.handle(engine::handle, region, input, output, context);
    }
}
