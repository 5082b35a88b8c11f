package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.lambda.output.RunSummary;

/**
 * Thrown after every record was processed when some failure may go away on a retry (throttling, 5xx, timeouts):
 * Lambda then retries the asynchronous invocation and finally sends it to the dead-letter queue.
 */
public final class TransientFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RunSummary summary;

    TransientFailureException(RunSummary summary) {
        super("transient failures, the invocation will be retried: " + String.join("; ",
                summary.transientFailures()));
        this.summary = summary;
    }

    /** What the invocation did before failing. */
    public RunSummary summary() {
        return summary;
    }
}
