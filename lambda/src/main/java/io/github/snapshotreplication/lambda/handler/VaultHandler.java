package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.snapshotreplication.lambda.engine.VaultEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
        Invocation.handle(engine::handle, region, input, output, context);
    }
}
