package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.MovableClock;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one soak run acts on: the fake RDS endpoint and its clock, the source fleet, the two installations,
 * the vault account and its people, the users and their look-alikes, the restore drill and the look-alike databases
 * made around it, the faults, the invariants and the report.
 * Every actor signs with its own access key id, so the fake's ground truth tells apart what the installation under
 * test, the other installation, the vault and the users created and deleted, and in which account.
 */
final class SoakWorld implements AutoCloseable {

    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    final SoakConfig config;
    final Random random;
    final SoakReport report = new SoakReport();
    final MovableClock clock = new MovableClock(START);
    final FakeRdsServer rds;
    final FakeRegion source;
    final FakeRegion target;
    final SoakFleet fleet;
    final SoakEvents events;
    final SoakFaults faults;
    final LookAlikes lookAlikes = new LookAlikes();
    final Installation engineInstallation;
    final Installation otherInstallation = Installation.other();
    final SoakEngine engine;
    final SoakEngine other;
    final SoakUser user;
    final SoakRestores restores;
    final SoakUsers users;
    final SoakVault vault;
    final LookAlikes vaultLookAlikes = new LookAlikes();
    final VaultUsers vaultUsers;
    final DrillUsers drillUsers;
    final SoakInvariants invariants;
    /** The restore drill; its choices come from a random of its own, so the rest of the world runs as before. */
    final SoakDrill drill;
    /** Events RDS sent that have not reached the Lambda yet. */
    final List<SoakFleet.Created> undelivered = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    SoakWorld(SoakConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.engineInstallation = Installation.underTest(config);
        rds = FakeRdsServer.start();
        // RDS stamps copies' start times with the simulated clock: copy durations are measured in simulated time.
        rds.setClock(clock);
        source = rds.region(SoakFleet.SOURCE);
        target = rds.region(SoakFleet.TARGET);
        fleet = new SoakFleet(source, config, START);
        events = new SoakEvents(random);
        faults = new SoakFaults(rds, target, random);
        EventParser parser = new EventParser(new ExpectedOrigin(SoakFleet.SOURCE, SoakFleet.ACCOUNT));
        JsonLines out = new JsonLines(new PrintStream(output, true, StandardCharsets.UTF_8));
        engine = new SoakEngine(engineInstallation, config, rds, parser, out, clock);
        other = new SoakEngine(otherInstallation, config, rds, parser, out, clock);
        user = new SoakUser(rds);
        restores = new SoakRestores(random, source, target, fleet, user, lookAlikes, report);
        users = new SoakUsers(random, target, fleet, user, engineInstallation, lookAlikes, restores);
        vault = new SoakVault(rds, config.vaultRetention(), out, clock);
        vaultUsers = new VaultUsers(rds, random, vault, engineInstallation, vaultLookAlikes, report);
        Random drillRandom = new Random(config.seed() * 31 + 17);
        drillUsers = new DrillUsers(rds, drillRandom, engineInstallation, user);
        invariants = new SoakInvariants(rds, List.of(engineInstallation, otherInstallation), fleet, lookAlikes,
                config, report, vault, vaultLookAlikes, vaultUsers.strangerArns(), drillUsers, clock);
        drill = new SoakDrill(this, rds, drillRandom, out);
    }

    /**
     * Runs one invocation between the invariant checks: state recorded before it, the request log and the engine
     * output cleared; {@code afterRun} runs right after it (faults disarmed, clean-sweep checks, copies finishing),
     * then every invariant is checked against what the step changed and sent.
     */
    RunSummary invoke(Supplier<RunSummary> invocation, Consumer<RunSummary> afterRun) {
        invariants.beforeStep();
        rds.clearRequests();
        output.reset();
        RunSummary summary = invocation.get();
        afterRun.accept(summary);
        invariants.afterStep(rds.requests());
        return summary;
    }

    /**
     * Runs one vault sweep between the vault's checks only: once the source account is the attacker's, the source
     * side's invariants no longer hold, by design.
     */
    RunSummary invokeVaultOnly(Supplier<RunSummary> invocation, Consumer<RunSummary> afterRun) {
        VaultInvariants checks = invariants.vault();
        checks.beforeStep(Held.all(target));
        rds.clearRequests();
        output.reset();
        RunSummary summary = invocation.get();
        afterRun.accept(summary);
        checks.afterStep(Held.all(target), rds.requests(), clock.instant());
        return summary;
    }

    /** True while the installation under test has its follow-up rule on. */
    boolean followUpRuleEnabled() {
        return rds.eventBridge().isEnabled(engineInstallation.followUpRule());
    }

    /** What the engines wrote during the last invocation, for failure messages. */
    String lastOutput() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Takes the daily backups due by now, queueing their events; the users' restored databases are backed up too. */
    List<SoakFleet.Created> backups() {
        return fleet.advanceTo(clock.instant(), restores::backups);
    }

    @Override
    public void close() {
        engine.close();
        other.close();
        drill.close();
        vault.close();
        user.close();
        rds.close();
    }
}
