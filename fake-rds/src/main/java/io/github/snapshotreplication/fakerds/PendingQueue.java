package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending snapshots of one region in the order they started, with their start time and origin. Not
 * thread-safe: the owning region's lock guards it.
 */
final class PendingQueue {

    private final Map<String, PendingCopy> entries = new LinkedHashMap<>();

    /** Adds a snapshot that became pending (keeping its first start time), or drops one that no longer is. */
    void track(ResourceKind kind, String identifier, boolean pending, Instant now, String sourceRegion) {
        String key = key(kind, identifier);
        if (pending) {
            entries.putIfAbsent(key, new PendingCopy(kind, identifier, now, sourceRegion));
        } else {
            entries.remove(key);
        }
    }

    void remove(ResourceKind kind, String identifier) {
        entries.remove(key(kind, identifier));
    }

    PendingCopy get(ResourceKind kind, String identifier) {
        return entries.get(key(kind, identifier));
    }

    /** @return at most {@code max} entries, the oldest started first */
    List<PendingCopy> oldest(int max) {
        List<PendingCopy> oldest = new ArrayList<>(Math.min(max, entries.size()));
        for (PendingCopy entry : entries.values()) {
            if (oldest.size() == max) {
                break;
            }
            oldest.add(entry);
        }
        return oldest;
    }

    int size() {
        return entries.size();
    }

    private static String key(ResourceKind kind, String identifier) {
        return kind.name() + ':' + ResourceStore.key(identifier);
    }
}
