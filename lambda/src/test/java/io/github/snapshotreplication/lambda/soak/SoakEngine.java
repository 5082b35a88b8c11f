package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.FollowUpRule;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The real engine of one {@link Installation}, with real SDK clients signing with the installation's own access key
 * id against the fake endpoint, settings parsed from an environment as the Lambda's are.
 */
final class SoakEngine implements AutoCloseable {

    private final Installation installation;
    private final RdsSnapshotGateway source;
    private final RdsSnapshotGateway target;
    private final FollowUpRule followUps;
    private final ReplicationEngine engine;
    private final EventParser parser;

    SoakEngine(Installation installation, SoakConfig config, FakeRdsServer rds, EventParser parser, JsonLines out,
               Clock clock) {
        this.installation = installation;
        this.parser = parser;
        ClientSettings clients = ClientSettings.localEndpoint(rds.endpoint())
                .withTestAccessKeyId(installation.accessKeyId());
        ReplicationSettings settings = ReplicationSettings.fromEnvironment(environment(installation, config));
        source = RdsSnapshotGateway.create(SoakFleet.SOURCE, clients);
        target = RdsSnapshotGateway.create(SoakFleet.TARGET, clients);
        if (installation.followUpRule() != null) {
            rds.eventBridge().addRule(installation.followUpRule(), false);
            followUps = FollowUpRule.create(SoakFleet.SOURCE, settings.followUpRuleName(), clients);
        } else {
            followUps = null;
        }
        engine = new ReplicationEngine(settings.policy(), false, source, target, followUps, out, clock);
    }

    /** The environment the construct gives the installation's functions (the drill's adds its own variables). */
    static Map<String, String> environment(Installation installation, SoakConfig config) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", SoakFleet.SOURCE);
        env.put("TARGET_REGION", SoakFleet.TARGET);
        env.put("REPLICATION_ID", installation.replicationId());
        env.put("TARGET_KMS_KEY_ARN", SoakFleet.TARGET_KEY);
        env.put("INCLUDE_AURORA_CLUSTERS", "true");
        env.put("EXCLUDE_DB_IDENTIFIERS", "[\"scratch-*\"]");
        env.put("RETENTION_KEEP_LAST", String.valueOf(config.keepLast()));
        env.put("RETENTION_MAX_AGE", config.maxAge().toString());
        env.put("MAX_CONCURRENT_DB_SNAPSHOT_COPIES", String.valueOf(installation.dbCopySlots()));
        env.put("MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES", String.valueOf(installation.clusterCopySlots()));
        if (installation.followUpRule() != null) {
            env.put("FOLLOW_UP_RULE_NAME", installation.followUpRule());
        }
        if (installation.vaultAccount() != null) {
            env.put("VAULT_ACCOUNT", installation.vaultAccount());
        }
        return env;
    }

    Installation installation() {
        return installation;
    }

    /** The daily sweep, as the EventBridge schedule invokes it. */
    RunSummary scheduledSweep(TimeBudget budget) {
        return engine.handle(parser.parse(Fixtures.open("eventbridge-scheduled-event.json")), budget);
    }

    /** A sweep started by the follow-up rule, with the input the construct gives that rule. */
    RunSummary followUpSweep(TimeBudget budget) {
        return engine.handle(parser.parse(Fixtures.of(Invocations.FOLLOW_UP_INPUT)), budget);
    }

    /** Any invocation input: an SNS batch, garbage... */
    RunSummary handle(String input, TimeBudget budget) {
        return engine.handle(parser.parse(Fixtures.of(input)), budget);
    }

    @Override
    public void close() {
        source.close();
        target.close();
        if (followUps != null) {
            followUps.close();
        }
    }
}
