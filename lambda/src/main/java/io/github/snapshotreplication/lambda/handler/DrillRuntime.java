package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.engine.DrillEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;

import java.time.Clock;

/**
 * The restore drill function's long-lived objects, built once per execution environment; a bad setting fails the
 * cold start with a message naming it.
 */
final class DrillRuntime {

    static final DrillSettings SETTINGS = DrillSettings.fromEnvironment(System.getenv());

    static final DrillEngine ENGINE = DrillEngine.create(SETTINGS, ClientSettings.production(),
            new JsonLines(System.out), Clock.systemUTC());

    private DrillRuntime() {
    }
}
