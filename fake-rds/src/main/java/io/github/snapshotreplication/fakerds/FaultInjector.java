package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Injects RDS errors into the fake's answers. An injected error is returned before the request touches any state,
 * so a retried call can succeed. Rules are checked in this order: cut-off, {@link #failNext}, probabilities.
 * Action {@code "*"} matches every action. Thread-safe.
 */
public final class FaultInjector {

    /** Matches every action. */
    public static final String ANY_ACTION = "*";

    private final Object lock = new Object();
    private final List<CountedRule> counted = new ArrayList<>();
    private final List<RandomRule> random = new ArrayList<>();
    private long cutOffAllowance = -1;
    private long injected;

    FaultInjector() {
    }

    /** Answers the next {@code times} requests of {@code action} (or {@code "*"}) with {@code error}. */
    public void failNext(String action, int times, FakeError error) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(error, "error");
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1: " + times);
        }
        synchronized (lock) {
            counted.add(new CountedRule(action, error, times));
        }
    }

    /**
     * Answers each request of {@code action} (or {@code "*"}) with {@code error} with probability {@code p}, drawn
     * from a {@link Random} seeded with {@code seed}: the same request sequence fails the same way on every run.
     */
    public void failWithProbability(String action, double p, FakeError error, long seed) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(error, "error");
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p must be within 0..1: " + p);
        }
        synchronized (lock) {
            random.add(new RandomRule(action, error, p, new Random(seed)));
        }
    }

    /** Lets the next {@code requests} requests through, then answers every request with 500 until {@link #clear}. */
    public void cutOffAfter(long requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0: " + requests);
        }
        synchronized (lock) {
            cutOffAllowance = requests;
        }
    }

    /** Removes every rule (the injected count is kept). */
    public void clear() {
        synchronized (lock) {
            counted.clear();
            random.clear();
            cutOffAllowance = -1;
        }
    }

    /** @return how many errors were injected since the server started */
    public long injectedCount() {
        synchronized (lock) {
            return injected;
        }
    }

    /** Decides the fate of one request; consumes the rule that fires. */
    Optional<FakeError> nextFault(String action) {
        synchronized (lock) {
            FakeError error = decide(action);
            if (error != null) {
                injected++;
            }
            return Optional.ofNullable(error);
        }
    }

    private FakeError decide(String action) {
        if (cutOffAllowance == 0) {
            return FakeError.INTERNAL_FAILURE;
        }
        if (cutOffAllowance > 0) {
            cutOffAllowance--;
        }
        for (Iterator<CountedRule> it = counted.iterator(); it.hasNext(); ) {
            CountedRule rule = it.next();
            if (matches(rule.action, action)) {
                if (--rule.remaining == 0) {
                    it.remove();
                }
                return rule.error;
            }
        }
        for (RandomRule rule : random) {
            if (matches(rule.action, action) && rule.random.nextDouble() < rule.probability) {
                return rule.error;
            }
        }
        return null;
    }

    private static boolean matches(String ruleAction, String action) {
        return ANY_ACTION.equals(ruleAction) || ruleAction.equals(action);
    }

    private static final class CountedRule {
        private final String action;
        private final FakeError error;
        private int remaining;

        CountedRule(String action, FakeError error, int remaining) {
            this.action = action;
            this.error = error;
            this.remaining = remaining;
        }
    }

    private record RandomRule(String action, FakeError error, double probability, Random random) {
    }
}
