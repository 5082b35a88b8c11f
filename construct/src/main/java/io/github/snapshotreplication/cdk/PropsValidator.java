package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Synth-time checks of {@link CrossRegionSnapshotReplicationProps}: every independent problem is gathered, then one
 * {@link IllegalArgumentException} names each prop, the value it got and the fix. Unresolved tokens are not checked.
 */
final class PropsValidator {

    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");
    private static final Pattern KEY_ARN =
            Pattern.compile("^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):key/[A-Za-z0-9-]+$");
    /** DB identifiers are letters, digits and hyphens; the engine's globs add only {@code *} and {@code ?}. */
    private static final Pattern GLOB = Pattern.compile("^[A-Za-z0-9*?-]{1,63}$");

    private final List<String> problems = new ArrayList<>();

    private PropsValidator() {
    }

    /**
     * Checks the props against the stack region.
     *
     * @param props       the props
     * @param stackRegion region of the enclosing stack, possibly an unresolved token
     * @throws IllegalArgumentException listing every problem found
     */
    static void validate(CrossRegionSnapshotReplicationProps props, String stackRegion) {
        PropsValidator v = new PropsValidator();
        v.checkRegion(props.getTargetRegion(), stackRegion);
        v.checkKey(props.getTargetRegion(), props.getTargetKey(), props.getTargetKeyArn());
        v.checkSetting(Settings.RETENTION_KEEP_LAST, props.getRetentionKeepLast());
        v.checkSetting(Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES, props.getMaxConcurrentDbSnapshotCopies());
        v.checkSetting(Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES, props.getMaxConcurrentClusterSnapshotCopies());
        v.checkRange("memorySize", props.getMemorySize(), 128, 10240, "Lambda memory is 128 to 10240 MiB");
        v.checkSetting(Settings.RETENTION_MAX_AGE, props.getRetentionMaxAge());
        v.checkMinimum("recoveryPointAgeThreshold", props.getRecoveryPointAgeThreshold(), Duration.hours(1),
                "the alarm is evaluated hourly");
        v.checkPatterns("includeDbIdentifiers", props.getIncludeDbIdentifiers());
        v.checkPatterns("excludeDbIdentifiers", props.getExcludeDbIdentifiers());
        v.checkContradiction(props.getIncludeDbIdentifiers(), props.getExcludeDbIdentifiers());
        v.checkMap("sourceTagFilter", props.getSourceTagFilter(), 128, 256);
        v.checkMap("optionGroupMapping", props.getOptionGroupMapping(), 255, 255);
        if (!v.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid CrossRegionSnapshotReplicationProps:\n  - "
                    + String.join("\n  - ", v.problems));
        }
    }

    /** Region of a KMS key ARN, or {@code null} when the ARN is a token or malformed. */
    static String regionOfKeyArn(String keyArn) {
        if (keyArn == null || Token.isUnresolved(keyArn)) {
            return null;
        }
        Matcher m = KEY_ARN.matcher(keyArn);
        return m.matches() ? m.group(1) : null;
    }

    private void checkRegion(String targetRegion, String stackRegion) {
        if (Token.isUnresolved(targetRegion)) {
            return;
        }
        if (!REGION.matcher(targetRegion).matches()) {
            problems.add("targetRegion must be a region name like eu-central-1 (got '" + targetRegion + "')");
        } else if (stackRegion != null && !Token.isUnresolved(stackRegion) && targetRegion.equals(stackRegion)) {
            problems.add("targetRegion must differ from the stack region (got " + targetRegion
                    + "); pick another region to copy snapshots to");
        }
    }

    private void checkKey(String targetRegion, IKey key, String keyArn) {
        if (key != null && keyArn != null) {
            problems.add("provide targetKey or targetKeyArn, but not both");
            return;
        }
        boolean regionKnown = !Token.isUnresolved(targetRegion);
        if (keyArn != null && !Token.isUnresolved(keyArn)) {
            String region = regionOfKeyArn(keyArn);
            if (region == null) {
                problems.add("targetKeyArn must be a KMS key ARN like arn:aws:kms:eu-central-1:123456789012:key/<id>,"
                        + " not an alias or key id (got '" + keyArn + "')");
            } else if (regionKnown && !region.equals(targetRegion)) {
                problems.add("targetKeyArn must be a key in targetRegion " + targetRegion + " (got a key in " + region
                        + "); create or pick a key in " + targetRegion);
            }
        }
        if (key != null && regionKnown) {
            String region = key.getEnv().getRegion();
            if (region != null && !Token.isUnresolved(region) && !region.equals(targetRegion)) {
                problems.add("targetKey must be a key in targetRegion " + targetRegion + " (got a key in " + region
                        + "); import the key of " + targetRegion + " with Key.fromKeyArn");
            }
        }
    }

    private void checkSetting(Setting setting, Number value) {
        if (!Token.isUnresolved(value)) {
            setting.checkWholeNumber(setting.prop(), value.doubleValue()).ifPresent(problems::add);
        }
    }

    private void checkSetting(Setting setting, Duration value) {
        if (value != null && !value.isUnresolved()) {
            setting.checkDuration(setting.prop(), value.toSeconds().doubleValue(), value.toHumanString())
                    .ifPresent(problems::add);
        }
    }

    private void checkRange(String prop, Number value, int min, int max, String why) {
        if (Token.isUnresolved(value)) {
            return;
        }
        double d = value.doubleValue();
        if (d < min || d > max || d != Math.rint(d)) {
            String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                    : "a whole number between " + min + " and " + max;
            problems.add(prop + " must be " + range + " (got " + value + "): " + why);
        }
    }

    private void checkMinimum(String prop, Duration value, Duration min, String why) {
        if (value == null || value.isUnresolved()) {
            return;
        }
        if (value.toSeconds().doubleValue() < min.toSeconds().doubleValue()) {
            problems.add(prop + " must be at least " + min.toHumanString() + " (got " + value.toHumanString()
                    + "): " + why);
        }
    }

    private void checkPatterns(String prop, List<String> patterns) {
        for (String pattern : patterns) {
            if (!Token.isUnresolved(pattern) && !GLOB.matcher(pattern).matches()) {
                problems.add(prop + " pattern '" + pattern + "' may only contain letters, digits, hyphens and the"
                        + " wildcards * and ? (1 to 63 characters)");
            }
        }
    }

    private void checkContradiction(List<String> include, List<String> exclude) {
        Set<String> included = new HashSet<>();
        include.forEach(p -> included.add(p.toLowerCase(Locale.ROOT)));
        for (String pattern : exclude) {
            if (!Token.isUnresolved(pattern) && included.contains(pattern.toLowerCase(Locale.ROOT))) {
                problems.add("includeDbIdentifiers and excludeDbIdentifiers both contain '" + pattern
                        + "'; exclude wins, so remove it from one of them");
            }
        }
    }

    private void checkMap(String prop, Map<String, String> map, int maxKey, int maxValue) {
        map.forEach((key, value) -> {
            if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
                return;
            }
            if (key.isBlank() || key.length() > maxKey) {
                problems.add(prop + " key '" + key + "' must be 1 to " + maxKey + " characters");
            }
            if (value.length() > maxValue || ("optionGroupMapping".equals(prop) && value.isBlank())) {
                problems.add(prop + " value '" + value + "' of key '" + key + "' must be at most " + maxValue
                        + " characters" + ("optionGroupMapping".equals(prop) ? " and not blank" : ""));
            }
        });
    }
}
