package io.github.snapshotreplication.lambda.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives the identifier of a copy from the ARN of its source snapshot: deterministic, valid and collision-free.
 *
 * <p>The name is {@code <source id>-<source region>} when the source id is already a valid identifier and the
 * result fits. Otherwise (an automated snapshot's {@code rds:} prefix, upper case, a leading digit, too long) the
 * sanitised, possibly shortened name ends with {@code -<8 hex digits of SHA-256 of the full source ARN>}. So
 * {@code rds:orders-db-2024-05-14-03-10} and {@code orders-db-2024-05-14-03-10} never map to the same copy: the
 * first ends with a hash segment of 8 characters, the second with the region's last segment ({@code 1}).
 */
public final class TargetIdentifiers {

    /** What RDS accepts: a letter, then letters, digits and single hyphens, no trailing hyphen. */
    public static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9]|-(?=[a-z0-9]))*");

    private static final int HASH_LENGTH = 8;

    private TargetIdentifiers() {
    }

    /** The identifier of the copy of {@code sourceArn} (whose source id may contain a colon). */
    public static String forSource(SnapshotArn sourceArn) {
        String sourceId = sourceArn.identifier();
        String sanitised = sanitise(sourceId);
        String plain = sanitised + "-" + sourceArn.region();
        int max = sourceArn.kind().maxIdentifierLength();
        if (sanitised.equals(sourceId) && plain.length() <= max) {
            return plain;
        }
        String suffix = "-" + hash(sourceArn.value());
        String head = plain;
        if (head.length() + suffix.length() > max) {
            head = trimHyphens(head.substring(0, max - suffix.length()));
        }
        return head + suffix;
    }

    /** True when RDS would accept {@code identifier} for a snapshot of {@code kind}. */
    public static boolean isValid(String identifier, SnapshotKind kind) {
        return identifier.length() <= kind.maxIdentifierLength() && VALID.matcher(identifier).matches();
    }

    /** Lower case; every character outside {@code [a-z0-9]} becomes a single hyphen; starts with a letter. */
    static String sanitise(String id) {
        StringBuilder out = new StringBuilder();
        for (char c : id.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (keep) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        String result = trimHyphens(out.toString());
        if (result.isEmpty() || !Character.isLetter(result.charAt(0))) {
            result = "s-" + result;
        }
        return trimHyphens(result);
    }

    private static String trimHyphens(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
