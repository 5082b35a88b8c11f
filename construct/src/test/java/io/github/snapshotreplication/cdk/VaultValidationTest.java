package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.TestStacks.vaultProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.Alias;

/** Each bad vault prop fails at synth time with a message naming the prop, the value and the fix. */
class VaultValidationTest {

    /** The problems of one failed construction, one per line of the message. */
    private static List<String> problems(SnapshotVaultProps props) {
        try {
            new SnapshotVault(TestStacks.vaultStack(), "Vault", props);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid SnapshotVaultProps:");
            return e.getMessage().lines().skip(1).map(l -> l.replaceFirst("^  - ", "")).toList();
        }
        throw new AssertionError("expected the props to be refused");
    }

    @Test
    void failsWithoutSourceAccounts() {
        assertThatThrownBy(() -> SnapshotVaultProps.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("sourceAccounts is required");
    }

    @Test
    void failsOnNoneOrMoreThanTwentySourceAccounts() {
        assertThat(problems(vaultProps().sourceAccounts(List.of()).build())).singleElement().asString()
                .startsWith("sourceAccounts must name 1 to 20 entries (got 0)");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(String.format("%012d", 100_000_000_000L + i));
        }
        assertThat(problems(vaultProps().sourceAccounts(many).build())).singleElement().asString()
                .startsWith("sourceAccounts must name 1 to 20 entries (got 21)").contains("6,144");
    }

    @Test
    void failsOnSomethingElseThanAnAccountId() {
        assertThat(problems(vaultProps().sourceAccounts(List.of("12345678901", "arn:aws:iam::123456789012:root"))
                .build())).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("sourceAccounts must hold 12-digit AWS"
                + " account ids (got '"));
    }

    @Test
    void failsWhenTheVaultWouldKeepItsOwnAccountsCopies() {
        assertThat(problems(vaultProps().sourceAccounts(List.of(TestStacks.ACCOUNT, TestStacks.VAULT_ACCOUNT))
                .build())).singleElement().asString().startsWith("sourceAccounts must not hold the vault's own account"
                + " (got 210987654321)");
    }

    @Test
    void failsOnAListTokenOfAccounts() {
        Stack stack = TestStacks.vaultStack();
        List<String> accounts = CfnParameter.Builder.create(stack, "Sources").type("CommaDelimitedList").build()
                .getValueAsList();
        assertThatThrownBy(() -> new SnapshotVault(stack, "Vault", vaultProps().sourceAccounts(accounts).build()))
                .hasMessageContaining("sourceAccounts must be a list of account ids, not a list token");
    }

    @Test
    void failsOnAnAliasOrAKeyOfAnotherRegion() {
        assertThat(problems(vaultProps().encryptionKey(TestStacks.key(TestStacks.TARGET_KEY_ARN.replace(
                "eu-central-1", "eu-west-1"))).build())).singleElement().asString().isEqualTo("encryptionKey must be a"
                + " key in the stack region eu-central-1 (got a key in eu-west-1); RDS encrypts a copy with a key of"
                + " the copy's region");
        Stack stack = TestStacks.vaultStack();
        assertThatThrownBy(() -> new SnapshotVault(stack, "Vault", vaultProps()
                .encryptionKey(Alias.fromAliasName(stack, "Alias", "alias/vault")).build()))
                .hasMessageContaining("encryptionKey must be a KMS key, not an alias");
        assertThat(problems(vaultProps().logEncryptionKey(TestStacks.key(TestStacks.TARGET_KEY_ARN.replace(
                "eu-central-1", "us-east-1"))).build())).singleElement().asString().startsWith("logEncryptionKey must"
                + " be a key in the stack region eu-central-1 (got a key in us-east-1)");
    }

    @Test
    void failsOnARetentionShorterThanADay() {
        assertThat(problems(vaultProps().retention(Duration.hours(12)).build())).singleElement().asString()
                .startsWith("retention must be at least 1 day (got 12 hours)");
    }

    @Test
    void failsOnAVaultIdThatIsNoTagValue() {
        assertThat(problems(vaultProps().vaultId("orders vault #1").build())).singleElement().asString()
                .startsWith("vaultId must be 1 to 256 letters, digits, spaces or _.:/=+-@ (got 'orders vault #1')");
    }

    @Test
    void failsWithEveryProblemOfTheSharedPropsInOneMessage() {
        assertThat(problems(vaultProps().memorySize(64).reservedConcurrentExecutions(0)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .recoveryPointAgeThreshold(Duration.minutes(30)).build()))
                .containsExactly("memorySize must be a whole number between 128 and 10240 (got 64): Lambda memory is"
                                + " 128 to 10240 MiB",
                        "reservedConcurrentExecutions must be a whole number of at least 1 (got 0): 0 would throttle"
                                + " every invocation; leave it unset to reserve nothing",
                        "vpcSubnets needs vpc: set vpc to the VPC of those subnets, or remove vpcSubnets",
                        "recoveryPointAgeThreshold must be at least 1 hour (got 30 minutes): the alarm is evaluated"
                                + " hourly");
    }

    @Test
    void tokensAreNotValidated() {
        Stack stack = TestStacks.vaultStack();
        String account = CfnParameter.Builder.create(stack, "Source").build().getValueAsString();
        assertThatNoException().isThrownBy(() -> new SnapshotVault(stack, "Vault", vaultProps()
                .sourceAccounts(List.of(account)).retention(Duration.days(
                        CfnParameter.Builder.create(stack, "Days").type("Number").build().getValueAsNumber()))
                .build()));
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of("VAULT_RETENTION", Map.of("Fn::Join", List.of("",
                        List.of("P", Map.of("Ref", "Days"), "D"))))))));
    }

    @Test
    void anEnvironmentAgnosticStackWarnsWhichChecksCannotRun() {
        Stack agnostic = new Stack(new App(), "Agnostic");
        assertThatNoException().isThrownBy(() -> new SnapshotVault(agnostic, "Vault", vaultProps().build()));
        Annotations.fromStack(agnostic).hasWarning("/Agnostic/Vault", Match.stringLikeRegexp("the stack has no"
                + " account or region \\(environment-agnostic\\), so synth cannot check that sourceAccounts leaves"
                + " out the vault's own account;.*\\[ack: snapshot-replication:environment-agnostic\\]"));
        Template.fromStack(agnostic).hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DescribeSharedAndOwnSnapshots",
                        "Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion",
                                Map.of("Ref", "AWS::Region"))))))))));
    }

    @Test
    void anUnknownScheduleShapeWarnsAndAssumesDailySweeps() {
        Stack stack = TestStacks.withVault(vaultProps().schedule(Schedule.expression("cron(0 3 1 * ? *)")).build(),
                v -> { });
        Annotations.fromStack(stack).hasWarning("/VaultStack/Vault",
                Match.stringLikeRegexp(".*cannot tell how often the schedule runs.*"));
    }
}
