package io.github.snapshotreplication.lambda.config;

import java.util.List;

/**
 * The environment holds values the Lambda cannot run with; the message names every bad variable and the fix.
 */
public final class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One exception for all problems found, so a single deploy can fix them all. */
    public InvalidSettingsException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, naming its variable. */
    public List<String> problems() {
        return problems;
    }
}
