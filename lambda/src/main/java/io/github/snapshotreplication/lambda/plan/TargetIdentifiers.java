package io.github.snapshotreplication.lambda.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Derives the identifier of a copy from the installation's prefix, the ARN of its source snapshot and the copy
 * attempt: deterministic, valid, collision-free, and recognisable again from the same inputs.
 *
 * <p>Attempt 1 is {@code <prefix>-<body>}, a retry after a failed copy {@code <prefix>-<body>-a<n>}. The body is
 * {@code <source id>-<source region>} when the source id is already a valid identifier and everything fits.
 * Otherwise (an automated snapshot's {@code rds:} prefix, upper case, a leading digit, too long) it is the sanitised,
 * possibly shortened id and region followed by {@code -<8 hex digits of SHA-256 of the full source ARN>}. So
 * {@code rds:orders-db-2024-05-14-03-10} and {@code orders-db-2024-05-14-03-10} never share a copy identifier: the
 * first body ends with a hash, the second with the region's last segment. Room for the attempt suffix is always
 * left, so a retry never needs a shorter body. Identifier rules: docs/aws-references.md.
 */
public final class TargetIdentifiers {

    /** What RDS accepts: a letter, then letters, digits and single hyphens, no trailing hyphen. */
    public static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9]|-(?=[a-z0-9]))*");

    /** Copy attempts of one source snapshot: the first and at most two retries after failed copies. */
    public static final int MAX_ATTEMPTS = 3;

    private static final int HASH_LENGTH = 8;
    /** {@code -a} and one digit. */
    private static final int ATTEMPT_SUFFIX_LENGTH = 3;

    /** Retention proves every copy of the fleet on every sweep: one digest per thread, not one per copy. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private TargetIdentifiers() {
    }

    /**
     * The identifier of copy attempt {@code attempt} of {@code sourceArn}.
     *
     * @param prefix    the installation's prefix ({@code CopyIdentifiers.prefixOf})
     * @param sourceArn the source snapshot (whose id may contain a colon)
     * @param attempt   1 to {@link #MAX_ATTEMPTS}
     * @return a valid identifier of the source's kind
     */
    public static String forSource(String prefix, SnapshotArn sourceArn, int attempt) {
        if (attempt < 1 || attempt > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempt must be 1 to " + MAX_ATTEMPTS + ": " + attempt);
        }
        String base = prefix + "-" + body(sourceArn, sourceArn.kind().maxIdentifierLength() - prefix.length() - 1
                - ATTEMPT_SUFFIX_LENGTH);
        return attempt == 1 ? base : base + "-a" + attempt;
    }

    /** The identifier of the first copy attempt. */
    public static String forSource(String prefix, SnapshotArn sourceArn) {
        return forSource(prefix, sourceArn, 1);
    }

    /**
     * Which attempt {@code identifier} is, if it is one this installation derives for {@code sourceArn}.
     *
     * @return 1 to {@link #MAX_ATTEMPTS}; empty when the identifier is not one of ours for this source
     */
    public static OptionalInt attemptOf(String prefix, SnapshotArn sourceArn, String identifier) {
        // One derivation per snapshot and no lower-cased copy: retention judges every copy of the fleet on every sweep.
        // ASCII only: case-insensitive comparison would let a Kelvin sign or a dotted capital I pass for k or i.
        for (int i = 0; i < identifier.length(); i++) {
            if (identifier.charAt(i) > 127) {
                return OptionalInt.empty();
            }
        }
        String base = forSource(prefix, sourceArn, 1);
        if (identifier.equalsIgnoreCase(base)) {
            return OptionalInt.of(1);
        }
        if (identifier.length() == base.length() + ATTEMPT_SUFFIX_LENGTH
                && identifier.regionMatches(true, 0, base, 0, base.length())) {
            for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
                if (identifier.regionMatches(true, base.length(), "-a" + attempt, 0, ATTEMPT_SUFFIX_LENGTH)) {
                    return OptionalInt.of(attempt);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** True when RDS would accept {@code identifier} for a snapshot of {@code kind}. */
    public static boolean isValid(String identifier, SnapshotKind kind) {
        return identifier.length() <= kind.maxIdentifierLength() && VALID.matcher(identifier).matches();
    }

    private static String body(SnapshotArn sourceArn, int max) {
        String sourceId = sourceArn.identifier();
        String sanitised = sanitise(sourceId);
        String plain = sanitised + "-" + sourceArn.region();
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

    /** Lower case; every character outside {@code [a-z0-9]} becomes a single hyphen; starts with a letter. */
    static String sanitise(String id) {
        StringBuilder out = new StringBuilder(id.length() + 2);
        for (int i = 0; i < id.length(); i++) {
            char c = Character.toLowerCase(id.charAt(i));
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
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        byte[] digest = sha256.digest(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, HASH_LENGTH / 2);
    }
}
