package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every invariant of the soak, checked around each invocation against the fake's ground truth: {@link
 * SafetyInvariants} (nothing an installation did not create is deleted), {@link CopyInvariants} (copies,
 * retention, copy slots), {@link HandOverInvariants} (the engine lets a copy go only once the vault holds its own),
 * {@link VaultInvariants} (the vault account's side) and {@link DrillInvariants} (the restore drill). A violation
 * throws {@link AssertionError}; every check passed is counted.
 */
final class SoakInvariants {

    private final FakeRdsServer rds;
    private final FakeRegion target;
    private final Clock clock;
    private final SafetyInvariants safety;
    private final CopyInvariants copies;
    private final VaultInvariants vault;
    private final HandOverInvariants handOver;
    private final DrillInvariants drills;
    private final Checks checks;
    private Map<String, Held> before = Map.of();
    private int deletionsSeen;

    SoakInvariants(FakeRdsServer rds, List<Installation> installations, SoakFleet fleet, LookAlikes lookAlikes,
                   SoakConfig config, SoakReport report, SoakVault soakVault, LookAlikes vaultLookAlikes,
                   Set<String> strangers, DrillUsers drillUsers, Clock clock) {
        this.rds = rds;
        this.target = rds.region(SoakFleet.TARGET);
        this.clock = clock;
        this.checks = new Checks(report);
        this.safety = new SafetyInvariants(rds, installations, lookAlikes, report, checks);
        this.vault = new VaultInvariants(rds, soakVault, installations.get(0), vaultLookAlikes, strangers, report,
                checks);
        this.handOver = new HandOverInvariants(installations.get(0), vault, report, checks);
        this.copies = new CopyInvariants(target, installations, fleet, config, report, checks, handOver::mayHold);
        this.drills = new DrillInvariants(rds, installations.get(0), drillUsers, report, checks);
    }

    /** Records the state an invocation starts from. */
    void beforeStep() {
        before = Held.all(target);
        safety.beforeStep(before);
        copies.beforeStep(before);
        vault.beforeStep(before);
        handOver.beforeStep(before);
        drills.beforeStep(before);
        deletionsSeen = rds.account(SoakFleet.ACCOUNT).deletions().size();
    }

    /** Everything that must hold after any invocation, faults or not, given the requests it sent. */
    void afterStep(List<RecordedRequest> requests) {
        Map<String, Held> now = Held.all(target);
        List<Deletion> all = rds.account(SoakFleet.ACCOUNT).deletions();
        List<Deletion> fresh = List.copyOf(all.subList(deletionsSeen, all.size()));
        safety.afterStep(now, requests);
        copies.afterStep(now, requests);
        vault.afterStep(now, requests, clock.instant());
        handOver.afterStep(now, fresh, requests);
        drills.afterStep(requests, clock.instant());
    }

    /** Retention and reporting, right after a sweep that ran clean to its end (before any copy finishes). */
    void afterCleanSweep(Installation installation, RunSummary summary, Instant now) {
        copies.afterCleanSweep(installation, summary, now);
    }

    /** The vault's copies, receipts, retention and reporting, right after a vault sweep that ran clean. */
    void afterCleanVaultSweep(RunSummary summary, Instant now) {
        vault.afterCleanSweep(summary, now);
    }

    /** The restore drill's checks. */
    DrillInvariants drills() {
        return drills;
    }

    /** The vault's own checks, for the phase when the source account is the attacker's. */
    VaultInvariants vault() {
        return vault;
    }

    void check(boolean condition, Supplier<String> violation) {
        checks.check(condition, violation);
    }
}
