package io.github.snapshotreplication.fakerds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Resources of one kind in one region, sorted by lower-cased identifier (RDS identifiers are case-insensitive),
 * with an index by parent (instance or cluster), the keys of those shared with other accounts, and running counts
 * for the quotas. Reads are lock-free; writes
 * must hold the owning region's lock, which keeps the index and the counts consistent with the map.
 */
final class ResourceStore<T> {

    /** One page of a listing; {@code nextKey} is the key to start the next page at, or null on the last page. */
    record Page<T>(List<T> items, String nextKey) {
    }

    private final ConcurrentSkipListMap<String, T> byKey = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, NavigableSet<String>> byParent = new ConcurrentHashMap<>();
    private final Function<T, String> idOf;
    private final Function<T, String> parentOf;
    private final Predicate<T> manual;
    private final Predicate<T> inFlightCopy;
    private final Predicate<T> shared;
    private final NavigableSet<String> sharedKeys = new ConcurrentSkipListSet<>();
    private volatile int manualCount;
    private volatile int inFlightCopyCount;

    ResourceStore(Function<T, String> idOf, Function<T, String> parentOf, Predicate<T> manual,
                  Predicate<T> inFlightCopy) {
        this(idOf, parentOf, manual, inFlightCopy, r -> false);
    }

    ResourceStore(Function<T, String> idOf, Function<T, String> parentOf, Predicate<T> manual,
                  Predicate<T> inFlightCopy, Predicate<T> shared) {
        this.idOf = idOf;
        this.parentOf = parentOf;
        this.manual = manual;
        this.inFlightCopy = inFlightCopy;
        this.shared = shared;
    }

    static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    T get(String identifier) {
        return identifier == null ? null : byKey.get(key(identifier));
    }

    boolean contains(String identifier) {
        return byKey.containsKey(key(identifier));
    }

    /** Adds or replaces; the caller holds the region lock. @return the previous value or null */
    T put(T value) {
        String key = key(idOf.apply(value));
        T previous = byKey.put(key, value);
        if (previous != null) {
            unindex(key, previous);
        }
        index(key, value);
        return previous;
    }

    /** Removes; the caller holds the region lock. @return the removed value or null */
    T remove(String identifier) {
        String key = key(identifier);
        T previous = byKey.remove(key);
        if (previous != null) {
            unindex(key, previous);
        }
        return previous;
    }

    Collection<T> values() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }

    int manualCount() {
        return manualCount;
    }

    int inFlightCopyCount() {
        return inFlightCopyCount;
    }

    /** @return the keys of the resources shared with another account, sorted (a live view) */
    NavigableSet<String> sharedKeys() {
        return sharedKeys;
    }

    /** @return every key, sorted (a live view) */
    NavigableSet<String> allKeys() {
        return byKey.navigableKeySet();
    }

    /** @return the keys of the children of these parents, sorted; through the index, without a scan */
    NavigableSet<String> keysOfParents(Collection<String> parents) {
        if (parents.size() == 1) {
            NavigableSet<String> children = byParent.get(key(parents.iterator().next()));
            return children == null ? new TreeSet<>() : children;
        }
        NavigableSet<String> union = new TreeSet<>();
        for (String parent : parents) {
            NavigableSet<String> children = byParent.get(key(parent));
            if (children != null) {
                union.addAll(children);
            }
        }
        return union;
    }

    /**
     * Lists the resources of {@code keys} from {@code startKey} (inclusive, null = from the start) in key order,
     * skipping those the filter rejects. Costs O(log n + visited keys).
     */
    Page<T> page(NavigableSet<String> keys, String startKey, Predicate<T> filter, int max) {
        Set<String> tail = startKey == null ? keys : keys.tailSet(startKey, true);
        return page(tail.iterator(), byKey::get, filter, max);
    }

    /**
     * Lists the resources {@code lookup} finds for the sorted {@code keys}, skipping those the filter rejects: one
     * page of any sorted key sequence, also one that spans several stores.
     */
    static <T> Page<T> page(Iterator<String> keys, Function<String, T> lookup, Predicate<T> filter, int max) {
        List<T> items = new ArrayList<>(Math.min(max, 128));
        while (keys.hasNext()) {
            String key = keys.next();
            T value = lookup.apply(key);
            if (value == null || !filter.test(value)) {
                continue;
            }
            if (items.size() == max) {
                return new Page<>(items, key);
            }
            items.add(value);
        }
        return new Page<>(items, null);
    }

    private void index(String key, T value) {
        String parent = parentOf.apply(value);
        if (parent != null) {
            byParent.computeIfAbsent(key(parent), p -> new ConcurrentSkipListSet<>()).add(key);
        }
        manualCount += manual.test(value) ? 1 : 0;
        inFlightCopyCount += inFlightCopy.test(value) ? 1 : 0;
        if (shared.test(value)) {
            sharedKeys.add(key);
        }
    }

    private void unindex(String key, T value) {
        String parent = parentOf.apply(value);
        if (parent != null) {
            NavigableSet<String> children = byParent.get(key(parent));
            if (children != null) {
                children.remove(key);
            }
        }
        manualCount -= manual.test(value) ? 1 : 0;
        inFlightCopyCount -= inFlightCopy.test(value) ? 1 : 0;
        sharedKeys.remove(key);
    }
}
