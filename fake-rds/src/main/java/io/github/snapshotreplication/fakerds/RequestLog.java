package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Every request the server answered, in order, and a count per action. Thread-safe. */
final class RequestLog {

    private static final Set<String> TAG_MUTATIONS = Set.of("AddTagsToResource", "RemoveTagsFromResource");

    private final Object lock = new Object();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile boolean keepDetails = true;

    void record(RecordedRequest request) {
        counts.computeIfAbsent(String.valueOf(request.action()), a -> new LongAdder()).increment();
        if (keepDetails) {
            synchronized (lock) {
                requests.add(request);
            }
        }
    }

    List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    long count(String action) {
        LongAdder count = counts.get(action);
        return count == null ? 0 : count.sum();
    }

    long mutatingCount() {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            if (isMutating(entry.getKey())) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    void clear() {
        synchronized (lock) {
            requests.clear();
            counts.clear();
        }
    }

    void keepDetails(boolean keep) {
        keepDetails = keep;
    }

    static boolean isMutating(String action) {
        return action.startsWith("Copy") || action.startsWith("Delete") || action.startsWith("Create")
                || action.startsWith("Modify") || action.startsWith("Restore") || TAG_MUTATIONS.contains(action);
    }
}
