package io.github.snapshotreplication.benchmarks.timesim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A discrete-event loop on a simulated clock, in whole seconds since the start: things happen at their exact times
 * (a copy's end, an event's delivery), and nothing runs between them. It is also the {@link Clock} of the fake and
 * of the engine, so every timestamp they write is simulated time.
 */
final class SimLoop extends Clock {

    /** Same-second order: copies end, then RDS takes snapshots, then invocations run, then the hour is sampled. */
    static final int COMPLETION = 0;
    static final int SNAPSHOT = 1;
    static final int INVOCATION = 2;
    static final int SAMPLE = 3;

    private final Instant start;
    private final PriorityQueue<Item> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    SimLoop(Instant start) {
        this.start = start;
    }

    /** Runs {@code action} at {@code second} (not before now), after what is due earlier or in a lower order. */
    void at(long second, int order, Runnable action) {
        if (second < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + second + " < " + now);
        }
        queue.add(new Item(second, order, sequence++, action));
    }

    /** Runs everything due before {@code end}, in time order, then sets the clock to {@code end}. */
    void runUntil(long end) {
        if (end < now) {
            throw new IllegalArgumentException("cannot run back to " + end + " from " + now);
        }
        while (!queue.isEmpty() && queue.peek().second < end) {
            Item item = queue.poll();
            now = item.second;
            item.action.run();
        }
        now = end;
    }

    /** Seconds since the start. */
    long now() {
        return now;
    }

    Instant start() {
        return start;
    }

    Instant toInstant(long second) {
        return start.plusSeconds(second);
    }

    @Override
    public Instant instant() {
        return start.plusSeconds(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulation runs in UTC");
    }

    private record Item(long second, int order, long sequence, Runnable action) implements Comparable<Item> {

        @Override
        public int compareTo(Item o) {
            int c = Long.compare(second, o.second);
            if (c == 0) {
                c = Integer.compare(order, o.order);
            }
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
