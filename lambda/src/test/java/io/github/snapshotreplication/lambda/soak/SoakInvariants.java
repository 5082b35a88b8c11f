package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every invariant of the soak, checked around each invocation against the fake's ground truth: {@link
 * SafetyInvariants} (nothing an installation did not create is deleted) and {@link CopyInvariants} (copies,
 * retention, copy slots). A violation throws {@link AssertionError}; every check passed is counted.
 */
final class SoakInvariants {

    private final FakeRegion target;
    private final SafetyInvariants safety;
    private final CopyInvariants copies;
    private final Checks checks;

    SoakInvariants(FakeRdsServer rds, List<Installation> installations, SoakFleet fleet, LookAlikes lookAlikes,
                   SoakConfig config, SoakReport report) {
        this.target = rds.region(SoakFleet.TARGET);
        this.checks = new Checks(report);
        this.safety = new SafetyInvariants(rds, installations, lookAlikes, report, checks);
        this.copies = new CopyInvariants(target, installations, fleet, config, report, checks);
    }

    /** Records the state an invocation starts from. */
    void beforeStep() {
        Map<String, Held> now = Held.all(target);
        safety.beforeStep(now);
        copies.beforeStep(now);
    }

    /** Everything that must hold after any invocation, faults or not, given the requests it sent. */
    void afterStep(List<RecordedRequest> requests) {
        Map<String, Held> now = Held.all(target);
        safety.afterStep(now, requests);
        copies.afterStep(now, requests);
    }

    /** Retention and reporting, right after a sweep that ran clean to its end (before any copy finishes). */
    void afterCleanSweep(Installation installation, RunSummary summary, Instant now) {
        copies.afterCleanSweep(installation, summary, now);
    }

    void check(boolean condition, Supplier<String> violation) {
        checks.check(condition, violation);
    }
}
