package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;

/** AwsSolutions checks per configuration: no unsuppressed error or warning, and every suppression is justified. */
class NagTest {

    private static List<SynthesisMessage> findings(Stack stack, boolean errors) {
        Aspects.of(stack).add(new AwsSolutionsChecks());
        Annotations annotations = Annotations.fromStack(stack);
        return errors ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    private static void assertClean(Stack stack) {
        assertThat(findings(stack, true)).extracting(m -> m.getEntry().getData()).isEmpty();
        assertThat(findings(stack, false)).extracting(m -> m.getEntry().getData()).isEmpty();
    }

    @Test
    void instancesOnlyIsClean() {
        assertClean(TestStacks.withConstruct(props().build(), c -> { }));
    }

    @Test
    void auroraIsClean() {
        assertClean(TestStacks.withConstruct(props().includeAurora(true).build(), c -> { }));
    }

    @Test
    void customKeyAlarmTopicAndDashboardAreClean() {
        Stack stack = TestStacks.stack();
        Topic onCall = Topic.Builder.create(stack, "OnCall").masterKey(new Key(stack, "OnCallKey",
                software.amazon.awscdk.services.kms.KeyProps.builder().enableKeyRotation(true).build()))
                .enforceSsl(true).build();
        new CrossRegionSnapshotReplication(stack, "Replication", props().targetKeyArn(null).includeAurora(true)
                .targetKey(Key.fromKeyArn(stack, "TargetKey", TestStacks.TARGET_KEY_ARN))
                .alarmTopic(onCall).createDashboard(true).build());
        assertClean(stack);
    }

    @Test
    void withoutTargetKeyIsClean() {
        assertClean(TestStacks.withConstruct(props().targetKeyArn(null).build(), c -> { }));
    }

    @Test
    void suppressionsAreNarrowAnotherWildcardIsStillReported() {
        Stack stack = TestStacks.withConstruct(props().build(), c -> c.getRole().addToPrincipalPolicy(
                PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
                        .resources(List.of("arn:aws:s3:::some-bucket/*")).build()));
        assertThat(findings(stack, true)).extracting(m -> m.getEntry().getData().toString())
                .singleElement().asString().contains("AwsSolutions-IAM5", "some-bucket/*");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionHasAReasonAndNamesTheFindings() {
        Template t = Template.fromStack(TestStacks.withConstruct(props().includeAurora(true).build(), c -> { }));
        Map<String, Map<String, Object>> suppressed = t.findResources("AWS::IAM::Policy",
                Map.of("Metadata", Map.of("cdk_nag", Match.anyValue())));
        assertThat(suppressed).hasSize(1);
        Map<String, Object> nag = (Map<String, Object>) ((Map<String, Object>) suppressed.values().iterator().next()
                .get("Metadata")).get("cdk_nag");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) nag.get("rules_to_suppress");
        assertThat(rules).allSatisfy(rule -> {
            assertThat((String) rule.get("reason")).hasSizeGreaterThan(100);
            assertThat((List<?>) rule.get("applies_to")).isNotEmpty();
        });
        assertThat(rules).extracting(r -> r.get("id")).containsExactly("AwsSolutions-IAM5");
    }
}
