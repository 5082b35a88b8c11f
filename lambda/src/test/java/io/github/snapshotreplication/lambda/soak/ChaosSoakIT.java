package io.github.snapshotreplication.lambda.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos soak at the size {@code mvn verify} affords (seconds); the benchmarks module runs it far longer.
 * Every invariant is checked inside the run; this test also makes sure the run exercised what it claims to: the
 * engine, the other installation, the users and, on the vault's side, its copies, receipts and retention, its users'
 * look-alikes, a stranger's shares, and the compromise of the source account at the end of each run; and the
 * restore drill: drills passed and failed for each cause the soak arranges, runs lost, look-alike databases of every
 * kind left alone, restore durations measured against RDS's.
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
        assertThat(report.vaultCopies()).isGreaterThan(100);
        assertThat(report.vaultReceipts()).isGreaterThan(100);
        assertThat(report.vaultDeletesChecked()).isGreaterThan(50);
        assertThat(report.copiesKeptForVault()).as("the vault's outage made the source hold expired copies")
                .isPositive();
        assertThat(report.handOverDeletes()).as("every engine delete waited for the vault").isEqualTo(report.deletes());
        assertThat(report.vaultLookAlikes).hasSize(3);
        assertThat(report.vaultLookAlikesCreated()).isGreaterThan(10);
        assertThat(report.strangerShares()).isGreaterThan(5);
        assertThat(report.attackerDeletes()).isGreaterThan(100);
        assertThat(report.junkCopied()).isPositive();
        assertThat(report.compromiseExpected()).isGreaterThan(30);
        assertThat(report.compromiseSurvivors()).isEqualTo(report.compromiseExpected());
        assertThat(report.invariantChecks()).isGreaterThan(10_000);

        assertThat(report.drillsStarted()).isGreaterThan(100);
        assertThat(report.drillsPassed()).isGreaterThan(100);
        assertThat(report.drillFailures()).as("every failure cause the soak arranges").containsOnlyKeys("timeout",
                "engine-version", "subnet-group", "option-group", "kms-key", "quota", "identifier-taken");
        assertThat(report.drillRunsLost()).isPositive();
        assertThat(report.drillLookAlikes()).hasSize(DrillUsers.Kind.values().length);
        assertThat(report.drillLookAlikeDeleteAttempts()).isZero();
        assertThat(report.drillDurationsCompared()).isEqualTo(report.drillsPassed());
        assertThat(report.drillRequestsChecked()).isGreaterThan(500);
        assertThat(report.drillInvariantChecks()).isGreaterThan(5_000);
    }
}
