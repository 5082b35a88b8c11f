package io.github.snapshotreplication.fakerds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move forward by hand, to give the fake and the engine under test the same simulated time
 * (simulated days pass in milliseconds). The fake's server threads read it, so the time is volatile.
 */
public final class MovableClock extends Clock {

    private volatile Instant now;

    /** A clock that shows {@code start} until moved. */
    public MovableClock(Instant start) {
        this.now = start;
    }

    /** Moves the time forward (or back, with a negative duration) by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Only UTC: everything that reads this clock works in UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a MovableClock runs in UTC, not " + zone);
        }
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
