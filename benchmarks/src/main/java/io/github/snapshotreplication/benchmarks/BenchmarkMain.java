package io.github.snapshotreplication.benchmarks;

import io.github.snapshotreplication.benchmarks.timesim.TimeSimBenchmark;
import io.github.snapshotreplication.lambda.soak.ChaosSoak;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks and prints their tables. Arguments: any of {@code sweep resume coldstart planner soak
 * timesim}, or {@code all} (the default: every section but {@code timesim}, which alone takes about half an hour on
 * the benchmark machine and runs only when named). System properties: {@code lambda.jar} (default: {@code lambda/}
 * next to this jar), {@code soak.seeds} (default 4), and the {@code timesim.*} ones of {@link TimeSimBenchmark}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Set<String> sections = args.length == 0 || List.of(args).contains("all")
                ? Set.of("sweep", "resume", "coldstart", "planner", "soak") : Set.of(args);
        if (System.getProperty("lambda.jar") == null) {
            System.setProperty("lambda.jar", besideThisJar("lambda/snapshot-replication-lambda.jar").toString());
        }
        long start = System.nanoTime();
        System.out.printf("machine: %d CPUs, JVM max heap %d MB, %s %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));
        ChildSweep child = new ChildSweep(Files.createTempDirectory("snapshot-replication-benchmarks"));
        SweepBenchmark sweep = new SweepBenchmark(child);
        if (sections.contains("sweep")) {
            sweep.run(100, 1_000, 5_000);
        }
        if (sections.contains("resume")) {
            sweep.resume(5_000);
        }
        if (sections.contains("coldstart")) {
            new ColdStartBenchmark(child).run(12, 5);
        }
        if (sections.contains("planner")) {
            System.out.printf("%n== Planner (JMH, steady state): planSweep over the sweep benchmark's fleets ==%n");
            new Runner(new OptionsBuilder().include(PlannerBenchmark.class.getName())
                    .build()).run();
        }
        if (sections.contains("soak")) {
            int seeds = Integer.getInteger("soak.seeds", 4);
            System.out.printf("%n== Chaos soak, %d seeds at the large size ==%n", seeds);
            long soakStart = System.nanoTime();
            System.out.print(ChaosSoak.runSeeds(1, seeds, true));
            System.out.printf("  wall time %.1f s%n", (System.nanoTime() - soakStart) / 1e9);
        }
        if (sections.contains("timesim")) {
            TimeSimBenchmark.run();
        }
        System.out.printf("%nall benchmarks: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static Path besideThisJar(String relative) {
        try {
            Path self = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self.getParent().resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
