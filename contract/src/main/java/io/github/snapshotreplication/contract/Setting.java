package io.github.snapshotreplication.contract;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One setting of the replication engine: the environment variable the Lambda reads, the construct prop that sets it,
 * its format, its default and its bounds. Written once, in {@link Settings}; the construct's props builder and
 * validator and the Lambda's settings parser all read it from there, so the two sides cannot drift apart.
 */
public final class Setting {

    /** How the value is written in the environment. */
    public enum Format {
        /** {@code true} or {@code false}, any case. */
        BOOLEAN("true or false"),
        /** A whole number within {@link #min()}..{@link #max()}. */
        WHOLE_NUMBER("a whole number"),
        /** An ISO-8601 duration in days, hours or minutes ({@code P30D}, {@code PT36H}) of at least {@link #min()}. */
        DURATION("an ISO-8601 duration such as P30D or PT36H"),
        /** An AWS region name such as {@code eu-central-1}. */
        REGION("a region name such as eu-central-1"),
        /** A KMS key ARN ({@code arn:aws:kms:<region>:<account>:key/<id>}). */
        KMS_KEY_ARN("a KMS key ARN such as arn:aws:kms:eu-central-1:123456789012:key/<key id>"),
        /** A valid RDS tag value. */
        TAG_VALUE("1 to 256 letters, digits, spaces or _.:/=+-@"),
        /** A JSON array of identifier globs ({@code *}, {@code ?}). */
        GLOB_LIST("a JSON array of glob patterns such as [\"orders-*\"]"),
        /** A JSON object of strings. */
        STRING_MAP("a JSON object of strings such as {\"key\": \"value\"}"),
        /** A 12-digit AWS account id. */
        ACCOUNT_ID("a 12-digit AWS account id"),
        /** A JSON array of 12-digit AWS account ids. */
        ACCOUNT_LIST("a JSON array of 12-digit AWS account ids such as [\"123456789012\"]"),
        /** The name of an AWS resource: letters, digits and {@code .-_}, 1 to 64 characters. */
        RESOURCE_NAME("1 to 64 letters, digits or .-_"),
        /**
         * The name of a DB subnet group: letters, digits, spaces and {@code ._-}, 1 to 255 characters, a letter
         * first, not {@code default} (RDS stores it in lower case: docs/aws-references.md#r14).
         */
        DB_SUBNET_GROUP_NAME("1 to 255 letters, digits, spaces or ._-, starting with a letter, not default",
                "(?!(?i)default$)[A-Za-z][A-Za-z0-9 ._-]{0,254}"),
        /** A JSON array of VPC security group ids: {@code sg-} and 8 or 17 lower-case hex digits. */
        SECURITY_GROUP_LIST("a JSON array of security group ids such as [\"sg-0123456789abcdef0\"]",
                "sg-([0-9a-f]{8}|[0-9a-f]{17})");

        private final String description;
        private final Pattern pattern;

        Format(String description) {
            this(description, null);
        }

        Format(String description, String regex) {
            this.description = description;
            this.pattern = regex == null ? null : Pattern.compile(regex);
        }

        /** @return how a value of this format is written, for error messages and docs */
        public String description() {
            return description;
        }

        /**
         * Whether a value, or for a list format one entry, is well formed: the one rule synth time and the Lambda
         * both check. Formats without a rule here are checked by each side's own parsing.
         *
         * @param value the value or entry
         * @return false when the format has a rule and the value breaks it
         */
        public boolean accepts(String value) {
            return pattern == null || pattern.matcher(value).matches();
        }
    }

    private final String variable;
    private final String prop;
    private final Format format;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final String boundsReason;
    private final String meaning;

