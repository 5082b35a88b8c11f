package io.github.snapshotreplication.benchmarks.timesim;

import io.github.snapshotreplication.contract.Invocations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recovery-point age as users feel it, for four designs over simulated days (issue 9, item 6; method and results in
 * docs/benchmarks.md, section 6). System properties: {@code timesim.fleets} (DB instances, default 50,100,300,500),
 * {@code timesim.medians} (copy minutes, default 25,60), {@code timesim.warmup} (days, default 10),
 * {@code timesim.days} (measured days, default 30), {@code timesim.days.large} (measured days of fleets above
 * {@value #LARGE_FLEET} instances, default 10), {@code timesim.seed} (default 1), {@code timesim.designs} (default
 * abcd; diagnostics: e, the ideal refilling freed slots only every 10 minutes; f, e whose events take a free slot
 * for their own database first), {@code timesim.new.settings}
 * (settings of (c) over the defaults, e.g. {@code MAX_CONCURRENT_DB_SNAPSHOT_COPIES=20}).
 *
 * <p>Why fewer days for large fleets: the real engine reads and plans the whole target region on every event and
 * every follow-up sweep, so a simulated day costs CPU in proportion to the square of the fleet (about 7 s of CPU
 * per day at 300 databases and 60-minute copies, 20 s at 500 on the benchmark machine).
 */
public final class TimeSimBenchmark {

    /** Fleets above this many instances are measured over {@code timesim.days.large} days. */
    static final int LARGE_FLEET = 100;
    /** The new design's default copy slots, which the ideal gets too. */
    static final int DB_SLOTS = 15;
    static final int CLUSTER_SLOTS = 4;

    private TimeSimBenchmark() {
    }

    /** Runs every fleet and median, printing each run as it ends, then the table and the targets. */
    public static void run() {
        List<Integer> fleets = ints(System.getProperty("timesim.fleets", "50,100,300,500"));
        List<Integer> medians = ints(System.getProperty("timesim.medians", "25,60"));
        int warmUp = Integer.getInteger("timesim.warmup", 10);
        int days = Integer.getInteger("timesim.days", 30);
        int largeDays = Integer.getInteger("timesim.days.large", 10);
        long seed = Long.getLong("timesim.seed", 1);
        String designs = System.getProperty("timesim.designs", "abcd");
        DesignSettings newDesign = DesignSettings.NEW.with(System.getProperty("timesim.new.settings", ""));
        if (!newDesign.equals(DesignSettings.NEW)) {
            System.out.printf("%n(c) with %s%n", newDesign.settings());
        }
        System.out.printf("%n== Time simulation: recovery-point age per database-hour over %d days (%d above %d"
                + " instances) after %d days of warm-up; copies log-normal (sigma %.1f), seed %d ==%n", days, largeDays,
                LARGE_FLEET, warmUp, SimFleet.SIGMA, seed);
        long start = System.nanoTime();
        TimeSimReport report = new TimeSimReport();
        for (int size : fleets) {
            int measured = size > LARGE_FLEET ? largeDays : days;
            for (int median : medians) {
                SimFleet fleet = new SimFleet(size, Duration.ofMinutes(median), seed);
                Map<String, Supplier<DesignRun>> runs = new LinkedHashMap<>();
                runs.put("a", () -> new PbudzonModel(fleet, warmUp, measured));
                runs.put("b", () -> new EngineRun(fleet, warmUp, measured, DesignSettings.BEFORE));
                runs.put("c", () -> new EngineRun(fleet, warmUp, measured, newDesign));
                runs.put("d", () -> new IdealModel(fleet, warmUp, measured, DB_SLOTS, CLUSTER_SLOTS));
                runs.put("e", () -> new IdealModel(fleet, warmUp, measured, DB_SLOTS, CLUSTER_SLOTS,
                        Invocations.FOLLOW_UP_INTERVAL_MINUTES * 60L, false));
                runs.put("f", () -> new IdealModel(fleet, warmUp, measured, DB_SLOTS, CLUSTER_SLOTS,
                        Invocations.FOLLOW_UP_INTERVAL_MINUTES * 60L, true));
                runs.forEach((design, run) -> {
                    if (designs.contains(design)) {
                        long runStart = System.nanoTime();
                        DesignRun.Measured result = run.get().run();
                        report.add(size, median, design, measured, result, (System.nanoTime() - runStart) / 1e9);
                    }
                });
            }
            if (designs.contains("b") || designs.contains("c")) {
                SimFleet fleet = new SimFleet(size, Duration.ofMinutes(medians.get(0)), seed);
                long idleStart = System.nanoTime();
                long[] idle = IdleRun.callsPerDay(fleet, DesignSettings.BEFORE, DesignSettings.NEW);
                report.idle(size, idle[0], idle[1], PbudzonModel.idleCallsPerDay(fleet),
                        (System.nanoTime() - idleStart) / 1e9);
            }
        }
        report.print();
        System.out.printf("  time simulation: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static List<Integer> ints(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }
}
