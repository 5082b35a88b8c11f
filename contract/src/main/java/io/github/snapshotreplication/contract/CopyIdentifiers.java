package io.github.snapshotreplication.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifier prefix that names an installation on every copy it makes. The Lambda starts each copy's identifier
 * with it, and the construct scopes the IAM delete permission to identifiers that start with it: a snapshot named
 * otherwise cannot be deleted by the function's role, whatever its tags say.
 */
public final class CopyIdentifiers {

    /** Letters that start every prefix: RDS identifiers must begin with a letter. */
    private static final String LEAD = "sr";
    private static final int HASH_HEX_DIGITS = 8;
    /** Any installation's prefix at the start of an identifier, followed by its hyphen. */
    private static final Pattern ANY_PREFIX = Pattern.compile("^(" + LEAD + "[0-9a-f]{" + HASH_HEX_DIGITS + "})-.+");

    private CopyIdentifiers() {
    }

    /**
     * The prefix of this installation: {@code sr} and 8 hex digits of the SHA-256 of the replication id, e.g.
     * {@code sr3f9a2c1b}. Two installations get different prefixes (a 32-bit hash: a clash needs tens of thousands of
     * installations in one account and region), so they never compete for the same identifier.
     *
     * @param replicationId the installation's replication id
     * @return 10 lower-case characters
     */
    public static String prefixOf(String replicationId) {
        return LEAD + shortHash(replicationId);
    }

    /**
     * 8 hex digits of the SHA-256 of a value: what tells installations apart in {@link #prefixOf}, and a long
     * identifier apart from others it was shortened like.
     *
     * @param value any text, hashed as UTF-8
     * @return 8 lower-case hex digits
     */
    public static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /**
     * The start of every identifier this installation gives a copy: the prefix and a hyphen. The IAM resource
     * pattern is this followed by {@code *}.
     *
     * @param replicationId the installation's replication id
     * @return e.g. {@code sr3f9a2c1b-}
     */
    public static String identifierStart(String replicationId) {
        return prefixOf(replicationId) + "-";
    }

    /**
     * The start of every identifier this installation gives a restore drill's database (DB instance or DB cluster).
     * The IAM resource pattern of the drill's delete permission is this followed by {@code *}, on {@code db:} and
     * {@code cluster:} ARNs only: copies are snapshots, another resource type, whatever their identifiers.
     *
     * @param replicationId the installation's replication id
     * @return e.g. {@code sr3f9a2c1b-drill-}
     */
    public static String drillIdentifierStart(String replicationId) {
        return identifierStart(replicationId) + "drill-";
    }

    /**
     * The prefix an identifier starts with, if it is shaped like one of any installation's copies (a source
     * installation's or a vault's): {@code sr3f9a2c1b-orders...} gives {@code sr3f9a2c1b}.
     *
     * @param identifier a snapshot identifier, in lower case as RDS stores it
     * @return the prefix, or empty when the identifier does not start with one
     */
    public static Optional<String> prefixIn(String identifier) {
        Matcher m = ANY_PREFIX.matcher(identifier);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
