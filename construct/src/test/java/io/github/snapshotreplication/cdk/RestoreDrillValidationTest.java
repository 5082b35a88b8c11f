package io.github.snapshotreplication.cdk;

import static io.github.snapshotreplication.cdk.RestoreDrillTest.drill;
import static io.github.snapshotreplication.cdk.TestStacks.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.Stack;

/** Each rule of {@link RestoreDrillChecks}: the message names the option as {@code restoreDrill.<option>}. */
class RestoreDrillValidationTest {

    private static String problem(RestoreDrillOptions.Builder drill) {
        try {
            TestStacks.withConstruct(props().restoreDrill(drill.build()).build(), c -> { });
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an IllegalArgumentException");
    }

    @Test
    void failsWithoutSubnetGroupOrSecurityGroups() {
        assertThatThrownBy(() -> RestoreDrillOptions.builder().securityGroupIds(List.of("sg-12345678")).build())
                .hasMessageContaining("restoreDrill.subnetGroupName is required");
        assertThatThrownBy(() -> RestoreDrillOptions.builder().subnetGroupName("drill").build())
                .hasMessageContaining("restoreDrill.securityGroupIds is required");
    }

    @Test
    void failsOnAMalformedSubnetGroupName() {
        assertThat(problem(drill().subnetGroupName("drill/subnets"))).contains(
                "restoreDrill.subnetGroupName must be 1 to 255 letters, digits, spaces or ._-, starting with a"
                        + " letter, not default (got 'drill/subnets')");
        assertThat(problem(drill().subnetGroupName("Default"))).contains("(got 'Default')");
        assertThat(problem(drill().subnetGroupName("1-drill"))).contains("(got '1-drill')");
    }

    @Test
    void failsOnTooManyOrMalformedSecurityGroups() {
        assertThat(problem(drill().securityGroupIds(List.of()))).contains(
                "restoreDrill.securityGroupIds must name 1 to 5 entries (got 0)");
        assertThat(problem(drill().securityGroupIds(List.of("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"))))
                .contains("restoreDrill.securityGroupIds must name 1 to 5 entries (got 6)");
        assertThat(problem(drill().securityGroupIds(List.of("sg-0123456789ABCDEF0")))).contains(
                "restoreDrill.securityGroupIds entry 'sg-0123456789ABCDEF0' must be a security group id");
        assertThat(problem(drill().securityGroupIds(List.of("sg-123456789")))).contains("'sg-123456789'");
    }

    @Test
    void failsOnAnInstanceClassThatIsNoneOrServerless() {
        assertThat(problem(drill().instanceClasses(Map.of("postgres", "t4g.micro")))).contains(
                "restoreDrill.instanceClasses value of 'postgres' must be a DB instance class such as db.t4g.micro"
                        + " (got 't4g.micro')");
        assertThat(problem(drill().instanceClasses(Map.of("aurora-postgresql", "db.serverless")))).contains(
                "restoreDrill.instanceClasses value of 'aurora-postgresql' must not be db.serverless");
        assertThat(problem(drill().instanceClasses(Map.of("Postgres", "db.t4g.micro")))).contains(
                "restoreDrill.instanceClasses key 'Postgres' must be an engine name");
    }

    @Test
    void failsOutsideTheContractBounds() {
        assertThat(problem(drill().maxConcurrentDrills(21))).contains(
                "restoreDrill.maxConcurrentDrills must be a whole number from 1 to 20 (got 21)");
        assertThat(problem(drill().maxDrillDuration(Duration.minutes(30)))).contains(
                "restoreDrill.maxDrillDuration must be at least 1 hour (got 30 minutes)");
        assertThat(problem(drill().databasesPerRound(0))).contains(
                "restoreDrill.databasesPerRound must be a whole number from 1 to 10000 (got 0)");
        assertThat(problem(drill().successWindow(Duration.hours(12)))).contains(
                "restoreDrill.successWindow must be at least 1 day (got 12 hours)");
    }

    @Test
    void failsOnMalformedGlobsAndTagFilters() {
        assertThat(problem(drill().databases(List.of("orders_*")))).contains(
                "restoreDrill.databases pattern 'orders_*' may only contain");
        assertThat(problem(drill().sourceTagFilter(Map.of("", "v")))).contains(
                "restoreDrill.sourceTagFilter key '' must be 1 to 128 characters");
    }

    @Test
    void failsWhenTheSuccessWindowIsNotLongerThanTheRoundInterval() {
        assertThat(problem(drill().successWindow(Duration.days(7)))).contains(
                "restoreDrill.successWindow must be longer than the interval of restoreDrill.schedule (7 days;"
                        + " got 7 days)");
        assertThatNoException().isThrownBy(() -> TestStacks.withConstruct(props().restoreDrill(drill()
                .schedule(Schedule.expression("cron(0 3 * * ? *)")).successWindow(Duration.days(2)).build())
                .build(), c -> { }));
    }

    @Test
    void gathersEveryProblemIntoOneMessage() {
        String message = problem(drill().subnetGroupName("a/b").maxConcurrentDrills(0).databasesPerRound(0));
        assertThat(message).contains("restoreDrill.subnetGroupName", "restoreDrill.maxConcurrentDrills",
                "restoreDrill.databasesPerRound");
    }

    @Test
    void warnsWhenTheRoundIntervalCannotBeRead() {
        Stack stack = TestStacks.withConstruct(props().restoreDrill(drill().schedule(Schedule.expression(
                "cron(0 3 1,15 * ? *)")).build()).build(), c -> { });
        Annotations.fromStack(stack).hasWarning("/DatabaseStack/Replication", Match.stringLikeRegexp(
                ".*cannot tell how often restoreDrill.schedule runs.*"));
    }

    @Test
    void tokensAreNotChecked() {
        assertThatNoException().isThrownBy(() -> TestStacks.withConstruct(props().restoreDrill(drill()
                .subnetGroupName(Token.asString(Map.of("Ref", "Subnets")))
                .securityGroupIds(List.of(Token.asString(Map.of("Ref", "Sg"))))
                .maxConcurrentDrills(Token.asNumber(Map.of("Ref", "Max")))
                .maxDrillDuration(Duration.hours(Token.asNumber(Map.of("Ref", "Hours"))))
                .successWindow(Duration.days(Token.asNumber(Map.of("Ref", "Days")))).build()).build(), c -> { }));
    }
}
