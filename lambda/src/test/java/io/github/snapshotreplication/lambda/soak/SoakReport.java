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
    long vaultSweeps;
    /** Times the vault's function was down for one to five days. */
    long vaultOutages;
    /** Copies the engine shared with the vault account. */
    long vaultShares;
    long vaultCopies;
    long vaultCopiesCompleted;
    /** The vault's copies shared back with their source account. */
    long vaultReceipts;
    /** Deletions in the vault account, each checked: the vault's own copy, past retention, not a database's newest. */
    long vaultDeletesChecked;
    /** The engine's deletes of available copies while the vault's copy of each was there. */
    long handOverDeletesWithVaultCopy;
    /** ...and after the vault's retention had removed its copy (which had been available). */
    long handOverDeletesAfterVaultExpiry;
    /** After clean sweeps: copies past the engine's retention that it kept because the vault had no copy yet. */
    long copiesKeptForVault;
    long strangerShares;
    long compromiseSweeps;
    long compromiseDays;
    long attackerDeletes;
    /** The attacker's deletes of snapshots other accounts share with the source account, all refused. */
    long attackerRefused;
    long junkShared;
    long junkCopied;
    /** Vault copies of a source it had copied before and expired, still shared by the attacker. */
    /** Databases with an available vault copy when the attacker struck. */
    long compromiseExpected;
    /** ...whose newest pre-compromise vault copy was still there, available, at the end. */
    long compromiseSurvivors;
    long compromiseVaultDeletes;
    long invariantChecks;
    final Map<String, Long> faultsByKind = new TreeMap<>();
    final Map<String, Long> lookAlikes = new TreeMap<>();
    final Map<String, Long> vaultLookAlikes = new TreeMap<>();
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
    /** The restore drill's part. */
    final DrillFigures drills = new DrillFigures();

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
        vaultSweeps += other.vaultSweeps;
        vaultOutages += other.vaultOutages;
        vaultShares += other.vaultShares;
        vaultCopies += other.vaultCopies;
        vaultCopiesCompleted += other.vaultCopiesCompleted;
        vaultReceipts += other.vaultReceipts;
        vaultDeletesChecked += other.vaultDeletesChecked;
        handOverDeletesWithVaultCopy += other.handOverDeletesWithVaultCopy;
        handOverDeletesAfterVaultExpiry += other.handOverDeletesAfterVaultExpiry;
        copiesKeptForVault += other.copiesKeptForVault;
        strangerShares += other.strangerShares;
        compromiseSweeps += other.compromiseSweeps;
        compromiseDays += other.compromiseDays;
        attackerDeletes += other.attackerDeletes;
        attackerRefused += other.attackerRefused;
        junkShared += other.junkShared;
        junkCopied += other.junkCopied;
        compromiseExpected += other.compromiseExpected;
        compromiseSurvivors += other.compromiseSurvivors;
        compromiseVaultDeletes += other.compromiseVaultDeletes;
        invariantChecks += other.invariantChecks;
        other.faultsByKind.forEach((k, v) -> faultsByKind.merge(k, v, Long::sum));
        other.lookAlikes.forEach((k, v) -> lookAlikes.merge(k, v, Long::sum));
        other.vaultLookAlikes.forEach((k, v) -> vaultLookAlikes.merge(k, v, Long::sum));
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
        drills.add(other.drills);
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

    public long vaultCopies() {
        return vaultCopies;
    }

    public long vaultReceipts() {
        return vaultReceipts;
    }

    public long vaultDeletesChecked() {
        return vaultDeletesChecked;
    }

    public long copiesKeptForVault() {
        return copiesKeptForVault;
    }

    public long handOverDeletes() {
        return handOverDeletesWithVaultCopy + handOverDeletesAfterVaultExpiry;
    }

    public long vaultLookAlikesCreated() {
        return vaultLookAlikes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long strangerShares() {
        return strangerShares;
    }

    public long attackerDeletes() {
        return attackerDeletes;
    }

    public long junkCopied() {
        return junkCopied;
    }

    public long compromiseExpected() {
        return compromiseExpected;
    }

    public long compromiseSurvivors() {
        return compromiseSurvivors;
    }

    public long drillsStarted() {
        return drills.started;
    }

    public long drillsPassed() {
        return drills.passed;
    }

    /** Failed drills by cause ({@code timeout}, {@code engine-version}...), refused restores included. */
    public Map<String, Long> drillFailures() {
        return drills.failed;
    }

    public long drillRunsLost() {
        return drills.lostRuns;
    }

    public long drillLookAlikesCreated() {
        return drills.lookAlikesCreated();
    }

    public Map<String, Long> drillLookAlikes() {
        return drills.lookAlikes;
    }

    public long drillLookAlikeDeleteAttempts() {
        return drills.lookAlikeDeleteAttempts;
    }

    public long drillInvariantChecks() {
        return drills.checks;
    }

    public long drillRequestsChecked() {
        return drills.requestsChecked;
    }

    /** Passed drills whose measured restore duration was compared with RDS's simulated one. */
    public long drillDurationsCompared() {
        return drills.durationsCompared();
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
        s.append(String.format("  vault        sweeps %d (outages %d: one of RETENTION_MAX_AGE + 3 days, others 1"
                + " to 5); engine shares %d; vault copies"
                + " started %d, completed %d; receipts %d; vault deletes %d, each its own copy past VAULT_RETENTION"
                + " and not its database's newest%n", vaultSweeps, vaultOutages, vaultShares, vaultCopies,
                vaultCopiesCompleted, vaultReceipts, vaultDeletesChecked));
        s.append(String.format("  hand-over    copies past retention kept for the vault (after clean sweeps) %d;"
                + " engine deletes of copies the vault held: %d while its copy was there, %d after the vault's"
                + " retention removed it%n", copiesKeptForVault, handOverDeletesWithVaultCopy,
                handOverDeletesAfterVaultExpiry));
        s.append(String.format("  vault world  look-alikes %d made %s; stranger shares %d, none copied%n",
                vaultLookAlikesCreated(), vaultLookAlikes, strangerShares));
        s.append(String.format("  compromise   attacker deleted %d snapshots, %d deletes of others' refused; junk"
                + " shared %d, copied by the vault %d (each once); vault swept %d times over %d"
                + " days, deleted %d; newest pre-compromise vault copies surviving %d of %d%n", attackerDeletes,
                attackerRefused, junkShared, junkCopied, compromiseSweeps, compromiseDays,
                compromiseVaultDeletes, compromiseSurvivors, compromiseExpected));
        s.append(drills.lines());
        s.append(String.format("  invariants   %d checks, 0 violations%n", invariantChecks));
        return s.toString();
    }
}
