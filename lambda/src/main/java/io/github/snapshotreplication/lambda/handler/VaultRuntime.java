package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.config.VaultSettings;
import io.github.snapshotreplication.lambda.engine.VaultEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;

import java.time.Clock;

/**
 * The vault function's long-lived objects, built once per execution environment in static initialisation so that
 * SnapStart snapshots them; a bad setting fails the cold start with a message naming it. Separate from
 * {@link LambdaRuntime}: the vault function has none of the replication function's settings.
 */
final class VaultRuntime {

    static final VaultSettings SETTINGS = VaultSettings.fromEnvironment(System.getenv());

    static final VaultEngine ENGINE = VaultEngine.create(SETTINGS, ClientSettings.production(),
            new JsonLines(System.out), Clock.systemUTC());

    private VaultRuntime() {
    }
}
