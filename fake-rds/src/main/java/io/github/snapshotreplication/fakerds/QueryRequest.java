package io.github.snapshotreplication.fakerds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form parameters of one Query API request, with the region and access key id of its SigV4 credential scope and
 * the account that key belongs to.
 * Knows the Query protocol's list encoding: {@code Prefix.N} for strings, {@code Tags.Tag.N.Key/Value},
 * {@code Filters.Filter.N.Name/Values.Value.M}; indexes are 1-based and contiguous.
 */
final class QueryRequest {

    /** One {@code Filters.Filter.N}. */
    record Filter(String name, List<String> values) {
    }

    private final String region;
    private final String accessKeyId;
    private final String accountId;
    private final Map<String, String> params;

    QueryRequest(String region, String accessKeyId, String accountId, Map<String, String> params) {
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.accountId = accountId;
        this.params = params;
    }

    /** Decodes {@code a=1&b=2} (application/x-www-form-urlencoded, UTF-8), keeping the order. */
    static Map<String, String> decodeForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    String region() {
        return region;
    }

    /** @return the access key id of the caller's credential scope: who created or deleted what */
    String accessKeyId() {
        return accessKeyId;
    }

    /** @return the account of the caller's access key: every resource it names by id is looked up there */
    String accountId() {
        return accountId;
    }

    String action() {
        return params.get("Action");
    }

    Map<String, String> params() {
        return params;
    }

    /** @return the value, or null when absent or empty */
    String optional(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** @throws QueryError MissingParameter when absent or empty */
    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw QueryError.missing(name);
        }
        return value;
    }

    boolean bool(String name, boolean defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw QueryError.invalidValue("Invalid boolean value for " + name + ": " + value);
    }

    Integer integer(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw QueryError.invalidValue("Invalid integer value for " + name + ": " + value);
        }
    }

    /** @return {@code prefix.1}, {@code prefix.2}... */
    List<String> list(String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            values.add(params.get(prefix + "." + i));
        }
        return values;
    }

    /** @return {@code Tags.Tag.N.Key/Value} in order; a later duplicate key wins */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("Tags.Tag." + i + ".Key"); i++) {
            String key = params.get("Tags.Tag." + i + ".Key");
            if (key.isEmpty()) {
                throw QueryError.invalidValue("Tag keys must not be empty");
            }
            tags.put(key, params.getOrDefault("Tags.Tag." + i + ".Value", ""));
        }
        return tags;
    }

    List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        for (int i = 1; params.containsKey("Filters.Filter." + i + ".Name"); i++) {
            String prefix = "Filters.Filter." + i;
            List<String> values = list(prefix + ".Values.Value");
            if (values.isEmpty()) {
                throw QueryError.invalidValue("Filter " + params.get(prefix + ".Name") + " has no values");
            }
            filters.add(new Filter(params.get(prefix + ".Name"), values));
        }
        return filters;
    }
}
