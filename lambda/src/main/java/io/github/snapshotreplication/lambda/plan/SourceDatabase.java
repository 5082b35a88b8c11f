package io.github.snapshotreplication.lambda.plan;

import java.util.Map;
import java.util.Objects;

/**
 * A DB instance or Aurora DB cluster in the source region.
 *
 * @param kind       the kind of snapshot it produces: DB snapshot for an instance, cluster snapshot for a cluster
 * @param identifier DB instance or DB cluster identifier
 * @param tags       its tags, used by the tag filter
 */
public record SourceDatabase(SnapshotKind kind, String identifier, Map<String, String> tags) {

    /** Validates and copies. */
    public SourceDatabase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
