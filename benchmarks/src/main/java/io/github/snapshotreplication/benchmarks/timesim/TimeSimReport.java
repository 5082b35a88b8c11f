package io.github.snapshotreplication.benchmarks.timesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of the time simulation and the targets: (c) within 10 % of (d) at p95 for every fleet, no
 * database-hours above 48 h wherever (d) has none, and idle calls per day of (c) equal to (b)'s.
 */
final class TimeSimReport {

    private static final Map<String, String> DESIGNS = Map.of("a", "(a) pbudzon", "b", "(b) before",
            "c", "(c) new", "d", "(d) ideal", "e", "(e) d/10 min", "f", "(f) e+events");

    private final List<Row> rows = new ArrayList<>();
    private final Map<Integer, long[]> idle = new TreeMap<>();

    /** A run ended: prints it at once (the whole simulation takes a while). */
    void add(int size, int median, String design, int days, DesignRun.Measured measured, double seconds) {
        Row row = new Row(size, median, design, days, measured);
        rows.add(row);
        System.out.printf("  %s   [%.1f s]%n", line(row), seconds);
        if (!measured.detailsPerDay().isEmpty()) {
            StringBuilder details = new StringBuilder("        per day:");
            measured.detailsPerDay().forEach((name, value) -> details.append(String.format(" %s %,.1f;", name,
                    value)));
            System.out.println(details);
        }
    }

    /** Idle calls per day of a fleet size: (b), (c), and (a) as modelled. */
    void idle(int size, long before, long now, long pbudzon, double seconds) {
        idle.put(size, new long[] {pbudzon, before, now});
        System.out.printf("  %,d DBs idle: (a) %,d  (b) %,d  (c) %,d RDS calls per day   [%.1f s]%n", size, pbudzon,
                before, now, seconds);
    }

    void print() {
        System.out.printf("%n  %-9s %-6s %4s %-12s %8s %8s %8s %8s %12s %12s%n", "DBs", "copy", "days", "design",
                "p50 h", "p95 h", "max h", ">48 h", "calls/day", "idle/day");
        for (Row row : rows) {
            System.out.println("  " + line(row) + String.format(" %12s", idleOf(row)));
        }
        System.out.println();
        targets();
    }

    private String line(Row row) {
        RecoveryPointAges.Stats a = row.measured().ages();
        String calls = "def".contains(row.design()) ? "n/a" : String.format("%,.0f", row.measured().callsPerDay());
        return String.format("%-9s %-6s %4d %-12s %8.1f %8.1f %8.1f %7.2f%% %12s",
                String.format("%,d+%d", row.size(), Math.max(1, row.size() / 10)), row.median() + " min", row.days(),
                DESIGNS.get(row.design()), a.p50(), a.p95(), a.max(), 100 * a.above48(), calls);
    }

    private String idleOf(Row row) {
        long[] calls = idle.get(row.size());
        int index = "abc".indexOf(row.design());
        return calls == null || index < 0 ? "n/a" : String.format("%,d", calls[index]);
    }

    private void targets() {
        for (Row c : rows) {
            Row d = find(c.size(), c.median(), "d");
            if (!c.design().equals("c") || d == null) {
                continue;
            }
            double cp95 = c.measured().ages().p95();
            double dp95 = d.measured().ages().p95();
            System.out.printf("  target %,d DBs, %d min: p95 (c) %.1f h vs (d) %.1f h = %+.1f %% -> %s;"
                    + " above 48 h (c) %.2f %% where (d) %.2f %% -> %s%n", c.size(), c.median(), cp95, dp95,
                    100 * (cp95 / dp95 - 1), cp95 <= 1.10 * dp95 ? "holds" : "DOES NOT HOLD",
                    100 * c.measured().ages().above48(), 100 * d.measured().ages().above48(),
                    d.measured().ages().above48() > 0 ? "n/a, (d) has some"
                            : c.measured().ages().above48() == 0 ? "holds" : "DOES NOT HOLD");
        }
        idle.forEach((size, calls) -> System.out.printf("  target %,d DBs idle: (c) %,d vs (b) %,d calls per day"
                + " -> %s%n", size, calls[2], calls[1], calls[2] == calls[1] ? "holds" : "DOES NOT HOLD"));
    }

    private Row find(int size, int median, String design) {
        return rows.stream().filter(r -> r.size() == size && r.median() == median && r.design().equals(design))
                .findFirst().orElse(null);
    }

    private record Row(int size, int median, String design, int days, DesignRun.Measured measured) {
    }
}
