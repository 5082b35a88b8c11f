package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.FollowUpRule;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.aws.SimulationGateways;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.JsonLines;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real engine against the fake RDS: two regions of one fake endpoint, the engine built as the Lambda builds
 * it from its environment (defaults for everything the design does not set), its follow-up rule in the fake's
 * EventBridge, and the invocations the Lambda receives (RDS snapshot events over SNS, the scheduled sweep, the
 * follow-up input). Its log goes nowhere: the simulation reads the fake's state, not the log.
 */
final class EngineWorld implements AutoCloseable {

    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String ACCOUNT = FakeRdsServer.ACCOUNT_ID;
    static final String RULE = "SnapshotReplication-FollowUp";
    private static final String SOURCE_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String TARGET_KEY =
            "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    /** The SNS fixtures and the snapshot identifier each names, replaced by the simulated one. */
    private static final String DB_EVENT = "sns-db-snapshot-automated-created.json";
    private static final String DB_EVENT_ID = "rds:orders-db-2024-05-14-03-10";
    private static final String CLUSTER_EVENT = "sns-db-cluster-snapshot-automated-created.json";
    private static final String CLUSTER_EVENT_ID = "rds:billing-aurora-2024-05-14-02-45";
    /** Every action of the fake's Query API: RDS calls made over HTTP are counted by the fake. */
    private static final List<String> HTTP_ACTIONS = List.of("DescribeDBInstances", "DescribeDBClusters",
            "DescribeDBSnapshots", "DescribeDBClusterSnapshots", "DescribeOptionGroups", "CopyDBSnapshot",
            "CopyDBClusterSnapshot", "DeleteDBSnapshot", "DeleteDBClusterSnapshot", "ListTagsForResource",
            "AddTagsToResource", "RemoveTagsFromResource", "CreateDBSnapshot", "CreateDBClusterSnapshot",
            "RestoreDBInstanceFromDBSnapshot", "RestoreDBClusterFromSnapshot", "DeleteDBInstance", "DeleteDBCluster");

    final FakeRdsServer rds = FakeRdsServer.start();
    final FakeRegion source = rds.region(SOURCE);
    final FakeRegion target = rds.region(TARGET);
    private final ClientSettings clients = ClientSettings.localEndpoint(rds.endpoint());
    private final InProcessRdsClient sourceClient = new InProcessRdsClient(source,
            SimulationGateways.httpClient(SOURCE, clients));
    private final InProcessRdsClient targetClient = new InProcessRdsClient(target,
            SimulationGateways.httpClient(TARGET, clients));
    private final RdsSnapshotGateway sourceGateway = SimulationGateways.over(sourceClient, SOURCE);
    private final RdsSnapshotGateway targetGateway = SimulationGateways.over(targetClient, TARGET);
    private final SimLoop clock;
    private final EventParser parser = new EventParser(new ExpectedOrigin(SOURCE, ACCOUNT));
    private final String dbEvent = Fixtures.text(DB_EVENT);
    private final String clusterEvent = Fixtures.text(CLUSTER_EVENT);
    private final InvocationEvent sweep = parser.parse(Fixtures.open("eventbridge-scheduled-event.json"));
    private final InvocationEvent followUp = parser.parse(Fixtures.of(Invocations.FOLLOW_UP_INPUT));
    private FollowUpRule rule;
    private ReplicationEngine engine;

    /** The fake with the fleet's databases and the follow-up rule (disabled), and no engine yet. */
    EngineWorld(SimFleet fleet, SimLoop clock) {
        this.clock = clock;
        rds.setClock(clock);
        rds.setRecordRequests(false);
        rds.eventBridge().addRule(RULE, false);
        addFleet(fleet);
    }

