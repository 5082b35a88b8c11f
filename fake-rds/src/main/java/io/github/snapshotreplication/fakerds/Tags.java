package io.github.snapshotreplication.fakerds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered, immutable tag maps: RDS keeps tags in the order they were added. */
final class Tags {

    private Tags() {
    }

    static Map<String, String> copyOf(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(tags);
        copy.put(key, value);
        return Collections.unmodifiableMap(copy);
    }
}
