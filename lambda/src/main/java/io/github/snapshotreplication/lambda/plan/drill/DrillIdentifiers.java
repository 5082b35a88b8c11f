package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identifier of a database's drill: {@code <drill start><db|cl>-<source database>}, e.g.
 * {@code sr3f9a2c1b-drill-db-orders}. One per source database, so a lost restore response finds the database it
 * asked for by name; {@code db}/{@code cl} keep an instance's and a cluster's drills apart (an Aurora drill's
 * instance shares its cluster's identifier: instances and clusters are named in separate namespaces). A source
 * identifier too long to fit is shortened and given 8 hex digits of its SHA-256.
 */
final class DrillIdentifiers {

    /** RDS's longest DB instance and DB cluster identifier. */
    static final int MAX_LENGTH = 63;
    private static final int HASH_HEX_DIGITS = 8;

    private DrillIdentifiers() {
    }

    static String of(String identifierStart, SnapshotKind kind, String dbIdentifier) {
        String start = identifierStart + (kind == SnapshotKind.DB_SNAPSHOT ? "db-" : "cl-");
        String body = dbIdentifier.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (start.length() + body.length() <= MAX_LENGTH && !body.isEmpty()) {
            return start + body;
        }
        int keep = MAX_LENGTH - start.length() - HASH_HEX_DIGITS - 1;
        String head = body.substring(0, Math.min(keep, body.length())).replaceAll("-+$", "");
        return start + (head.isEmpty() ? "" : head + "-") + hash(dbIdentifier);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
