package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.snapshotreplication.lambda.plan.TestSnapshots.NOW;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.SOURCE;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.TARGET_KEY;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCluster;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aCopyOf;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aPolicy;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.aSourceSnapshot;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.anInstance;
import static io.github.snapshotreplication.lambda.plan.TestSnapshots.inventory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy rules of a sweep, one row per rule: the decisions are summarised as {@code <Decision> <snapshot id>}.
 */
class SweepCopyRulesTest {

    private final ReplicationPlanner planner = new ReplicationPlanner();

    private static final Snapshot ORDERS_NEW = aSourceSnapshot("orders", 1).build();
    private static final Snapshot ORDERS_OLD = aSourceSnapshot("orders", 25).build();
    private static final Snapshot USERS_NEW = aSourceSnapshot("users", 2).build();

    static Stream<Arguments> rules() {
        return Stream.of(
                row("a new snapshot without copy is copied", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW), List.of()),
                        "Copy rds:orders-h1"),
                row("only the newest snapshot of a database is copied", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_OLD, ORDERS_NEW), List.of()),
                        "Copy rds:orders-h1"),
                row("an available copy means nothing to do", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).build())),
                        "AlreadyCopied rds:orders-h1"),
                row("a copy in progress means nothing to do", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).status("creating").build())),
                        "AlreadyCopied rds:orders-h1"),
                row("a snapshot with our tags under another name is a look-alike, not a copy", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).id("renamed-by-someone").build())),
                        "Copy rds:orders-h1", "LookAlike renamed-by-someone"),
                row("a user's copy of our copy inside the target region is a look-alike", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).build(), aCopyOf(ORDERS_NEW).id("audit-copy")
                                        .sourceArn(null).sourceRegion(TARGET).build())),
                        "AlreadyCopied rds:orders-h1", "LookAlike audit-copy"),
                row("a restored database's automated snapshot with our tags is a look-alike", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).build(), aCopyOf(ORDERS_NEW).id("rds:drill-2024")
                                        .type("automated").sourceArn(null).build())),
                        "AlreadyCopied rds:orders-h1", "LookAlike rds:drill-2024"),
                row("a look-alike name without tags is not a copy, and blocks the identifier", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).withoutOwnership().build())),
                        "Rejected rds:orders-h1"),
                row("our identifier tagged by another installation is not ours: it is taken", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).tag(TagKeys.MANAGED_BY, "someone-else").build())),
                        "Rejected rds:orders-h1"),
                row("a failed copy is retried only after a backoff", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(ORDERS_NEW),
                                List.of(aCopyOf(ORDERS_NEW).status("failed").build())),
                        "Deferred rds:orders-h1"),
                row("a manual snapshot is not copied unless opted in", aPolicy().build(),
                        inventory(List.of(anInstance("orders")),
                                List.of(ORDERS_OLD, aSourceSnapshot("orders", 1).id("orders-before-upgrade")
                                        .manual().build()), List.of()),
                        "Copy rds:orders-h25"),
                row("a manual snapshot is copied when opted in", aPolicy().manual().build(),
                        inventory(List.of(anInstance("orders")),
                                List.of(ORDERS_OLD, aSourceSnapshot("orders", 1).id("orders-before-upgrade")
                                        .manual().build()), List.of()),
                        "Copy orders-before-upgrade"),
                row("a snapshot still being created is not a candidate", aPolicy().build(),
                        inventory(List.of(anInstance("orders")),
                                List.of(ORDERS_OLD, aSourceSnapshot("orders", 1).status("creating").build()),
                                List.of()),
                        "Copy rds:orders-h25"),
                row("a source snapshot that is a cross-region copy made by an installation is never copied back",
                        aPolicy().manual().build(),
                        inventory(List.of(anInstance("orders")),
                                List.of(aSourceSnapshot("orders", 1).manual().sourceRegion(TARGET).sourceArn(
                                        "arn:aws:rds:eu-central-1:123456789012:snapshot:rds:orders-x")
                                        .tags(Map.of(TagKeys.MANAGED_BY, "x")).build()),
                                List.of())),
                row("a snapshot of a database restored from a copy carries our tags and is copied", aPolicy().build(),
                        inventory(List.of(anInstance("orders")),
                                List.of(aSourceSnapshot("orders", 1).tags(Map.of(
                                        TagKeys.MANAGED_BY, TestSnapshots.REPLICATION_ID)).build()),
                                List.of()),
                        "Copy rds:orders-h1"),
                row("a database excluded by pattern is not copied", aPolicy().exclude("user*").build(),
                        inventory(List.of(anInstance("orders"), anInstance("users")), List.of(ORDERS_NEW, USERS_NEW),
                                List.of()),
                        "Copy rds:orders-h1"),
                row("include patterns limit the scope", aPolicy().include("USERS").build(),
                        inventory(List.of(anInstance("orders"), anInstance("users")), List.of(ORDERS_NEW, USERS_NEW),
                                List.of()),
                        "Copy rds:users-h2"),
                row("the tag filter limits the scope", aPolicy().tagFilter("dr", "yes").build(),
                        inventory(List.of(anInstance("orders", "dr", "yes"), anInstance("users", "dr", "no")),
                                List.of(ORDERS_NEW, USERS_NEW), List.of()),
                        "Copy rds:orders-h1"),
                row("snapshots of a database that no longer exists are not swept", aPolicy().build(),
                        inventory(List.of(), List.of(ORDERS_NEW), List.of())),
                row("an encrypted source without TARGET_KMS_KEY_ARN is rejected", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1).encrypted()
                                .build()), List.of()),
                        "Rejected rds:orders-h1"),
                row("an option group with persistent options and no mapping is rejected", aPolicy().build(),
                        new Inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1)
                                .optionGroup("oracle-tde").build()), List.of(),
                                Map.of("oracle-tde", new OptionGroup("oracle-tde", true))),
                        "Rejected rds:orders-h1"),
                row("a non-default option group without such options is copied without mapping", aPolicy().build(),
                        new Inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1)
                                .optionGroup("audit-plugin").build()), List.of(),
                                Map.of("audit-plugin", new OptionGroup("audit-plugin", false))),
                        "Copy rds:orders-h1"),
                row("an option group RDS no longer knows is tried without mapping", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1)
                                .optionGroup("gone").build()), List.of()),
                        "Copy rds:orders-h1"),
                row("an RDS Custom database is not copied", aPolicy().build(),
                        inventory(List.of(new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "erp", Map.of(),
                                "custom-oracle-ee", 7, null)), List.of(aSourceSnapshot("erp", 1)
                                .engine("custom-oracle-ee").build()), List.of())),
                row("a Multi-AZ DB cluster is not copied", aPolicy().aurora().build(),
                        inventory(List.of(new SourceDatabase(SnapshotKind.DB_CLUSTER_SNAPSHOT, "maz", Map.of(),
                                "postgres", 7, null)), List.of(aSourceSnapshot("maz", 1).cluster().engine("postgres")
                                .build()), List.of())),
                row("read replicas are out of scope by default", aPolicy().build(),
                        inventory(List.of(new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "orders-replica", Map.of(),
                                "mysql", 7, "orders")), List.of(aSourceSnapshot("orders-replica", 1).build()),
                                List.of())),
                row("read replicas are copied when asked", aPolicy().readReplicas().build(),
                        inventory(List.of(new SourceDatabase(SnapshotKind.DB_SNAPSHOT, "orders-replica", Map.of(),
                                "mysql", 7, "orders")), List.of(aSourceSnapshot("orders-replica", 1).build()),
                                List.of()),
                        "Copy rds:orders-replica-h1"),
                row("a default option group needs no mapping", aPolicy().build(),
                        inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1)
                                .optionGroup("default:postgres-16").build()), List.of()),
                        "Copy rds:orders-h1"),
                row("Aurora clusters are ignored unless enabled", aPolicy().build(),
                        inventory(List.of(aCluster("billing")), List.of(aSourceSnapshot("billing", 1).cluster()
                                .build()), List.of())),
                row("Aurora clusters are copied when enabled", aPolicy().aurora().build(),
                        inventory(List.of(aCluster("billing")), List.of(aSourceSnapshot("billing", 1).cluster()
                                .build()), List.of()),
                        "Copy rds:billing-h1"));
    }

    private static Arguments row(String rule, ReplicationPolicy policy, Inventory inventory, String... expected) {
        return Arguments.of(rule, policy, inventory, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decidesPerRule(String rule, ReplicationPolicy policy, Inventory inventory, List<String> expected) {
        Plan plan = planner.planSweep(policy, inventory, NOW);

        assertThat(summarise(plan)).as(rule).containsExactlyElementsOf(expected);
    }

    @Test
    void copyCarriesTargetKeyOwnershipTagsAndDeterministicIdentifier() {
        Snapshot encrypted = aSourceSnapshot("orders", 1).encrypted().build();
        Plan plan = planner.planSweep(aPolicy().kmsKey(TARGET_KEY).build(),
                inventory(List.of(anInstance("orders")), List.of(encrypted), List.of()), NOW);

        Decision.Copy copy = plan.of(Decision.Copy.class).get(0);
        assertThat(copy.kmsKeyId()).isEqualTo(TARGET_KEY);
        assertThat(copy.targetIdentifier()).isEqualTo(TargetIdentifiers.forSource(TestSnapshots.PREFIX,
                SnapshotArn.parse(encrypted.arn()).orElseThrow()));
        assertThat(copy.attempt()).isEqualTo(1);
        assertThat(copy.replaces()).isNull();
        assertThat(copy.tags()).containsEntry(TagKeys.MANAGED_BY, TestSnapshots.REPLICATION_ID)
                .containsEntry(TagKeys.SOURCE_SNAPSHOT_ARN, encrypted.arn())
                .containsEntry(TagKeys.SOURCE_DB_IDENTIFIER, "orders").containsEntry(TagKeys.SOURCE_REGION, SOURCE)
                .containsEntry(TagKeys.SOURCE_CREATED_AT, encrypted.createdAt().toString())
                .containsEntry(TagKeys.COPY_STARTED_AT, NOW.toString());
    }

    @Test
    void unencryptedSourceGetsNoKmsKeyEvenWhenOneIsConfigured() {
        Plan plan = planner.planSweep(aPolicy().kmsKey(TARGET_KEY).aurora().build(),
                inventory(List.of(aCluster("billing")), List.of(aSourceSnapshot("billing", 1).cluster().build()),
                        List.of()), NOW);

        assertThat(plan.of(Decision.Copy.class)).singleElement()
                .satisfies(c -> assertThat(c.kmsKeyId()).isNull());
    }

    @Test
    void rejectionsNameTheSettingToFix() {
        Plan noKey = planner.planSweep(aPolicy().build(), inventory(List.of(anInstance("orders")),
                List.of(aSourceSnapshot("orders", 1).encrypted().build()), List.of()), NOW);
        Plan noMapping = planner.planSweep(aPolicy().build(), new Inventory(List.of(anInstance("orders")),
                List.of(aSourceSnapshot("orders", 1).optionGroup("oracle-tde").build()), List.of(),
                Map.of("oracle-tde", new OptionGroup("oracle-tde", true))), NOW);

        assertThat(noKey.decisions().get(0).reason()).contains("TARGET_KMS_KEY_ARN").contains(TARGET);
        assertThat(noMapping.decisions().get(0).reason()).contains("oracle-tde").contains("OPTION_GROUP_MAPPING");
    }

    @Test
    void mappedOptionGroupIsUsed() {
        Plan plan = planner.planSweep(aPolicy().optionGroup("oracle-tde", "oracle-tde-dr").build(),
                inventory(List.of(anInstance("orders")), List.of(aSourceSnapshot("orders", 1)
                        .optionGroup("oracle-tde").build()), List.of()), NOW);

        assertThat(plan.of(Decision.Copy.class).get(0).optionGroupName()).isEqualTo("oracle-tde-dr");
    }

    static List<String> summarise(Plan plan) {
        return plan.decisions().stream()
                .map(d -> d.getClass().getSimpleName() + " " + d.snapshot().identifier())
                .toList();
    }
}
