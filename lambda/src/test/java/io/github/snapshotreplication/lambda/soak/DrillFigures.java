package io.github.snapshotreplication.lambda.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the restore drill did in a soak run and what was checked of it; part of {@link SoakReport}. Restore
 * durations are kept per passed drill: measured (the drill's {@code RestoreDurationSeconds}) and simulated (from
 * the drill's restore request until RDS made its last database available, by the fake's clock).
 */
final class DrillFigures {

    long rounds;
    long runs;
    /** Ticks of the advance schedule whose run could only have waited: not run. */
    long idleTicks;
    /** Runs not invoked at all (a lost invocation). */
    long lostRuns;
    long errorsInjected;
    /** Drills whose restore RDS accepted: a database was created. */
    long started;
    long passed;
    long deletes;
    long ledgerWrites;
    long requestsChecked;
    long deletionsChecked;
    /** Delete requests the drill sent for a look-alike database, carried out or not: any is a violation. */
    long lookAlikeDeleteAttempts;
    long checks;
    /** Longest time from a drill's start until the drill asked RDS to delete its database, in minutes. */
    long maxLifetimeMinutes;
    /** Drill databases whose delete came after DRILL_MAX_DURATION + one interval: runs had been lost or faulted. */
    long pastFirstCap;
    final Map<String, Long> faultsByKind = new TreeMap<>();
    /** Failed drills by cause, refused restores included. */
    final Map<String, Long> failed = new TreeMap<>();
    final Map<String, Long> lookAlikes = new TreeMap<>();
    private final List<Long> measured = new ArrayList<>();
    private final List<Long> simulated = new ArrayList<>();

    void outcome(boolean wasPassed, String cause) {
        if (wasPassed) {
            passed++;
        } else {
            failed.merge(cause, 1L, Long::sum);
        }
    }

    void deleted(Duration lifetime) {
        deletes++;
        maxLifetimeMinutes = Math.max(maxLifetimeMinutes, lifetime.toMinutes());
        if (lifetime.compareTo(SoakDrill.MAX_DURATION.plus(SoakDrill.ADVANCE)) > 0) {
            pastFirstCap++;
        }
    }

    void restoreDurations(Duration measuredDuration, Duration simulatedDuration) {
        measured.add(measuredDuration.getSeconds());
        simulated.add(simulatedDuration.getSeconds());
    }

    void add(DrillFigures other) {
        rounds += other.rounds;
        runs += other.runs;
        idleTicks += other.idleTicks;
        lostRuns += other.lostRuns;
        errorsInjected += other.errorsInjected;
        started += other.started;
        passed += other.passed;
        deletes += other.deletes;
        ledgerWrites += other.ledgerWrites;
        requestsChecked += other.requestsChecked;
        deletionsChecked += other.deletionsChecked;
        lookAlikeDeleteAttempts += other.lookAlikeDeleteAttempts;
        checks += other.checks;
        maxLifetimeMinutes = Math.max(maxLifetimeMinutes, other.maxLifetimeMinutes);
        pastFirstCap += other.pastFirstCap;
        other.faultsByKind.forEach((k, v) -> faultsByKind.merge(k, v, Long::sum));
        other.failed.forEach((k, v) -> failed.merge(k, v, Long::sum));
        other.lookAlikes.forEach((k, v) -> lookAlikes.merge(k, v, Long::sum));
        measured.addAll(other.measured);
        simulated.addAll(other.simulated);
    }

    long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    long lookAlikesCreated() {
        return lookAlikes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Passed drills whose restore durations were compared. */
    int durationsCompared() {
        return measured.size();
    }

    /** The report's lines, indented as {@link SoakReport}'s. */
    String lines() {
        List<Long> difference = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            difference.add(measured.get(i) - simulated.get(i));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format("  drills       rounds %d, runs %d (lost %d; %d idle ticks not run), faults %s, RDS"
                + " errors injected %d%n", rounds, runs, lostRuns, idleTicks, faultsByKind, errorsInjected));
        s.append(String.format("  drill ends   started %d; passed %d; failed %d %s%n", started, passed, failedTotal(),
                failed));
        s.append(String.format("  drill safety requests checked %d (ledger writes %d, deletes %d), deletions checked"
                + " %d; look-alike databases %d made %s, deletes aimed at them %d%n", requestsChecked, ledgerWrites,
                deletes, deletionsChecked, lookAlikesCreated(), lookAlikes, lookAlikeDeleteAttempts));
        s.append(String.format("  drill caps   longest life until delete %d min (cap %d min + one interval per lost"
                + " run; %d past %d min)%n", maxLifetimeMinutes, SoakDrill.MAX_DURATION.plus(SoakDrill.ADVANCE)
                .toMinutes(), pastFirstCap, SoakDrill.MAX_DURATION.plus(SoakDrill.ADVANCE).toMinutes()));
        s.append(String.format("  restore min  %d passed drills: measured %s; simulated %s; difference %s%n",
                measured.size(), stats(measured), stats(simulated), stats(difference)));
        s.append(String.format("  drill checks %d%n", checks));
        return s.toString();
    }

    /** Mean, median, 95th percentile and maximum of durations in seconds, in minutes. */
    private static String stats(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
        return String.format("mean %.1f / p50 %.1f / p95 %.1f / max %.1f", mean / 60, percentile(sorted, 50) / 60.0,
                percentile(sorted, 95) / 60.0, sorted.get(sorted.size() - 1) / 60.0);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
