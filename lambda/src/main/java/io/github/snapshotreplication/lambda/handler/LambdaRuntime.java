package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;

import java.time.Clock;

/**
 * The Lambda's long-lived objects, built once per execution environment in static initialisation so that
 * SnapStart snapshots them: the settings (a bad value fails the cold start with a message naming the variable)
 * and one RDS client per region. No credentials, timestamps or randomness are captured here. Then {@link Priming}
 * runs the request path once, offline and silently, so that the snapshot holds it warm.
 */
final class LambdaRuntime {

    static final ReplicationSettings SETTINGS = ReplicationSettings.fromEnvironment(System.getenv());

    static final ReplicationEngine ENGINE = ReplicationEngine.create(SETTINGS, ClientSettings.production(),
            new JsonLines(System.out), Clock.systemUTC());

    static {
        Priming.run(SETTINGS, ClientSettings.production());
    }

    private LambdaRuntime() {
    }
}
