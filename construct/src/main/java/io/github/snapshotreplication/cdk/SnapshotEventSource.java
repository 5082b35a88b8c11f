package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.rds.CfnEventSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The event path: RDS event subscriptions publish snapshot events to an SNS topic encrypted with a customer managed
 * key, which only RDS of this account and region may use to publish, and on which only AWS services may create
 * grants.
 *
 * <p>Event categories, from "Amazon RDS event categories and event messages": RDS-EVENT-0042 (manual) and 0091
 * (automated) DB snapshot created are in category {@code creation} of source type {@code db-snapshot};
 * RDS-EVENT-0075 (manual) and 0169 (automated) cluster snapshot created are in {@code backup} of
 * {@code db-cluster-snapshot}.
 */
final class SnapshotEventSource {

    static final String RDS_EVENTS_PRINCIPAL = "events.rds.amazonaws.com";
    static final String DB_SNAPSHOT_CATEGORY = "creation";
    static final String DB_CLUSTER_SNAPSHOT_CATEGORY = "backup";

    final Key key;
    final Topic topic;
    final List<CfnEventSubscription> subscriptions = new ArrayList<>();

    SnapshotEventSource(Construct scope, boolean aurora) {
        Stack stack = Stack.of(scope);
        Map<String, Object> fromRdsOfThisAccount = new TreeMap<>(Map.of(
                "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Map.of("aws:SourceArn", stack.formatArn(ArnComponents.builder()
                        .service("rds").resource("*").arnFormat(ArnFormat.NO_RESOURCE_NAME).build()))));
        key = Key.Builder.create(scope, "TopicKey")
                .description("Encrypts RDS snapshot events on their way to the snapshot replication function")
                .enableKeyRotation(true)
                // The key only protects messages in flight; nothing encrypted with it outlives the topic.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowRdsEventsToUseTheKey")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal(RDS_EVENTS_PRINCIPAL)))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(fromRdsOfThisAccount)
                .build());
        // Nothing needs a grant on this key: RDS and SNS use it through its policy.
        key.addToResourcePolicy(ServiceKeyAccess.denyGrantsExceptForAwsServices());
        topic = Topic.Builder.create(scope, "Topic")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowRdsEventsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal(RDS_EVENTS_PRINCIPAL)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromRdsOfThisAccount)
                .build());
        subscriptions.add(subscription(scope, "DbSnapshotEvents", "db-snapshot", DB_SNAPSHOT_CATEGORY));
        if (aurora) {
            subscriptions.add(subscription(scope, "DbClusterSnapshotEvents", "db-cluster-snapshot",
                    DB_CLUSTER_SNAPSHOT_CATEGORY));
        }
    }

    private CfnEventSubscription subscription(Construct scope, String id, String sourceType, String category) {
        CfnEventSubscription subscription = CfnEventSubscription.Builder.create(scope, id)
                .snsTopicArn(topic.getTopicArn())
                .sourceType(sourceType)
                .eventCategories(List.of(category))
                .enabled(true)
                .build();
        // RDS must be allowed to publish (topic and key policy) before it accepts the subscription.
        subscription.getNode().addDependency(topic, key);
        return subscription;
    }
}
