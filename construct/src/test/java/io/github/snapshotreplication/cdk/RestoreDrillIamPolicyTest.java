package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.RestoreDrillTest.drill;
import static io.github.snapshotreplication.cdk.TestStacks.props;
import static io.github.snapshotreplication.cdk.TestStacks.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * The drill's role: it creates databases only with its prefix and its request tag, deletes DB instances and clusters
 * only with its prefix and its resource tag, restores only this installation's copies and modifies nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreDrillIamPolicyTest {

    static final String ID = "DatabaseStackReplicationCD41015F";
    private static final String DRILL_START = CopyIdentifiers.drillIdentifierStart(ID);

    private final Map<String, Map<String, Object>> aurora = drillStatements(template(props().includeAurora(true)
            .restoreDrill(drill().build()).build()));
    private final Map<String, Map<String, Object>> instancesOnly = drillStatements(template(props()
            .restoreDrill(drill().build()).build()));

    @Test
    void theSubnetGroupIsNamedInLowerCaseAsRdsStoresIt() {
        Map<String, Map<String, Object>> mixedCase = drillStatements(template(props()
                .restoreDrill(drill().subnetGroupName("Drill Subnets").build()).build()));

        assertThat(mixedCase.get("RestoreFromOwnCopiesIntoDrillSubnetGroup").toString())
                .contains("subgrp:drill subnets").doesNotContain("Drill Subnets");
    }

    /** The statements of the drill's managed policy only, by {@code Sid}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> drillStatements(Template template) {
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::ManagedPolicy").values()) {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            if (!String.valueOf(properties.get("Description")).startsWith("Restore drills")) {
                continue;
            }
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                bySid.put((String) statement.get("Sid"), statement);
            }
        }
        assertThat(bySid).isNotEmpty();
        return bySid;
    }

    private static Object target(String resource) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":rds:eu-central-1:123456789012:" + resource)));
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String s ? List.of(s) : ((List<?>) action).stream().map(String::valueOf).toList();
    }

    private static List<Object> resources(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        return resource instanceof List<?> l ? List.copyOf(l) : List.of(resource);
    }

    @Test
    void drillDatabasesCanOnlyBeCreatedWithTheDrillPrefixAndTheDrillRequestTag() {
        assertThat(aurora.get("CreateDrillDatabasesWithDrillTag"))
                .containsEntry("Action", List.of("rds:RestoreDBInstanceFromDBSnapshot",
                        "rds:RestoreDBClusterFromSnapshot", "rds:CreateDBInstance", "rds:AddTagsToResource"))
                .containsEntry("Resource", List.of(target("db:" + DRILL_START + "*"),
                        target("cluster:" + DRILL_START + "*")))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:RequestTag/" + TagKeys.DRILL, ID)));
        assertThat(instancesOnly.get("CreateDrillDatabasesWithDrillTag"))
                .containsEntry("Action", List.of("rds:RestoreDBInstanceFromDBSnapshot", "rds:AddTagsToResource"))
                .containsEntry("Resource", target("db:" + DRILL_START + "*"));
    }

    @Test
    void restoresUseOnlyOwnCopiesAndTheDrillSubnetGroup() {
        assertThat(aurora.get("RestoreFromOwnCopiesIntoDrillSubnetGroup"))
                .containsEntry("Action", List.of("rds:RestoreDBInstanceFromDBSnapshot",
                        "rds:RestoreDBClusterFromSnapshot", "rds:CreateDBInstance"))
                .containsEntry("Resource", List.of(
                        target("snapshot:" + CopyIdentifiers.identifierStart(ID) + "*"),
                        target("cluster-snapshot:" + CopyIdentifiers.identifierStart(ID) + "*"),
                        target("subgrp:" + RestoreDrillTest.SUBNET_GROUP), target("og:*"), target("pg:*"),
                        target("cluster-pg:*")));
    }

    @Test
    void deletesNeedBothTheDrillPrefixAndTheDrillTag() {
        Map<String, Object> tagged = Map.of("StringEquals", Map.of("aws:ResourceTag/" + TagKeys.DRILL, ID));
        assertThat(aurora.get("DeleteDrillDBInstances")).containsEntry("Action", "rds:DeleteDBInstance")
                .containsEntry("Resource", target("db:" + DRILL_START + "*")).containsEntry("Condition", tagged);
        assertThat(aurora.get("DeleteDrillDBClusters")).containsEntry("Action", "rds:DeleteDBCluster")
                .containsEntry("Resource", target("cluster:" + DRILL_START + "*")).containsEntry("Condition", tagged);
        assertThat(aurora.get("DeleteDrillDBClustersFinalSnapshotName")).containsEntry("Action", "rds:DeleteDBCluster")
                .containsEntry("Resource", target("cluster-snapshot:" + DRILL_START + "*"));
        assertThat(instancesOnly).doesNotContainKeys("DeleteDrillDBClusters", "DeleteDrillDBClustersFinalSnapshotName");
    }

    @Test
    void noStatementModifiesAnythingAndEveryDeleteIsScopedToTheDrillPrefixAndTag() {
        for (Map<String, Object> statement : aurora.values()) {
            assertThat(actions(statement)).noneMatch(a -> a.startsWith("rds:Modify") || a.startsWith("rds:Reboot")
                    || a.startsWith("rds:Stop") || a.startsWith("rds:Remove") || a.equals("rds:*"));
            if (actions(statement).stream().anyMatch(a -> a.startsWith("rds:Delete"))) {
                assertThat(actions(statement)).allMatch(a -> a.equals("rds:DeleteDBInstance")
                        || a.equals("rds:DeleteDBCluster"));
                assertThat(resources(statement)).allMatch(r -> r.toString().contains(":" + DRILL_START + "*"));
                if (!statement.get("Sid").equals("DeleteDrillDBClustersFinalSnapshotName")) {
                    assertThat(statement.get("Condition").toString()).contains("aws:ResourceTag/" + TagKeys.DRILL);
                }
            }
            if (actions(statement).stream().anyMatch(a -> a.startsWith("rds:Create") || a.startsWith("rds:Restore"))
                    && !statement.get("Sid").equals("RestoreFromOwnCopiesIntoDrillSubnetGroup")) {
                assertThat(statement.get("Condition").toString()).contains("aws:RequestTag/" + TagKeys.DRILL);
            }
        }
    }

    @Test
    void theLedgerIsWrittenOnlyOnOwnCopiesAndOnlyWithTheLedgerKeys() {
        assertThat(aurora.get("RecordDrillLedgerOnOwnCopies"))
                .containsEntry("Action", "rds:AddTagsToResource")
                .containsEntry("Condition", Map.of(
                        "StringEquals", Map.of("aws:ResourceTag/" + TagKeys.MANAGED_BY, ID),
                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(TagKeys.DRILL_REQUESTED_AT,
                                TagKeys.DRILL_FIRST_REQUESTED_AT, TagKeys.DRILL_ENDED_AT, TagKeys.DRILL_PASSED_AT))));
        assertThat(resources(aurora.get("RecordDrillLedgerOnOwnCopies"))).allMatch(r -> r.toString()
                .contains("snapshot:" + CopyIdentifiers.identifierStart(ID) + "*"));
    }

    @Test
    void describeCallsAreLimitedToTheRegionsThatNeedThem() {
        assertThat(aurora.get("DescribeDrillDatabasesAndCopies")).containsEntry("Resource", "*")
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion", "eu-central-1")));
        assertThat(aurora.get("DescribeReplicatedDatabases"))
                .containsEntry("Action", List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters"))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion", "eu-west-1")));
    }

    @Test
    void theTargetKeyIsUsableThroughRdsOfTheTargetRegionOnlyAndNoSourceKeyIsNamed() {
        assertThat(aurora.get("CreateGrantOnTargetKeyForRds"))
                .containsEntry("Resource", TestStacks.TARGET_KEY_ARN)
                .containsEntry("Condition", Map.of("StringEquals", Map.of("kms:ViaService",
                        "rds.eu-central-1.amazonaws.com"), "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        assertThat(aurora).containsKey("DescribeKeyOnTargetKeyForRds").doesNotContainKey(
                "CreateGrantOnSourceKeysForRds");
        assertThat(drillStatements(template(props().targetKey(null).restoreDrill(drill().build()).build())))
                .doesNotContainKey("CreateGrantOnTargetKeyForRds");
    }
}
