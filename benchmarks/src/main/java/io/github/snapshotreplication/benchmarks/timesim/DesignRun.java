package io.github.snapshotreplication.benchmarks.timesim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One design over one fleet: RDS takes every database's daily snapshot at its time, each hour of the measured days
 * is sampled, and the design reacts to what happens. The warm-up days let copies, retention and any backlog reach
 * their steady state before anything is measured.
 */
abstract class DesignRun {

    /** RDS keeps automated snapshots this long (BackupRetentionPeriod 7, the default). */
    static final int BACKUP_RETENTION_DAYS = 7;
    /** When the RDS event of a new snapshot reaches the function (SNS, then Lambda): shortly after. */
    static final long EVENT_DELAY = 120;

    protected final SimFleet fleet;
    protected final SimLoop loop = new SimLoop(SimFleet.START);
    protected final RecoveryPointAges ages;
    private final int warmUpDays;
    private final int measuredDays;

    DesignRun(SimFleet fleet, int warmUpDays, int measuredDays) {
        this.fleet = fleet;
        this.ages = new RecoveryPointAges(fleet.size());
        this.warmUpDays = warmUpDays;
        this.measuredDays = measuredDays;
    }

    /** Runs the warm-up and the measured days. */
    final Measured run() {
        int days = warmUpDays + measuredDays;
        for (int day = 0; day < days; day++) {
            for (int db = 0; db < fleet.size(); db++) {
                int d = day;
                int database = db;
                loop.at(fleet.backupAt(db, day), SimLoop.SNAPSHOT, () -> snapshotTaken(database, d));
            }
            scheduleDay(day);
        }
        for (long hour = warmUpDays * 24L; hour < days * 24L; hour++) {
            loop.at(hour * SimFleet.HOUR, SimLoop.SAMPLE, () -> ages.sample(loop.now()));
        }
        loop.runUntil(warmUpDays * SimFleet.DAY);
        long before = rdsCalls();
        measurementStarts();
        loop.runUntil(days * SimFleet.DAY);
        double callsPerDay = (rdsCalls() - before) / (double) measuredDays;
        Map<String, Double> details = new LinkedHashMap<>();
        details().forEach((name, total) -> details.put(name, total / (double) measuredDays));
        finish();
        return new Measured(ages.stats(), callsPerDay, details);
    }

    /** RDS took the automated snapshot of {@code db} for {@code day}, at the loop's time. */
    protected abstract void snapshotTaken(int db, int day);

    /** Schedules what the design does on {@code day} besides reacting: scheduled sweeps, daily passes. */
    protected abstract void scheduleDay(int day);

    /** RDS calls the design made so far (EventBridge not included). */
    protected abstract long rdsCalls();

    /** The measured days begin. */
    protected void measurementStarts() {
    }

    /** Totals over the measured days worth reporting per day, by name. */
    protected Map<String, Long> details() {
        return Map.of();
    }

    /** After the measured days: checks, clean-up. */
    protected void finish() {
    }

    /**
     * What a run measured.
     *
     * @param ages          recovery-point ages of the measured database-hours
     * @param callsPerDay   RDS calls per measured day
     * @param detailsPerDay the design's own counts per measured day (calls by trigger, sweeps run...)
     */
    record Measured(RecoveryPointAges.Stats ages, double callsPerDay, Map<String, Double> detailsPerDay) {
    }
}
