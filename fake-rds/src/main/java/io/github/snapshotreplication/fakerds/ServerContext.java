package io.github.snapshotreplication.fakerds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What every region shares with its server: the clock RDS stamps times with, and the deletion log. */
final class ServerContext {

    private final Object lock = new Object();
    private final List<Deletion> deletions = new ArrayList<>();
    private volatile Clock clock = Clock.systemUTC();

    Instant now() {
        return clock.instant();
    }

    void setClock(Clock newClock) {
        clock = Objects.requireNonNull(newClock, "clock");
    }

    void recordDeletion(Deletion deletion) {
        synchronized (lock) {
            deletions.add(deletion);
        }
    }

    List<Deletion> deletions() {
        synchronized (lock) {
            return List.copyOf(deletions);
        }
    }
}