    /**
     * Builds the engine the function would build from its environment: {@code settings} over the construct's
     * defaults, and the follow-up rule when {@code followUps} (FOLLOW_UP_RULE_NAME).
     */
    EngineWorld use(Map<String, String> settings, boolean followUps) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", SOURCE, "TARGET_REGION", TARGET,
                "REPLICATION_ID", "orders-dr", "TARGET_KMS_KEY_ARN", TARGET_KEY, "INCLUDE_AURORA_CLUSTERS", "true"));
        env.putAll(settings);
        if (followUps) {
            env.put("FOLLOW_UP_RULE_NAME", RULE);
        }
        ReplicationSettings parsed = ReplicationSettings.fromEnvironment(env);
        if (rule != null) {
            rule.close();
        }
        rule = followUps ? FollowUpRule.create(SOURCE, RULE, clients) : null;
        engine = new ReplicationEngine(parsed.policy(), false, sourceGateway, targetGateway, rule,
                new JsonLines(new PrintStream(OutputStream.nullOutputStream())), clock);
        return this;
    }

    private void addFleet(SimFleet fleet) {
        for (int db = 0; db < fleet.size(); db++) {
            boolean encrypted = db % 2 == 0;
            String id = fleet.id(db);
            if (fleet.kind(db) == SimFleet.INSTANCE) {
                source.addDbInstance(DbInstance.builder().identifier(id).optionGroupName("default:postgres-16")
                        .storageEncrypted(encrypted).kmsKeyId(encrypted ? SOURCE_KEY : null).build());
            } else {
                // An Aurora cluster takes the snapshots; its writer instance is listed but takes none.
                source.addDbCluster(DbCluster.builder().identifier(id).member(id + "-1").storageEncrypted(encrypted)
                        .kmsKeyId(encrypted ? SOURCE_KEY : null).build());
                source.addDbInstance(DbInstance.builder().identifier(id + "-1").dbClusterIdentifier(id)
                        .engine("aurora-postgresql").build());
            }
        }
    }

    /** The SNS notification RDS sends for a new automated snapshot (RDS-EVENT-0091 or -0169). */
    void event(int kind, String snapshotId) {
        String json = kind == SimFleet.INSTANCE ? dbEvent.replace(DB_EVENT_ID, snapshotId)
                : clusterEvent.replace(CLUSTER_EVENT_ID, snapshotId);
        engine.handle(parser.parse(Fixtures.of(json)), TimeBudget.unlimited());
    }

    /** The scheduled sweep (EventBridge Scheduled Event). */
    void sweep() {
        engine.handle(sweep, TimeBudget.unlimited());
    }

    /** The follow-up rule's input. */
    void followUp() {
        engine.handle(followUp, TimeBudget.unlimited());
    }

    boolean followUpEnabled() {
        return rule != null && rds.eventBridge().isEnabled(RULE);
    }

    /** RDS calls so far: describes answered in-process plus every request the fake answered; not EventBridge. */
    long rdsCalls() {
        long calls = sourceClient.calls().values().stream().mapToLong(Long::longValue).sum()
                + targetClient.calls().values().stream().mapToLong(Long::longValue).sum();
        for (String action : HTTP_ACTIONS) {
            calls += rds.count(action);
        }
        return calls;
    }

    /** Copies and deletes so far: the calls that change the target region. */
    long mutations() {
        return rds.mutatingRequestCount();
    }

    /** EnableRule and DisableRule calls since the last {@link #clearEventBridgeCalls()}. */
    long eventBridgeCalls() {
        return rds.eventBridge().calls().size();
    }

    void clearEventBridgeCalls() {
        rds.eventBridge().clearCalls();
    }

    /** Checks that the in-process describes give the engine the inventory the fake's HTTP answers give. */
    void checkInventory(List<String> sampleSnapshotIds) {
        try (RdsSnapshotGateway httpSource = RdsSnapshotGateway.create(SOURCE, clients);
             RdsSnapshotGateway httpTarget = RdsSnapshotGateway.create(TARGET, clients)) {
            InventoryCheck.same(httpSource, sourceGateway, sampleSnapshotIds);
            InventoryCheck.same(httpTarget, targetGateway, List.of());
        }
    }

    @Override
    public void close() {
        sourceGateway.close();
        targetGateway.close();
        if (rule != null) {
            rule.close();
        }
        rds.close();
    }
}
