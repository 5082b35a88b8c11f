package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.engine.VaultEngine;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lambda entry point of the vault account's function ({@code SnapshotVault}): decodes the input, lets the vault
 * engine sweep, returns the summary. Like the replication handler it fails the invocation only on transient failures.
 */
public final class VaultHandler implements RequestStreamHandler {

    private final VaultEngine engine;
    private final String region;

    /** Used by Lambda: settings and client come from {@link VaultRuntime}, built once in static initialisation. */
    public VaultHandler() {
        this(VaultRuntime.ENGINE, VaultRuntime.SETTINGS.region());
    }

    VaultHandler(VaultEngine engine, String region) {
        this.engine = engine;
        this.region = region;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var origin = new ExpectedOrigin(region, ExpectedOrigin.accountOf(context.getInvokedFunctionArn()));
        var budget = TimeBudget.of(context::getRemainingTimeInMillis, TimeBudget.DEFAULT_RESERVE);
        RunSummary summary = engine.handle(new EventParser(origin).parse(input), budget);
        if (summary.hasTransientFailures()) {
            throw new TransientFailureException(summary);
        }
        output.write(summary.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
