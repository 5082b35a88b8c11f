package io.github.snapshotreplication.benchmarks.timesim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecoveryPointAgesTest {

    @Test
    void nearestRankIsTheSmallestValueWithAtLeastPPercentAtOrBelowIt() {
        double[] oneToTwenty = new double[20];
        for (int i = 0; i < 20; i++) {
            oneToTwenty[i] = i + 1;
        }

        assertThat(RecoveryPointAges.Stats.nearestRank(oneToTwenty, 50)).isEqualTo(10);
        assertThat(RecoveryPointAges.Stats.nearestRank(oneToTwenty, 95)).as("rank 19 exactly, not 20").isEqualTo(19);
        assertThat(RecoveryPointAges.Stats.nearestRank(oneToTwenty, 96)).isEqualTo(20);
        assertThat(RecoveryPointAges.Stats.nearestRank(new double[] {7}, 95)).isEqualTo(7);
        assertThat(RecoveryPointAges.Stats.nearestRank(new double[] {1, 2, 3}, 50)).isEqualTo(2);
    }

    @Test
    void statsSortTheSamplesAndCountOnlyAgesAbove48Hours() {
        RecoveryPointAges.Stats stats = RecoveryPointAges.Stats.of(new double[] {49, 1, 48, 3, 100, 2, 47, 4, 5, 6});

        assertThat(stats.p50()).isEqualTo(5);
        assertThat(stats.p95()).isEqualTo(100);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.above48()).as("48 itself is not above").isEqualTo(0.2);
        assertThat(stats.samples()).isEqualTo(10);
    }

    @Test
    void anAgeIsNowMinusTheNewestCopysSourceTimeAndWithoutACopyTheTimeSinceTheStart() {
        RecoveryPointAges ages = new RecoveryPointAges(2);
        ages.copied(0, 3 * SimFleet.HOUR);
        ages.copied(0, SimFleet.HOUR); // an older copy ending later changes nothing

        ages.sample(10 * SimFleet.HOUR);

        assertThat(ages.samples()).containsExactly(7, 10);
        assertThat(ages.stats().max()).isCloseTo(10, within(1e-9));
    }
}
