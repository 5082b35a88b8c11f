package io.github.snapshotreplication.lambda.soak;

import java.util.function.Supplier;

/** Counts every check passed and throws {@link AssertionError} on the first violation. */
final class Checks {

    private final SoakReport report;

    Checks(SoakReport report) {
        this.report = report;
    }

    void check(boolean condition, Supplier<String> violation) {
        report.invariantChecks++;
        if (!condition) {
            throw new AssertionError(violation.get());
        }
    }
}
