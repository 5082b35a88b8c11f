package io.github.snapshotreplication.lambda.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How much time the invocation has left. New actions start only while more than the reserve remains, so the
 * invocation ends cleanly and the next sweep picks up the rest.
 */
public final class TimeBudget {

    /**
     * Default reserve: longer than one RDS call with its retries (30 s), so a started call can finish.
     */
    public static final Duration DEFAULT_RESERVE = Duration.ofSeconds(40);

    private final LongSupplier remainingMillis;
    private final long reserveMillis;

    private TimeBudget(LongSupplier remainingMillis, Duration reserve) {
        this.remainingMillis = remainingMillis;
        this.reserveMillis = reserve.toMillis();
    }

    /** A budget read from e.g. {@code Context::getRemainingTimeInMillis}. */
    public static TimeBudget of(LongSupplier remainingMillis, Duration reserve) {
        return new TimeBudget(remainingMillis, reserve);
    }

    /** No limit: the {@code plan} command and tests. */
    public static TimeBudget unlimited() {
        return new TimeBudget(() -> Long.MAX_VALUE, Duration.ZERO);
    }

    /** True when no new action should start. */
    public boolean isLow() {
        return remainingMillis.getAsLong() <= reserveMillis;
    }
}
