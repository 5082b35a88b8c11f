package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
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
    long followUpSweeps;
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
    /** Engine runs that found copies of other actors holding slots: the slot check counts them against the caps. */
    long engineRunsBesideOthersCopies;
    long restoresInSource;
    /** Deletions the fake logged as done with the engine's key, each checked against who created the snapshot. */
    long engineDeletesChecked;
    /** Delete requests the engine sent for a look-alike, carried out or not: any is a violation. */
    long lookAlikeDeleteAttempts;
    long lookAlikeSurvivalChecks;
    long invariantChecks;
    final Map<String, Long> faultsByKind = new TreeMap<>();
    final Map<String, Long> lookAlikes = new TreeMap<>();
    /** Most cross-region copies in flight into the target region at once, per kind, anyone's. */
    final Map<String, Long> maxInFlight = new TreeMap<>();
    /** The same, the engine's own. */
    final Map<String, Long> maxEngineInFlight = new TreeMap<>();
    /** Per kind: databases missing a copy plus copies holding a slot when the faults stopped, summed over seeds. */
    final Map<String, Long> backlog = new TreeMap<>();
    /** Per kind: the longest time to protection after the faults stopped, in minutes, and its run's bound. */
    final Map<String, long[]> convergence = new TreeMap<>();
    /** Per kind: the smallest bound minus time to protection of any run, in minutes. */
    final Map<String, Long> convergenceMargin = new TreeMap<>();

    /** Records one run's time to protection for {@code kind}. */
    void convergence(SnapshotKind kind, Duration took, Duration bound) {
        long[] worst = convergence.get(kind.name());
        if (worst == null || took.toMinutes() > worst[0]) {
            convergence.put(kind.name(), new long[] {took.toMinutes(), bound.toMinutes()});
        }
        convergenceMargin.merge(kind.name(), bound.minus(took).toMinutes(), Math::min);
    }

    /** Adds another run's counts to this one. */
    public SoakReport add(SoakReport other) {
        seeds += other.seeds;
        steps += other.steps;
        simulatedDays += other.simulatedDays;
        sweeps += other.sweeps;
        followUpSweeps += other.followUpSweeps;
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
        engineRunsBesideOthersCopies += other.engineRunsBesideOthersCopies;
        restoresInSource += other.restoresInSource;
        engineDeletesChecked += other.engineDeletesChecked;
        lookAlikeDeleteAttempts += other.lookAlikeDeleteAttempts;
        lookAlikeSurvivalChecks += other.lookAlikeSurvivalChecks;
        invariantChecks += other.invariantChecks;
        other.faultsByKind.forEach((k, v) -> faultsByKind.merge(k, v, Long::sum));
        other.lookAlikes.forEach((k, v) -> lookAlikes.merge(k, v, Long::sum));
        other.maxInFlight.forEach((k, v) -> maxInFlight.merge(k, v, Math::max));
        other.maxEngineInFlight.forEach((k, v) -> maxEngineInFlight.merge(k, v, Math::max));
        other.backlog.forEach((k, v) -> backlog.merge(k, v, Long::sum));
        other.convergence.forEach((k, v) -> {
            long[] worst = convergence.get(k);
            if (worst == null || v[0] > worst[0]) {
                convergence.put(k, v);
            }
        });
        other.convergenceMargin.forEach((k, v) -> convergenceMargin.merge(k, v, Math::min));
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

    public long followUpSweeps() {
        return followUpSweeps;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("chaos soak: %d seed(s), %d steps, %d simulated days%n", seeds, steps, simulatedDays));
        s.append(String.format("  invocations  sweeps %d (follow-ups %d, cut off %d), event batches %d, garbage"
                + " inputs %d%n", sweeps, followUpSweeps, cutOffSweeps, eventInvocations, garbageInvocations));
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
        s.append(String.format("  in flight    max at once, anyone's %s (RDS limits DB_SNAPSHOT=20,"
                + " DB_CLUSTER_SNAPSHOT=5); the engine's own %s; engine runs beside others' copies %d%n",
                maxInFlight, maxEngineInFlight, engineRunsBesideOthersCopies));
        StringBuilder times = new StringBuilder();
        convergence.forEach((kind, worst) -> times.append(String.format(" %s %d min (bound %d),", kind, worst[0],
                worst[1])));
        s.append(String.format("  convergence  backlog when faults stopped %s; slowest:%s tightest margin %s min%n",
                backlog, times, convergenceMargin));
        s.append(String.format("  invariants   %d checks, 0 violations%n", invariantChecks));
        return s.toString();
    }
}
