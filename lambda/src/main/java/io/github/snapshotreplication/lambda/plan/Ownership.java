package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ownership tags of a copy: the proof that this library made it, and from which source.
 *
 * @param managedBy          value of {@link TagKeys#MANAGED_BY}: the installation's replication id
 * @param sourceSnapshotArn  ARN of the source snapshot, or {@code null} if the tag is missing
 * @param sourceDbIdentifier source DB instance or cluster identifier, or {@code null}
 * @param sourceRegion       source region, or {@code null}
 * @param sourceCreatedAt    creation time of the source snapshot, or {@code null} if missing or unreadable
 */
public record Ownership(String managedBy, String sourceSnapshotArn, String sourceDbIdentifier, String sourceRegion,
                        Instant sourceCreatedAt) {

    /** Reads the ownership tags; empty when the snapshot has no {@link TagKeys#MANAGED_BY} tag. */
    public static Optional<Ownership> fromTags(Map<String, String> tags) {
        String managedBy = tags.get(TagKeys.MANAGED_BY);
        if (managedBy == null || managedBy.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Ownership(managedBy, tags.get(TagKeys.SOURCE_SNAPSHOT_ARN),
                tags.get(TagKeys.SOURCE_DB_IDENTIFIER), tags.get(TagKeys.SOURCE_REGION),
                parseInstant(tags.get(TagKeys.SOURCE_CREATED_AT))));
    }

    /** The tags that mark a copy of {@code source} as made by installation {@code replicationId}. */
    public static Map<String, String> tagsFor(Snapshot source, String replicationId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TagKeys.MANAGED_BY, replicationId);
        tags.put(TagKeys.SOURCE_SNAPSHOT_ARN, source.arn());
        tags.put(TagKeys.SOURCE_DB_IDENTIFIER, source.dbIdentifier());
        tags.put(TagKeys.SOURCE_REGION, source.region());
        tags.put(TagKeys.SOURCE_CREATED_AT, source.createdAt().toString());
        return Map.copyOf(tags);
    }

    /** True when this copy belongs to installation {@code replicationId}, copying {@code db} from {@code region}. */
    public boolean isCopyOf(String replicationId, String region, String db) {
        return replicationId.equals(managedBy) && region.equals(sourceRegion) && db.equals(sourceDbIdentifier);
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