    private Setting(String variable, String prop, Format format, String defaultValue, long min, long max,
                    String boundsReason, String meaning) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.prop = prop;
        this.format = Objects.requireNonNull(format, "format");
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.boundsReason = boundsReason;
        this.meaning = Objects.requireNonNull(meaning, "meaning");
    }

    static Setting of(String variable, String prop, Format format, String defaultValue, String meaning) {
        return new Setting(variable, prop, format, defaultValue, 0, 0, null, meaning);
    }

    static Setting wholeNumber(String variable, String prop, int defaultValue, long min, long max,
                               String boundsReason, String meaning) {
        return new Setting(variable, prop, Format.WHOLE_NUMBER, String.valueOf(defaultValue), min, max, boundsReason,
                meaning);
    }

    static Setting optionalWholeNumber(String variable, String prop, long min, long max, String boundsReason,
                                       String meaning) {
        return new Setting(variable, prop, Format.WHOLE_NUMBER, null, min, max, boundsReason, meaning);
    }

    static Setting list(String variable, String prop, Format format, long min, long max, String boundsReason,
                        String meaning) {
        return new Setting(variable, prop, format, null, min, max, boundsReason, meaning);
    }

    static Setting accountList(String variable, String prop, long min, long max, String boundsReason,
                               String meaning) {
        return list(variable, prop, Format.ACCOUNT_LIST, min, max, boundsReason, meaning);
    }

    static Setting duration(String variable, String prop, long minSeconds, String boundsReason, String meaning) {
        return duration(variable, prop, null, minSeconds, boundsReason, meaning);
    }

    static Setting duration(String variable, String prop, String defaultIso, long minSeconds, String boundsReason,
                            String meaning) {
        return new Setting(variable, prop, Format.DURATION, defaultIso, minSeconds, Long.MAX_VALUE, boundsReason,
                meaning);
    }

    /** @return the environment variable, e.g. {@code RETENTION_KEEP_LAST} */
    public String variable() {
        return variable;
    }

    /** @return the construct prop that sets it, e.g. {@code retentionKeepLast}; {@code null} when none does */
    public String prop() {
        return prop;
    }

    /** @return the format of the environment value */
    public Format format() {
        return format;
    }

    /** @return the value the engine applies when the variable is unset, in environment form; empty: none */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return the default of a whole-number setting */
    public int defaultInt() {
        return Integer.parseInt(requireDefault());
    }

    /** @return the default of a boolean setting */
    public boolean defaultBoolean() {
        return Boolean.parseBoolean(requireDefault());
    }

    /** @return the smallest value: of a whole number, of a duration in seconds, or the fewest entries of a list */
    public long min() {
        return min;
    }

    /** @return the largest whole number, or the most entries of a list */
    public long max() {
        return max;
    }

    /** @return what the setting does, one sentence */
    public String meaning() {
        return meaning;
    }

    /**
     * How a person finds this setting: the prop they set and the variable the Lambda reads, e.g.
     * {@code retentionKeepLast (RETENTION_KEEP_LAST)}. Messages the Lambda logs use it.
     *
     * @return the label
     */
    public String label() {
        return prop == null ? variable : prop + " (" + variable + ")";
    }

    /**
     * Checks a whole number against the bounds.
     *
     * @param shownName the name the reader knows: the prop at synth time, {@link #label()} in the Lambda
     * @param value     the value
     * @return the problem, naming the setting, the value and the bounds; empty when the value is allowed
     */
    public Optional<String> checkWholeNumber(String shownName, double value) {
        if (value >= min && value <= max && value == Math.rint(value)) {
            return Optional.empty();
        }
        String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        return Optional.of(shownName + " must be " + range + " (got " + format(value) + ")" + reason());
    }

    /**
     * Checks a duration against the minimum.
     *
     * @param shownName the name the reader knows
     * @param seconds   the duration in seconds
     * @param shown     the duration as the reader wrote it
     * @return the problem; empty when the duration is allowed
     */
    public Optional<String> checkDuration(String shownName, double seconds, String shown) {
        if (seconds >= min) {
            return Optional.empty();
        }
        return Optional.of(shownName + " must be at least " + humanSeconds(min) + " (got " + shown + ")" + reason());
    }

    /**
     * Checks how many entries a list setting has against the bounds.
     *
     * @param shownName the name the reader knows
     * @param size      the number of entries
     * @return the problem, naming the setting, the count and the bounds; empty when the count is allowed
     */
    public Optional<String> checkSize(String shownName, int size) {
        if (size >= min && size <= max) {
            return Optional.empty();
        }
        return Optional.of(shownName + " must name " + min + " to " + max + " entries (got " + size + ")" + reason());
    }

    @Override
    public String toString() {
        return label();
    }

    private String reason() {
        return boundsReason == null ? "" : ": " + boundsReason;
    }

    private String requireDefault() {
        if (defaultValue == null) {
            throw new IllegalStateException(variable + " has no default");
        }
        return defaultValue;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    private static String humanSeconds(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours");
        }
        return seconds + " seconds";
    }
}
