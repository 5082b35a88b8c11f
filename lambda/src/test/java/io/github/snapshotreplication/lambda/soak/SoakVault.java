package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.PendingCopy;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.VaultSettings;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.engine.VaultEngine;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * The vault account of issue 11: its own account and access key, its real {@link VaultEngine} in the target region
 * (settings parsed from an environment as the vault function's are) accepting the source account, its own KMS key,
 * and the source account's target key granted to it, as {@code vaultKeyAccess} does. It sweeps every {@link
 * #SCHEDULE} of simulated time. The soak's time moves in steps of an hour or more, and between two steps nothing the
 * vault can see changes but its own copies finishing, so when one or more of its ticks fell within a step the soak
 * runs the last of those sweeps.
 */
final class SoakVault implements AutoCloseable {

    static final String ACCOUNT = "210987654321";
    /** The access key of the vault's function. */
    static final String ENGINE_KEY = "AKIDSOAKVAULTENGINE";
    static final String VAULT_ID = "orders-vault";
    static final String KMS_KEY = "arn:aws:kms:eu-central-1:210987654321:key/4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a";
    /**
     * The vault's schedule. The source keeps each copy until the receipt, so the vault need not hurry; twice a day
     * keeps {@code mvn verify} within its time and the vault well ahead of its retention.
     */
    static final Duration SCHEDULE = Duration.ofHours(12);
    /** How long RDS takes for a copy within the vault's region, in simulated time. */
    static final Duration COPY_TIME = Duration.ofMinutes(30);

    final FakeRegion region;
    private final Duration retention;
    private final RdsSnapshotGateway gateway;
    private final VaultEngine engine;
    private final EventParser parser = new EventParser(new ExpectedOrigin(SoakFleet.TARGET, ACCOUNT));
    private long lastTick = -1;
    private Instant downUntil = Instant.MIN;

    SoakVault(FakeRdsServer rds, Duration retention, JsonLines out, Clock clock) {
        this.retention = retention;
        rds.registerAccessKey(ENGINE_KEY, ACCOUNT);
        region = rds.account(ACCOUNT).region(SoakFleet.TARGET);
        // The target key's policy names the vault account (CrossRegionSnapshotReplication.vaultKeyAccess).
        rds.region(SoakFleet.TARGET).grantKmsKeyTo(SoakFleet.TARGET_KEY, ACCOUNT);
        VaultSettings settings = VaultSettings.fromEnvironment(Map.of("AWS_REGION", SoakFleet.TARGET,
                "REPLICATION_ID", VAULT_ID, "VAULT_SOURCE_ACCOUNTS", "[\"" + SoakFleet.ACCOUNT + "\"]",
                "VAULT_KMS_KEY_ARN", KMS_KEY, "INCLUDE_AURORA_CLUSTERS", "true",
                "VAULT_RETENTION", retention.toString()));
        gateway = RdsSnapshotGateway.create(SoakFleet.TARGET, ClientSettings.localEndpoint(rds.endpoint())
                .withTestAccessKeyId(ENGINE_KEY));
        engine = new VaultEngine(settings, gateway, out, clock);
    }

    /** VAULT_RETENTION. */
    Duration retention() {
        return retention;
    }

    /** The start of every identifier of the vault's copies. */
    static String prefix() {
        return CopyIdentifiers.prefixOf(VAULT_ID);
    }

    /** True once per tick of the schedule that passed since the vault last swept: a sweep is due. */
    boolean due(Instant now) {
        long tick = now.getEpochSecond() / SCHEDULE.getSeconds();
        if (tick <= lastTick || now.isBefore(downUntil)) {
            return false;
        }
        lastTick = tick;
        return true;
    }

    /**
     * The vault's function fails every invocation until {@code until} (a bad deployment, a key policy changed):
     * meanwhile the source account must keep every copy the vault has not copied.
     */
    void outage(Instant until) {
        downUntil = until;
    }

    /** The vault's scheduled sweep, as its EventBridge schedule invokes it. */
    RunSummary sweep(TimeBudget budget) {
        return engine.handle(parser.parse(Fixtures.open("eventbridge-scheduled-event.json")), budget);
    }

    /** RDS finishes every snapshot of the vault account whose time is up; returns how many. */
    int finishDueCopies(Instant now) {
        return SoakConvergence.finishDue(region, now, COPY_TIME);
    }

    /** RDS finishes each pending snapshot of the vault account with probability {@code p}; returns how many. */
    int finishSome(Random random, double p) {
        int finished = 0;
        for (PendingCopy pending : region.pendingCopies()) {
            if (random.nextDouble() < p) {
                region.completeCopy(pending.kind(), pending.identifier());
                finished++;
            }
        }
        return finished;
    }

    /** True when {@code accessKey} is the vault function's. */
    static boolean isEngine(String accessKey) {
        return ENGINE_KEY.equals(accessKey);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
