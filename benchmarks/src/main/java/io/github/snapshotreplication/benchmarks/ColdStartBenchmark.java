package io.github.snapshotreplication.benchmarks;

import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.DbSnapshot;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.event.Fixtures;
import io.github.snapshotreplication.lambda.packaging.LambdaJvm;
import io.github.snapshotreplication.lambda.packaging.LambdaLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Cold start of the shipped jar: a fresh Lambda-like JVM per sample, whose class path is the jar and the launcher
 * only, handling the SNS fixture event (describe, describe, copy: 3 RDS calls at 20 ms each) against the fake.
 */
final class ColdStartBenchmark {

    private static final String SNAPSHOT = "rds:orders-db-2024-05-14-03-10";

    /** One sample: parent-side and child-side times in milliseconds. */
    record Sample(long startToHandledMs, long jvmUptimeMs, long initMs, long eventMs) {
    }

    private final ChildSweep child;

    ColdStartBenchmark(ChildSweep child) {
        this.child = child;
    }

    void run(int samples, int primedSamples) {
        Path jar = LambdaJvm.shippedJar();
        try (FakeRdsServer rds = FakeRdsServer.start()) {
            rds.region(FleetScenario.SOURCE).addDbInstance(DbInstance.builder().identifier("orders-db").build());
            rds.region(FleetScenario.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier(SNAPSHOT)
                    .dbInstanceIdentifier("orders-db").snapshotType("automated")
                    .createdAt(Instant.parse("2024-05-14T03:10:42.512Z")).encrypted(true)
                    .kmsKeyId(FleetScenario.SOURCE_KEY).build());
            rds.setLatency(SweepBenchmark.LATENCY);
            Path event = write("sns.json", Fixtures.text("sns-db-snapshot-automated-created.json"));
            // Priming as SnapStart would run it before the snapshot: an event for a snapshot that does not exist
            // (a read-only describe that ends in NotFound, so nothing is copied).
            Path priming = write("priming.json", Fixtures.text("sns-db-snapshot-automated-created.json")
                    .replace(SNAPSHOT, "rds:priming-does-not-exist"));
            System.out.printf("%n== Cold start: fresh JVM per sample, %s, class path = shipped jar (%,d bytes)"
                    + " + launcher ==%n", String.join(" ", LambdaJvm.lambdaLikeFlags(LambdaJvm.DEFAULT_MEMORY_MB)),
                    size(jar));
            List<Sample> plain = sample(rds, jar, event, null, samples);
            List<Sample> primed = sample(rds, jar, event, priming, primedSamples);
            System.out.printf("  %-46s %8s %8s%n", "(ms)", "median", "max");
            line("process start -> first event handled", plain, Sample::startToHandledMs);
            line("  JVM uptime at the end of the first event", plain, Sample::jvmUptimeMs);
            line("  handler construction (static init, clients)", plain, Sample::initMs);
            line("  first event (3 RDS calls at 20 ms)", plain, Sample::eventMs);
            System.out.printf("  with priming in init (%d samples):%n", primed.size());
            line("  init incl. priming event", primed, Sample::initMs);
            line("  first event after priming", primed, Sample::eventMs);
            System.out.printf("  jar size %,d bytes (%.2f MiB; lambda/pom.xml fails the build above 7 MiB)%n", size(jar),
                    size(jar) / 1024.0 / 1024.0);
        }
    }

    private List<Sample> sample(FakeRdsServer rds, Path jar, Path event, Path priming, int count) {
        List<String> flags = new ArrayList<>(LambdaJvm.lambdaLikeFlags(LambdaJvm.DEFAULT_MEMORY_MB));
        if (priming != null) {
            flags.add("-Dlauncher.primeEvent=" + priming.toAbsolutePath());
        }
        Map<String, String> env = LambdaJvm.environment(rds.endpoint(), FleetScenario.settings());
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeRegion target = rds.region(FleetScenario.TARGET);
            target.dbSnapshots().forEach(s -> target.removeDbSnapshot(s.identifier()));
            LambdaJvm.Run run = LambdaJvm.run(LambdaJvm.command(jar, child.launcher(), flags, List.of(event)), env,
                    Duration.ofMinutes(1));
            List<String> timing = run.linesStartingWith(LambdaLauncher.TIMING);
            if (run.exitCode() != 0 || timing.size() != 1 || target.dbSnapshots().size() != 1) {
                throw new IllegalStateException("cold-start sample failed: " + run.describe());
            }
            Map<String, Object> t = ChildSweep.json(timing.get(0));
            samples.add(new Sample(run.firstResultNanos() / 1_000_000, number(t, "jvm_uptime_ms"),
                    number(t, "init_ms"), number(t, "event_ms")));
        }
        return samples;
    }

    private static void line(String name, List<Sample> samples, ToLongFunction<Sample> value) {
        List<Long> values = new ArrayList<>(samples.stream().map(value::applyAsLong).toList());
        Collections.sort(values);
        long median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
        System.out.printf("  %-46s %8d %8d%n", name, median, values.get(values.size() - 1));
    }

    private static long number(Map<String, Object> json, String key) {
        return ((Number) json.get(key)).longValue();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(child.work().resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
