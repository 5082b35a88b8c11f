package io.github.snapshotreplication.benchmarks.timesim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ideal on fleets small enough to follow by hand: three instances (and the one cluster every fleet has), one
 * copy slot per kind, copies of one hour except the first instance's, which take two. Day 1 is measured.
 */
class IdealModelTest {

    private static final long MINUTE = 60;
    private static final long HOUR = SimFleet.HOUR;
    /** Instance 0 at 00:00, instance 1 at 00:40, instance 2 at 00:30, the cluster at 01:00. */
    private static final long[] BACKUPS = {0, 40 * MINUTE, 30 * MINUTE, HOUR};
    private static final int DATABASES = 4;

    private final SimFleet fleet = new SimFleet(3, BACKUPS, (db, day) -> db == 0 ? 2 * HOUR : HOUR);

    @Test
    void aFreedSlotGoesAtOnceToTheDatabaseFurthestBehind() {
        IdealModel ideal = new IdealModel(fleet, 1, 1, 1, 1);
        ideal.run();
        double[] samples = ideal.ages.samples();

        // Day 0: instance 0 copies 00:00-02:00; then 1 and 2 have no copy, so index order: 1 at 02:00-03:00, 2 at
        // 03:00-04:00. Day 1: instance 0 copies 24:00-26:00; at 26:00 instance 2 is further behind (its copy is of
        // 00:30, instance 1's of 00:40), so 2 copies 26:00-27:00 and 1 copies 27:00-28:00.
        assertThat(age(samples, 26, 2)).as("instance 2 at 26:00, its copy of 00:30 of day 0")
                .isCloseTo(26 - 0.5, within(1e-9));
        assertThat(age(samples, 27, 2)).as("instance 2 at 27:00: copied day 1's snapshot first")
                .isCloseTo(27 - 24.5, within(1e-9));
        assertThat(age(samples, 27, 1)).as("instance 1 at 27:00 still waits").isCloseTo(27 - 40 / 60.0, within(1e-9));
        assertThat(age(samples, 28, 1)).isCloseTo(28 - (24 + 40 / 60.0), within(1e-9));
        assertThat(age(samples, 25, 0)).as("instance 0 at 25:00, copy of day 1 still running").isEqualTo(25);
        assertThat(age(samples, 26, 0)).as("ended at 26:00, sampled after").isEqualTo(2);
        assertThat(age(samples, 26, 3)).as("the cluster has its own slot: copied 25:00-26:00").isEqualTo(1);
    }

    @Test
    void withASlotEachNothingWaitsAndTheAgeIsTheCopysDurationPlusTheTimeSince() {
        IdealModel ideal = new IdealModel(fleet, 1, 1, 3, 1);
        ideal.run();
        double[] samples = ideal.ages.samples();

        assertThat(samples).hasSize(24 * DATABASES);
        for (int hour = 24; hour < 48; hour++) {
            // Instance 1's copy of day 1 starts at 24:40 and ends at 25:40.
            double expected = hour < 26 ? hour - 40 / 60.0 : hour - (24 + 40 / 60.0);
            assertThat(age(samples, hour, 1)).as("instance 1 at hour " + hour).isCloseTo(expected, within(1e-9));
        }
        assertThat(ideal.ages.stats().max()).as("instance 0 at 25:00, before its copy of day 1 ends at 26:00")
                .isEqualTo(25);
    }

    @Test
    void fullSlotsNeverTakeMoreCopiesAndNoneIsLost() {
        // 30 instances all backed up at 00:00 with one-hour copies through 15 slots: two waves, 01:00 and 02:00.
        long[] backups = new long[33];
        SimFleet crowd = new SimFleet(30, backups, (db, day) -> HOUR);
        IdealModel ideal = new IdealModel(crowd, 1, 1, 15, 4);
        ideal.run();
        double[] samples = ideal.ages.samples();

        int copiedByOne = 0;
        int copiedByTwo = 0;
        for (int db = 0; db < 30; db++) {
            copiedByOne += age(samples, 25, db, 33) == 1 ? 1 : 0;
            copiedByTwo += age(samples, 26, db, 33) == 2 ? 1 : 0;
        }
        assertThat(copiedByOne).isEqualTo(15);
        assertThat(copiedByTwo).isEqualTo(30);
    }

    private static double age(double[] samples, int hour, int db) {
        return age(samples, hour, db, DATABASES);
    }

    private static double age(double[] samples, int hour, int db, int databases) {
        return samples[(hour - 24) * databases + db];
    }
}
