package io.github.snapshotreplication.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * What both Lambda entry points do with one invocation: decode the input for the function's own region and account,
 * let the engine act within the remaining time, return the summary. The invocation fails only on transient failures,
 * so that Lambda's asynchronous retries and the dead-letter queue take over.
 */
final class Invocation {

    private Invocation() {
    }

    static void handle(BiFunction<InvocationEvent, TimeBudget, RunSummary> engine, String region, InputStream input,
                       OutputStream output, Context context) throws IOException {
        var origin = new ExpectedOrigin(region, ExpectedOrigin.accountOf(context.getInvokedFunctionArn()));
        var budget = TimeBudget.of(context::getRemainingTimeInMillis, TimeBudget.DEFAULT_RESERVE);
        RunSummary summary = engine.apply(new EventParser(origin).parse(input), budget);
        if (summary.hasTransientFailures()) {
            throw new TransientFailureException(summary);
        }
        output.write(summary.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
