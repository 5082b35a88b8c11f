package io.github.snapshotreplication.lambda.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos soak at the size {@code mvn verify} affords (seconds); the benchmarks module runs it far longer.
 * Every invariant is checked inside the run; this test also makes sure the run exercised what it claims to.
 */
class ChaosSoakIT {

    @Test
    void hundredsOfSweepsUnderFaultsAmongLookAlikesNeverLoseOrWronglyDeleteASnapshot() {
        SoakReport report = ChaosSoak.runSeeds(1, 3, false);
        System.out.print(report);

        assertThat(report.sweeps()).isGreaterThan(200);
        assertThat(report.followUpSweeps()).isGreaterThan(20);
        assertThat(report.eventRecords()).isGreaterThan(200);
        assertThat(report.errorsInjected()).isGreaterThan(50);
        assertThat(report.copiesStarted()).isGreaterThan(100);
        assertThat(report.deletes()).isGreaterThan(50);
        assertThat(report.engineDeletesChecked()).isEqualTo(report.deletes());
        assertThat(report.lookAlikesCreated()).as("look-alikes of every kind").isGreaterThan(30);
        assertThat(report.lookAlikes).hasSize(LookAlikes.Kind.values().length);
        assertThat(report.lookAlikeDeleteAttempts()).isZero();
        assertThat(report.otherCopiesStarted()).isGreaterThan(20);
        assertThat(report.restoresInSource()).isPositive();
        assertThat(report.invariantChecks()).isGreaterThan(10_000);
    }
}
