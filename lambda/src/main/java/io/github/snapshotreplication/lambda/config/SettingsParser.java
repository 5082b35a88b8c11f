package io.github.snapshotreplication.lambda.config;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.github.snapshotreplication.contract.EnvironmentVariables.AWS_REGION;
import static io.github.snapshotreplication.contract.EnvironmentVariables.COPY_MANUAL_SNAPSHOTS;
import static io.github.snapshotreplication.contract.EnvironmentVariables.DRY_RUN;
import static io.github.snapshotreplication.contract.EnvironmentVariables.EXCLUDE_DB_IDENTIFIERS;
import static io.github.snapshotreplication.contract.EnvironmentVariables.INCLUDE_AURORA_CLUSTERS;
import static io.github.snapshotreplication.contract.EnvironmentVariables.INCLUDE_DB_IDENTIFIERS;
import static io.github.snapshotreplication.contract.EnvironmentVariables.MAX_CONCURRENT_COPIES;
import static io.github.snapshotreplication.contract.EnvironmentVariables.OPTION_GROUP_MAPPING;
import static io.github.snapshotreplication.contract.EnvironmentVariables.REPLICATION_ID;
import static io.github.snapshotreplication.contract.EnvironmentVariables.RETENTION_KEEP_LAST;
import static io.github.snapshotreplication.contract.EnvironmentVariables.RETENTION_MAX_AGE;
import static io.github.snapshotreplication.contract.EnvironmentVariables.SOURCE_TAG_FILTER;
import static io.github.snapshotreplication.contract.EnvironmentVariables.TARGET_KMS_KEY_ARN;
import static io.github.snapshotreplication.contract.EnvironmentVariables.TARGET_REGION;

/**
 * Reads {@link ReplicationSettings} from environment variables, collecting every problem before failing.
 */
final class SettingsParser {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern KMS_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:(key|alias)/.+");
    /** Characters RDS accepts in a tag value. */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");
    private static final int MAX_COPIES_LIMIT = 100;

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    SettingsParser(Map<String, String> env) {
        this.env = env;
    }

    ReplicationSettings parse() {
        String source = region(AWS_REGION, "the Lambda runtime sets it; when running plan locally, export it");
        String target = region(TARGET_REGION, "set it to the region the copies go to, e.g. eu-central-1");
        if (source != null && source.equals(target)) {
            problems.add(TARGET_REGION + " must differ from " + AWS_REGION + " (both are " + source
                    + "); pick another region");
        }
        String kmsKey = kmsKey(target);
        String replicationId = required(REPLICATION_ID, "set it to a name for this installation, e.g. orders-dr");
        if (replicationId != null && !TAG_VALUE.matcher(replicationId).matches()) {
            problems.add(REPLICATION_ID + " must be a valid tag value of 1-256 letters, digits, spaces or _.:/=+-@"
                    + " (got '" + replicationId + "')");
        }
        boolean aurora = bool(INCLUDE_AURORA_CLUSTERS);
        boolean manual = bool(COPY_MANUAL_SNAPSHOTS);
        boolean dryRun = bool(DRY_RUN);
        int keepLast = integer(RETENTION_KEEP_LAST, ReplicationSettings.DEFAULT_KEEP_LAST, 1, Integer.MAX_VALUE);
        int maxCopies = integer(MAX_CONCURRENT_COPIES, ReplicationSettings.DEFAULT_MAX_CONCURRENT_COPIES, 1,
                MAX_COPIES_LIMIT);
        Duration maxAge = duration(RETENTION_MAX_AGE);
        List<String> include = stringList(INCLUDE_DB_IDENTIFIERS);
        List<String> exclude = stringList(EXCLUDE_DB_IDENTIFIERS);
        Map<String, String> tagFilter = stringMap(SOURCE_TAG_FILTER);
        Map<String, String> optionGroups = stringMap(OPTION_GROUP_MAPPING);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new ReplicationSettings(source, target, kmsKey, replicationId, aurora, manual, keepLast, maxAge,
                include, exclude, tagFilter, optionGroups, maxCopies, dryRun);
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String required(String name, String fix) {
        String v = value(name);
        if (v == null) {
            problems.add(name + " is not set; " + fix);
        }
        return v;
    }

    private String region(String name, String fix) {
        String v = required(name, fix);
        if (v != null && !REGION.matcher(v).matches()) {
            problems.add(name + " must be an AWS region such as eu-central-1 (got '" + v + "')");
            return null;
        }
        return v;
    }

    private String kmsKey(String targetRegion) {
        String v = value(TARGET_KMS_KEY_ARN);
        if (v == null) {
            return null;
        }
        var m = KMS_ARN.matcher(v);
        if (!m.matches()) {
            problems.add(TARGET_KMS_KEY_ARN + " must be a KMS key or alias ARN such as "
                    + "arn:aws:kms:eu-central-1:123456789012:key/<key id> (got '" + v + "')");
        } else if (targetRegion != null && !m.group(1).equals(targetRegion)) {
            problems.add(TARGET_KMS_KEY_ARN + " must be a key in " + TARGET_REGION + " " + targetRegion
                    + " (got a key in " + m.group(1) + "); KMS keys cannot be used across regions");
        }
        return v;
    }

    private boolean bool(String name) {
        String v = value(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(name + " must be true or false (got '" + v + "')");
                yield false;
            }
        };
    }

    private int integer(String name, int defaultValue, int min, int max) {
        String v = value(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + " (got '" + v + "')");
        return defaultValue;
    }

    private Duration duration(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(name + " must be a positive ISO-8601 duration in days, hours or minutes, e.g. P30D or PT36H"
                + " (got '" + v + "')");
        return null;
    }

    private List<String> stringList(String name) {
        String v = value(name);
        if (v == null) {
            return List.of();
        }
        try {
            List<Object> items = JSON.std.listFrom(v);
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw new IOException("not a string");
                }
                out.add(s);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            problems.add(name + " must be a JSON array of non-empty strings such as [\"orders-*\"] (got '" + v
                    + "')");
            return List.of();
        }
    }

    private Map<String, String> stringMap(String name) {
        String v = value(name);
        if (v == null) {
            return Map.of();
        }
        try {
            Map<String, Object> items = JSON.std.mapFrom(v);
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : items.entrySet()) {
                if (e.getKey().isBlank() || !(e.getValue() instanceof String s) || s.isBlank()) {
                    throw new IOException("not a string");
                }
                out.put(e.getKey(), s);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            problems.add(name + " must be a JSON object of non-empty strings such as {\"key\": \"value\"} (got '"
                    + v + "')");
            return Map.of();
        }
    }
}
