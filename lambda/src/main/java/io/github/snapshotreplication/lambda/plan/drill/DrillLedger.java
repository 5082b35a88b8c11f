package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.TagTime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * A database's drill history: when a round last asked for a drill, when it first did, when the last drill ended and
 * when the last one passed. Kept as tags on the database's own copies, no store of its own: each run reads the
 * newest values over all its copies and carries them to the newest copy, which retention never deletes, so the
 * history outlives every copy it was written on.
 *
 * @param requestedAt      when the last round asked for a drill, or {@code null}
 * @param firstRequestedAt when the first round did, or {@code null}; the success window counts from it until a pass
 * @param endedAt          when the last drill ended, passed or failed, or {@code null}
 * @param passedAt         when the last successful drill ended, or {@code null}
 */
record DrillLedger(Instant requestedAt, Instant firstRequestedAt, Instant endedAt, Instant passedAt) {

    static final DrillLedger EMPTY = new DrillLedger(null, null, null, null);

    /** The ledger over every copy of one database: the newest of each time, the earliest first request. */
    static DrillLedger of(Collection<Snapshot> copies) {
        DrillLedger ledger = EMPTY;
        for (Snapshot copy : copies) {
            Map<String, String> tags = copy.tags();
            ledger = new DrillLedger(
                    pick(ledger.requestedAt, time(tags, TagKeys.DRILL_REQUESTED_AT), DrillLedger::later),
                    pick(ledger.firstRequestedAt, time(tags, TagKeys.DRILL_FIRST_REQUESTED_AT), DrillLedger::earlier),
                    pick(ledger.endedAt, time(tags, TagKeys.DRILL_ENDED_AT), DrillLedger::later),
                    pick(ledger.passedAt, time(tags, TagKeys.DRILL_PASSED_AT), DrillLedger::later));
        }
        return ledger;
    }

    /** True when a round asked for a drill that has not ended since. */
    boolean isDue() {
        return requestedAt != null && (endedAt == null || endedAt.isBefore(requestedAt));
    }

    /** True when a drill that started at {@code startedAt} has ended: its outcome is recorded. */
    boolean hasEnded(Instant startedAt) {
        return endedAt != null && !endedAt.isBefore(startedAt);
    }

    /** True when the database has gone {@code window} without a pass, counted from its first request if never. */
    boolean isOverdue(Instant now, Duration window) {
        Instant since = passedAt != null ? passedAt : firstRequestedAt;
        return since != null && since.plus(window).isBefore(now);
    }

    /** This ledger after a round asked for a drill at {@code now}. */
    DrillLedger requested(Instant now) {
        return new DrillLedger(now, firstRequestedAt == null ? now : firstRequestedAt, endedAt, passedAt);
    }

    /** This ledger after a drill ended at {@code now}. */
    DrillLedger ended(Instant now, boolean passed) {
        return new DrillLedger(requestedAt, firstRequestedAt, now, passed ? now : passedAt);
    }

    /** The tags that hold this ledger; unset times are left out. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, TagKeys.DRILL_REQUESTED_AT, requestedAt);
        put(tags, TagKeys.DRILL_FIRST_REQUESTED_AT, firstRequestedAt);
        put(tags, TagKeys.DRILL_ENDED_AT, endedAt);
        put(tags, TagKeys.DRILL_PASSED_AT, passedAt);
        return tags;
    }

    /** The tags {@code copy} lacks, or holds with another value, to carry this ledger. */
    Map<String, String> missingOn(Snapshot copy) {
        Map<String, String> missing = new LinkedHashMap<>(tags());
        missing.entrySet().removeIf(e -> e.getValue().equals(copy.tags().get(e.getKey())));
        return missing;
    }

    private static void put(Map<String, String> tags, String key, Instant value) {
        if (value != null) {
            tags.put(key, value.toString());
        }
    }

    private static Instant time(Map<String, String> tags, String key) {
        return TagTime.parse(tags.get(key));
    }

    private static Instant pick(Instant a, Instant b, BinaryOperator<Instant> choose) {
        return a == null ? b : b == null ? a : choose.apply(a, b);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
