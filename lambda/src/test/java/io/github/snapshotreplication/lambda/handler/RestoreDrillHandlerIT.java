package io.github.snapshotreplication.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.Invocations;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeError;
import io.github.snapshotreplication.lambda.engine.FakeRdsHarness;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.packaging.LambdaLauncher.LauncherContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The drill function's entry point with the inputs its two schedules send, and with inputs it must refuse. */
class RestoreDrillHandlerIT {

    private final FakeRdsHarness fake = new FakeRdsHarness();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theRoundAndAdvanceInputsRunTheDrill() throws IOException {
        fake.sourceRegion().addDbInstance(DbInstance.builder().identifier("orders").build());
        fake.sourceRegion().addDbSnapshot(DbSnapshot.builder().identifier("rds:orders-h2")
                .dbInstanceIdentifier("orders").snapshotType("automated")
                .createdAt(FakeRdsHarness.NOW.minus(Duration.ofHours(2))).build());
        fake.engine().sweep(TimeBudget.unlimited());
        fake.targetRegion().completePendingCopies();
        RestoreDrillHandler handler = new RestoreDrillHandler(fake.drillEngine(), FakeRdsHarness.SOURCE);

        Map<String, Object> round = invoke(handler, input(Invocations.DRILL_ROUND_INPUT));
        fake.advance(Duration.ofMinutes(Invocations.DRILL_ADVANCE_INTERVAL_MINUTES));
        Map<String, Object> advance = invoke(handler, input(Invocations.DRILL_ADVANCE_INPUT));

        assertThat(round).containsEntry("trigger", Invocations.DRILL_ROUND).containsEntry("drills_succeeded", 0);
        assertThat(advance).containsEntry("trigger", Invocations.DRILL_ADVANCE).containsEntry("drills_succeeded", 1);
    }

    @Test
    void aScheduledEventWithoutTheDrillsInputIsRefusedNotRunAsASweep() throws IOException {
        RestoreDrillHandler handler = new RestoreDrillHandler(fake.drillEngine(), FakeRdsHarness.SOURCE);

        Map<String, Object> summary = invoke(handler, Fixtures.open("eventbridge-scheduled-event.json"));

        assertThat(summary).containsEntry("trigger", "invalid");
        assertThat(fake.lines("invalid_input")).singleElement().satisfies(l ->
                assertThat((String) l.get("reason")).contains(Invocations.DRILL_ROUND));
        assertThat(fake.rds.mutatingRequests()).isEmpty();
    }

    @Test
    void aTransientFailureFailsTheInvocationSoLambdaRetriesIt() {
        RestoreDrillHandler handler = new RestoreDrillHandler(fake.drillEngine(), FakeRdsHarness.SOURCE);
        fake.rds.faults().failNext("DescribeDBInstances", 20, FakeError.THROTTLING);

        assertThatThrownBy(() -> invoke(handler, input(Invocations.DRILL_ADVANCE_INPUT)))
                .isInstanceOf(TransientFailureException.class);
    }

    private static InputStream input(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> invoke(RestoreDrillHandler handler, InputStream input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(input, out, LauncherContext.withRemainingMillis(300_000));
        return JSON.std.mapFrom(out.toByteArray());
    }
}
