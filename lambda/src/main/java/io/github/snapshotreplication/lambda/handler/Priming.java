package io.github.snapshotreplication.lambda.handler;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.event.EventParser;
import io.github.snapshotreplication.lambda.event.ExpectedOrigin;
import io.github.snapshotreplication.lambda.event.InvocationEvent;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.output.RunSummary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Runs the request path once during initialisation, so that SnapStart snapshots it warm: the first real event
 * then skips most of its class loading and first-use costs (measured: docs/benchmarks.md, "Cold start").
 *
 * <p>It handles a bundled sample event and a sweep with a throw-away engine whose gateways answer offline (canned
 * RDS responses, fixed fake keys) and whose output is discarded: no network call, no log line, no metric, no
 * credentials resolved, and nothing it creates is kept. Its clock is fixed, so no timestamp is captured either.
 * It is deterministic: a failure here is a packaging bug, which ShrunkJarSmokeIT and PrimingIT catch.
 */
final class Priming {

    private static final String ACCOUNT = "123456789012";
    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC);

    private Priming() {
    }

    /** Primes with the function's settings; returns the summaries of the two throw-away runs (for tests). */
    static List<RunSummary> run(ReplicationSettings settings, ClientSettings clients) {
        JsonLines discard = new JsonLines(new PrintStream(OutputStream.nullOutputStream()));
        try (RdsSnapshotGateway source = RdsSnapshotGateway.offline(settings.sourceRegion(), clients);
             RdsSnapshotGateway target = RdsSnapshotGateway.offline(settings.targetRegion(), clients)) {
            // Not a dry run: the copy path (presigned URL, KMS key) is the costliest first call to warm.
            var engine = new ReplicationEngine(settings.policy(), false, source, target, discard, FIXED_CLOCK);
            var parser = new EventParser(new ExpectedOrigin(settings.sourceRegion(), ACCOUNT));
            TimeBudget budget = TimeBudget.unlimited();
            RunSummary event = engine.handle(parser.parse(sampleEvent(settings.sourceRegion())), budget);
            RunSummary sweep = engine.handle(new InvocationEvent.Sweep("priming"), budget);
            discard.write(Map.of("event", event.toJson(), "sweep", sweep.toJson()));
            return List.of(event, sweep);
        }
    }

    private static InputStream sampleEvent(String region) {
        try (InputStream in = Priming.class.getResourceAsStream("/priming/sns-event.json")) {
            if (in == null) {
                throw new IllegalStateException("priming/sns-event.json is missing from the Lambda jar");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("REGION", region);
            return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
