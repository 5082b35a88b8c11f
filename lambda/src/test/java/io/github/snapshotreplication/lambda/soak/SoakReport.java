package io.github.snapshotreplication.lambda.soak;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a soak run did and checked; mutable while the run goes, printed at its end.
 */
public final class SoakReport {

    long seeds;
    long steps;
    long simulatedDays;
    long sweeps;
    long cutOffSweeps;
    long eventInvocations;
    long eventRecords;
    long duplicateRecords;
    /** Records whose snapshot already had a newer one when they arrived. */
    long outOfOrderRecords;
    long malformedRecords;
    long garbageInvocations;
    long missedEvents;
    long faultsArmed;
    long errorsInjected;
    long copiesStarted;
    long copiesCompleted;
    long deletes;
    long otherSweeps;
    long otherCopiesStarted;
    long otherDeletes;
    long restoresInTarget;
    long restoresInSource;
    /** Deletions the fake logged as done with the engine's key, each checked against who created the snapshot. */
    long engineDeletesChecked;
    /** Delete requests the engine sent for a look-alike, carried out or not: any is a violation. */
    long lookAlikeDeleteAttempts;
    long lookAlikeSurvivalChecks;
    long invariantChecks;
    long convergenceSweeps;
    long maxConvergenceSweeps;
    final Map<String, Long> faultsByKind = new TreeMap<>();
    final Map<String, Long> lookAlikes = new TreeMap<>();
    /** Adds another run's counts to this one. */
    public SoakReport add(SoakReport other) {
        seeds += other.seeds;
        steps += other.steps;
        simulatedDays += other.simulatedDays;
        sweeps += other.sweeps;
        cutOffSweeps += other.cutOffSweeps;
        eventInvocations += other.eventInvocations;
        eventRecords += other.eventRecords;
        duplicateRecords += other.duplicateRecords;
        outOfOrderRecords += other.outOfOrderRecords;
        malformedRecords += other.malformedRecords;
        garbageInvocations += other.garbageInvocations;
        missedEvents += other.missedEvents;
        faultsArmed += other.faultsArmed;
        errorsInjected += other.errorsInjected;
        copiesStarted += other.copiesStarted;
        copiesCompleted += other.copiesCompleted;
        deletes += other.deletes;
        otherSweeps += other.otherSweeps;
        otherCopiesStarted += other.otherCopiesStarted;
        otherDeletes += other.otherDeletes;
        restoresInTarget += other.restoresInTarget;
        restoresInSource += other.restoresInSource;
        engineDeletesChecked += other.engineDeletesChecked;
        lookAlikeDeleteAttempts += other.lookAlikeDeleteAttempts;
        lookAlikeSurvivalChecks += other.lookAlikeSurvivalChecks;
        invariantChecks += other.invariantChecks;
        convergenceSweeps += other.convergenceSweeps;
        maxConvergenceSweeps = Math.max(maxConvergenceSweeps, other.maxConvergenceSweeps);
        other.faultsByKind.forEach((k, v) -> faultsByKind.merge(k, v, Long::sum));
        other.lookAlikes.forEach((k, v) -> lookAlikes.merge(k, v, Long::sum));
        return this;
    }

    public long invariantChecks() {
        return invariantChecks;
    }

    public long copiesStarted() {
        return copiesStarted;
    }

    public long deletes() {
        return deletes;
    }

    public long sweeps() {
        return sweeps;
    }

    public long errorsInjected() {
        return errorsInjected;
    }

    public long eventRecords() {
        return eventRecords;
    }

    public long lookAlikesCreated() {
        return lookAlikes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long lookAlikeDeleteAttempts() {
        return lookAlikeDeleteAttempts;
    }

    public long engineDeletesChecked() {
        return engineDeletesChecked;
    }

    public long otherCopiesStarted() {
        return otherCopiesStarted;
    }

    public long restoresInSource() {
        return restoresInSource;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("chaos soak: %d seed(s), %d steps, %d simulated days%n", seeds, steps, simulatedDays));
        s.append(String.format("  invocations  sweeps %d (cut off %d), event batches %d, garbage inputs %d%n",
                sweeps, cutOffSweeps, eventInvocations, garbageInvocations));
        s.append(String.format("  events       records %d: duplicates %d, out of order %d, malformed %d;"
                + " missed (never delivered) %d%n", eventRecords, duplicateRecords, outOfOrderRecords,
                malformedRecords, missedEvents));
        s.append(String.format("  faults       armed %d %s; RDS errors injected %d%n", faultsArmed, faultsByKind,
                errorsInjected));
        s.append(String.format("  actions      copies started %d, copies completed %d, deletes %d%n", copiesStarted,
                copiesCompleted, deletes));
        s.append(String.format("  look-alikes  %d made %s; restores in target %d, in source %d (copied as"
                + " originals)%n", lookAlikesCreated(), lookAlikes, restoresInTarget, restoresInSource));
        s.append(String.format("  ground truth engine deletes %d, each created by the engine; deletes aimed at"
                + " look-alikes %d; look-alike survival checks %d%n", engineDeletesChecked, lookAlikeDeleteAttempts,
                lookAlikeSurvivalChecks));
        s.append(String.format("  other inst.  sweeps %d, copies started %d, deletes %d (none of its copies"
                + " touched by the engine)%n", otherSweeps, otherCopiesStarted, otherDeletes));
        s.append(String.format("  convergence  clean sweeps after the faults %d (at most %d in one run)%n",
                convergenceSweeps, maxConvergenceSweeps));
        s.append(String.format("  invariants   %d checks, 0 violations%n", invariantChecks));
        return s.toString();
    }
}
