package io.github.snapshotreplication.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.packaging.LambdaJvm;
import io.github.snapshotreplication.lambda.packaging.LambdaLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One sweep by the shipped jar in its own Lambda-like JVM (so that its heap holds the engine alone, not the fake),
 * triggered by the EventBridge schedule's event.
 */
final class ChildSweep {

    /**
     * What the child reported.
     *
     * @param summary    the handler's response (snake_case counts), empty when it failed
     * @param eventMs    time inside handleRequest
     * @param peakHeapMb sampled peak of the used heap
     * @param logBytes   bytes of JSON log lines written (CloudWatch Logs ingestion)
     * @param logLines   JSON log lines written
     */
    record Outcome(Map<String, Object> summary, long eventMs, long peakHeapMb, long logBytes, long logLines) {

        long count(String key) {
            Object value = summary.get(key);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }

    private final Path work;
    private final Path launcher;
    private final Path sweepEvent;

    ChildSweep(Path work) {
        try {
            this.work = work;
            this.launcher = LambdaJvm.isolateLauncher(Files.createDirectories(work.resolve("launcher")));
            this.sweepEvent = Files.writeString(work.resolve("sweep.json"),
                    Fixtures.text("eventbridge-scheduled-event.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path work() {
        return work;
    }

    Path launcher() {
        return launcher;
    }

    /** Runs one sweep with {@code remainingMillis} on the Lambda clock. */
    Outcome run(FakeRdsServer rds, long remainingMillis) {
        List<String> flags = new ArrayList<>(LambdaJvm.lambdaLikeFlags(LambdaJvm.DEFAULT_MEMORY_MB));
        flags.add("-Dlauncher.sampleHeap=true");
        flags.add("-Dlauncher.remainingMillis=" + remainingMillis);
        LambdaJvm.Run run = LambdaJvm.run(LambdaJvm.command(LambdaJvm.shippedJar(), launcher, flags,
                List.of(sweepEvent)), LambdaJvm.environment(rds.endpoint(), FleetScenario.settings()),
                Duration.ofMinutes(15));
        List<String> results = run.linesStartingWith(LambdaLauncher.RESULT);
        List<String> timings = run.linesStartingWith(LambdaLauncher.TIMING);
        if (run.exitCode() != 0 || results.size() != 1 || timings.size() != 1) {
            throw new IllegalStateException("the sweep failed: " + tail(run.describe()));
        }
        Map<String, Object> timing = json(timings.get(0));
        long logBytes = 0;
        long logLines = 0;
        for (String line : run.stdout()) {
            if (line.startsWith("{")) {
                logBytes += line.length() + 1;
                logLines++;
            }
        }
        String result = results.get(0);
        return new Outcome(json(result.substring(result.indexOf(' ') + 1)),
                ((Number) timing.get("event_ms")).longValue(), ((Number) timing.get("peak_heap_mb")).longValue(),
                logBytes, logLines);
    }

    private static String tail(String text) {
        return text.length() < 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
