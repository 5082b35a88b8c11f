package io.github.snapshotreplication.lambda.event;

import java.util.Map;

/**
 * Small accessors over the maps jackson-jr returns.
 */
final class Json {

    private Json() {
    }

    /** The string at {@code key}, or {@code null} when absent, blank or not a string. */
    static String string(Map<?, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** The object at {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<?, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
