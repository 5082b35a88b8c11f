package io.github.snapshotreplication.lambda.engine;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbClusterSnapshot;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.MovableClock;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.FollowUpRule;
import io.github.snapshotreplication.lambda.aws.RdsDrillGateway;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.config.VaultSettings;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake RDS endpoint with two regions, the real SDK clients pointed at it, and the engine's captured output.
 */
public final class FakeRdsHarness implements AutoCloseable {

    public static final String SOURCE = "eu-west-1";
    public static final String TARGET = "eu-central-1";
    public static final String ACCOUNT = "123456789012";
    public static final String REPLICATION_ID = "orders-dr";
    public static final String SOURCE_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public static final String TARGET_KEY =
            "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    public static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");

    public final FakeRdsServer rds = FakeRdsServer.start();
    public final RdsSnapshotGateway source = RdsSnapshotGateway.create(SOURCE, ClientSettings.localEndpoint(
            rds.endpoint()));
    public final RdsSnapshotGateway target = RdsSnapshotGateway.create(TARGET, ClientSettings.localEndpoint(
            rds.endpoint()));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final MovableClock clock = new MovableClock(NOW);

    /** A harness whose fake stamps its times with the engine's clock, which starts at {@link #NOW}. */
    public FakeRdsHarness() {
        rds.setClock(clock);
    }
    private final JsonLines out = new JsonLines(new PrintStream(output, true, StandardCharsets.UTF_8));

    /** The minimal environment plus {@code overrides} (name, value, name, value...). */
    public static Map<String, String> env(String... overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", SOURCE);
        env.put("TARGET_REGION", TARGET);
        env.put("REPLICATION_ID", REPLICATION_ID);
        env.put("TARGET_KMS_KEY_ARN", TARGET_KEY);
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }

    /** An engine with settings parsed from {@link #env(String...)} and a clock fixed at {@link #NOW}. */
    public ReplicationEngine engine(String... overrides) {
        ReplicationSettings settings = ReplicationSettings.fromEnvironment(env(overrides));
        return new ReplicationEngine(settings.policy(), settings.dryRun(), source, target, out, clock);
    }

    /** Moves the engines' and the fake's clock forward. */
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    /** The follow-up rule's name in the fake's EventBridge, disabled until the engine enables it. */
    public static final String FOLLOW_UP_RULE = "DatabaseStack-ReplicationFollowUp1A2B3C4D";

    /** An engine like {@link #engine(String...)} that enables and disables {@link #FOLLOW_UP_RULE}. */
    public ReplicationEngine engineWithFollowUps(String... overrides) {
        rds.eventBridge().addRule(FOLLOW_UP_RULE, rds.eventBridge().isEnabled(FOLLOW_UP_RULE));
        List<String> all = new ArrayList<>(List.of(overrides));
        all.addAll(List.of("FOLLOW_UP_RULE_NAME", FOLLOW_UP_RULE));
        ReplicationSettings settings = ReplicationSettings.fromEnvironment(env(all.toArray(String[]::new)));
        FollowUpRule rule = FollowUpRule.create(SOURCE, settings.followUpRuleName(),
                ClientSettings.localEndpoint(rds.endpoint()));
        return new ReplicationEngine(settings.policy(), settings.dryRun(), source, target, rule, out, clock);
    }

    /** The DB subnet group and security group of the drill, as the construct would pass them. */
    public static final String DRILL_SUBNET_GROUP = "drill-subnets";
    public static final String DRILL_SECURITY_GROUP = "sg-0123456789abcdef0";

    private final RdsDrillGateway drillGateway = RdsDrillGateway.create(TARGET,
            ClientSettings.localEndpoint(rds.endpoint()));

    /**
     * A restore drill engine over the fake, Aurora included, with the drill's subnet group added to the target
     * region; {@code overrides} as for {@link #env(String...)}.
     */
    public DrillEngine drillEngine(String... overrides) {
        targetRegion().addSubnetGroup(DRILL_SUBNET_GROUP, "vpc-0a1b2c3d4e5f60718");
        List<String> all = new ArrayList<>(List.of("INCLUDE_AURORA_CLUSTERS", "true", "DRILL_SUBNET_GROUP",
                DRILL_SUBNET_GROUP, "DRILL_SECURITY_GROUP_IDS", "[\"" + DRILL_SECURITY_GROUP + "\"]"));
        all.addAll(List.of(overrides));
        return new DrillEngine(DrillSettings.fromEnvironment(env(all.toArray(String[]::new))), source, target,
                drillGateway, out, clock);
    }

    /** The drill's gateway to the target region, as {@link #drillEngine} uses it. */
    public RdsDrillGateway drillGateway() {
        return drillGateway;
    }

    /** The vault account of {@link #vaultEngine(String...)}, and the access key its engine signs with. */
    public static final String VAULT_ACCOUNT = "210987654321";
    public static final String VAULT_ACCESS_KEY = "AKIAVAULTEXAMPLE0001";
    public static final String VAULT_ID = "orders-vault";
    public static final String VAULT_KEY =
            "arn:aws:kms:eu-central-1:210987654321:key/4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a";

    /**
     * A vault engine of {@link #VAULT_ACCOUNT} in the target region accepting {@link #ACCOUNT}, Aurora included; its
     * client signs with {@link #VAULT_ACCESS_KEY}, so the fake serves it that account's view.
     */
    public VaultEngine vaultEngine(String... overrides) {
        rds.registerAccessKey(VAULT_ACCESS_KEY, VAULT_ACCOUNT);
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", TARGET, "REPLICATION_ID", VAULT_ID,
                "VAULT_SOURCE_ACCOUNTS", "[\"" + ACCOUNT + "\"]", "VAULT_KMS_KEY_ARN", VAULT_KEY,
                "INCLUDE_AURORA_CLUSTERS", "true"));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        RdsSnapshotGateway gateway = RdsSnapshotGateway.create(TARGET, ClientSettings.localEndpoint(rds.endpoint())
                .withTestAccessKeyId(VAULT_ACCESS_KEY));
        vaultGateways.add(gateway);
        return new VaultEngine(VaultSettings.fromEnvironment(env), gateway, out, clock);
    }

    private final List<RdsSnapshotGateway> vaultGateways = new ArrayList<>();

    /** The vault account's state in the target region. */
    public FakeRegion vaultRegion() {
        return rds.account(VAULT_ACCOUNT).region(TARGET);
    }

    public JsonLines out() {
        return out;
    }

    public FakeRegion sourceRegion() {
        return rds.region(SOURCE);
    }

    public FakeRegion targetRegion() {
        return rds.region(TARGET);
    }

    /** Adds a DB instance and its automated snapshots, taken {@code hoursAgo} before NOW; returns the ids. */
    public List<String> addInstanceWithSnapshots(String db, boolean encrypted, int... hoursAgo) {
        sourceRegion().addDbInstance(DbInstance.builder().identifier(db).build());
        List<String> ids = new ArrayList<>();
        for (int h : hoursAgo) {
            String id = "rds:" + db + "-h" + h;
            sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier(id).dbInstanceIdentifier(db)
                    .snapshotType("automated").createdAt(NOW.minus(Duration.ofHours(h))).encrypted(encrypted)
                    .kmsKeyId(encrypted ? SOURCE_KEY : null).build());
            ids.add(id);
        }
        return ids;
    }

    /** A cluster snapshot of an Aurora cluster. */
    public String addClusterSnapshot(String cluster, boolean encrypted, int hoursAgo) {
        String id = "rds:" + cluster + "-h" + hoursAgo;
        sourceRegion().addDbClusterSnapshot(DbClusterSnapshot.builder().identifier(id).dbClusterIdentifier(cluster)
                .snapshotType("automated").createdAt(NOW.minus(Duration.ofHours(hoursAgo)))
                .storageEncrypted(encrypted).kmsKeyId(encrypted ? SOURCE_KEY : null).build());
        return id;
    }

    /** This installation's identifier of the first copy of {@code sourceArn}. */
    public static String copyIdOf(String sourceArn) {
        return TargetIdentifiers.forSource(CopyIdentifiers.prefixOf(REPLICATION_ID),
                SnapshotArn.parse(sourceArn).orElseThrow());
    }

    public static String sourceArn(String snapshotId) {
        return "arn:aws:rds:" + SOURCE + ":" + ACCOUNT + ":snapshot:" + snapshotId;
    }

    /** Target DB snapshots carrying our managed tag for {@code sourceArn}. */
    public List<DbSnapshot> copiesOf(String sourceArn) {
        return targetRegion().dbSnapshots().stream()
                .filter(s -> sourceArn.equals(s.tags().get(TagKeys.SOURCE_SNAPSHOT_ARN)))
                .toList();
    }

    /** Every JSON line the engine wrote. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> lines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.std.mapFrom(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The log lines with {@code action} equal to the given value. */
    public List<Map<String, Object>> lines(String action) {
        return lines().stream().filter(l -> action.equals(l.get("action"))).toList();
    }

    public void clearOutput() {
        output.reset();
    }

    @Override
    public void close() {
        source.close();
        target.close();
        vaultGateways.forEach(RdsSnapshotGateway::close);
        drillGateway.close();
        rds.close();
    }
}
