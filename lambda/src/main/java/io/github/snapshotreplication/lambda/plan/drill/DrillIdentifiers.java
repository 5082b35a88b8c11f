package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

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

    private DrillIdentifiers() {
    }

    static String of(String identifierStart, SnapshotKind kind, String dbIdentifier) {
        String start = identifierStart + (kind == SnapshotKind.DB_SNAPSHOT ? "db-" : "cl-");
        String body = dbIdentifier.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (start.length() + body.length() <= MAX_LENGTH && !body.isEmpty()) {
            return start + body;
        }
        String hash = CopyIdentifiers.shortHash(dbIdentifier);
        int keep = MAX_LENGTH - start.length() - hash.length() - 1;
        String head = body.substring(0, Math.min(keep, body.length())).replaceAll("-+$", "");
        return start + (head.isEmpty() ? "" : head + "-") + hash;
    }
}
