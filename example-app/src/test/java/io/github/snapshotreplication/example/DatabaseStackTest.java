package io.github.snapshotreplication.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.snapshotreplication.compliance.Compliance;
import io.github.snapshotreplication.compliance.Compliance.Finding;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * How to test your own stack with the construct: synthesize the stack offline, assert on the template, and run
 * the cdk-nag packs and the Control Tower guard rules on the construct's part of it.
 */
class DatabaseStackTest {

    private static DatabaseStack stack() {
        return new DatabaseStack(new App(), "ExampleDatabaseStack",
                StackProps.builder().env(ExampleApp.environment()).build());
    }

    @Test
    void stackKeepsItsDatabasesAndAddsTheReplication() {
        Template template = Template.fromStack(stack());
        template.resourceCountIs("AWS::RDS::DBInstance", 2);
        template.resourceCountIs("AWS::RDS::DBCluster", 1);
        template.resourceCountIs("AWS::Lambda::Function", 2);
        template.resourceCountIs("AWS::Events::Rule", 4);
    }

    @Test
    void aWeeklyRestoreDrillRunsInTheTargetRegionWithThePlaceholderNetwork() {
        DatabaseStack stack = stack();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "ReservedConcurrentExecutions", 1,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DRILL_SUBNET_GROUP", DatabaseStack.DRILL_SUBNET_GROUP,
                        "DRILL_SECURITY_GROUP_IDS", "[\"" + DatabaseStack.DRILL_SECURITY_GROUP + "\"]"))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 3 ? * SUN *)")));
        assertThat(stack.getReplication().getDrillFunction()).isNotNull();
    }

    @Test
    void snapshotsOfInstancesAndClustersAreCopiedToFrankfurt() {
        Template template = Template.fromStack(stack());
        template.hasResourceProperties("AWS::RDS::EventSubscription", Map.of("SourceType", "db-snapshot"));
        template.hasResourceProperties("AWS::RDS::EventSubscription", Map.of("SourceType", "db-cluster-snapshot"));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of(
                        "TARGET_REGION", "eu-central-1",
                        "INCLUDE_AURORA_CLUSTERS", "true",
                        "TARGET_KMS_KEY_ARN", "arn:aws:kms:eu-central-1:" + ExampleApp.FALLBACK_ACCOUNT + ":key/"
                                + DatabaseStack.TARGET_KEY_ID)))));
    }

    @Test
    void replicationCanOnlyDeleteItsOwnCopies() {
        DatabaseStack stack = stack();
        String id = stack.getReplication().getReplicationId();
        Template.fromStack(stack).hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "rds:DeleteDBSnapshot",
                        "Condition", Map.of("StringEquals",
                                Map.of("rds:snapshot-tag/snapshot-replication:managed-by", id)))))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCopyIsSharedWithTheVaultAccountWhichNoIamResourceNames() {
        Template template = Template.fromStack(stack());
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("VAULT_ACCOUNT", ExampleApp.VAULT_ACCOUNT)))));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 11);
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.toJSON()
                .get("Resources");
        resources.forEach((logicalId, resource) -> {
            if (resource.get("Type").toString().startsWith("AWS::IAM::")) {
                assertThat(resource.toString()).as(logicalId).doesNotContain(ExampleApp.VAULT_ACCOUNT);
            }
        });
    }

    @Test
    void replicationPassesEveryCdkNagPack() {
        DatabaseStack stack = stack();
        List<Finding> findings = Compliance.nagFindings(stack, stack);
        // Paths are matched exactly, so filter by prefix: the example databases are not the subject of this test.
        String construct = "/" + stack.getStackName() + "/SnapshotReplication/";
        assertThat(findings).filteredOn(f -> f.path().startsWith(construct)).isEmpty();
        // The same query does see the findings of the example databases, so the empty result above means something.
        assertThat(findings).extracting(Finding::path).contains("/ExampleDatabaseStack/OrdersDb/Resource");
    }

    @Test
    void replicationPassesTheControlTowerProactiveControls() {
        DatabaseStack stack = stack();
        assertThat(Compliance.guardFindings(stack, stack.getReplication())).isEmpty();
        assertThat(Compliance.guardFindings(stack, stack)).extracting(Finding::path)
                .contains("/ExampleDatabaseStack/OrdersDb/Resource");
    }

    @Test
    void replicationRunsInTheSubnetsWithNatEgressAndWarnsAboutNothing() {
        DatabaseStack stack = stack();
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Map.of(
                "SubnetIds", List.of(Map.of("Ref", Match.stringLikeRegexp("VpcReplicationSubnet1.*")),
                        Map.of("Ref", Match.stringLikeRegexp("VpcReplicationSubnet2.*"))),
                "SecurityGroupIds", Match.anyValue())));
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.anyValue()))
                .filteredOn(m -> m.getId().startsWith("/ExampleDatabaseStack/SnapshotReplication"))
                .extracting(m -> m.getEntry().getData()).isEmpty();
    }
}
