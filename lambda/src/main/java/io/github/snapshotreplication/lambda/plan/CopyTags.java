package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags a copy is created with: this installation's ownership tags, then the source snapshot's own tags as far
 * as RDS's limits allow. They are always passed explicitly, never with {@code CopyTags}: how RDS merges copied and
 * request tags is not documented (docs/aws-references.md#o7), and a copy that fails on a tag limit is a copy lost
 * (#o6), so the list is made to fit before the call.
 *
 * @param tags    every tag of the copy, ownership tags first
 * @param dropped how many of the source's tags did not fit or were not writable
 */
public record CopyTags(Map<String, String> tags, int dropped) {

    /** Tags per RDS resource, not adjustable (docs/aws-references.md#o6). */
    public static final int MAX_TAGS = 50;
    /** Longest tag value RDS accepts. */
    public static final int MAX_VALUE_LENGTH = 256;

    /** Copies the map. */
    public CopyTags {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * The tags of a copy of {@code source} started at {@code startedAt} by installation {@code replicationId}.
     * A source ARN longer than a tag value allows is left out of the tags: RDS keeps it in the copy's own source
     * field, which is what ownership is proven from.
     */
    public static CopyTags forCopy(Snapshot source, String replicationId, Instant startedAt) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TagKeys.MANAGED_BY, replicationId);
        if (source.arn().length() <= MAX_VALUE_LENGTH) {
            tags.put(TagKeys.SOURCE_SNAPSHOT_ARN, source.arn());
        }
        if (source.dbIdentifier() != null) {
            tags.put(TagKeys.SOURCE_DB_IDENTIFIER, source.dbIdentifier());
        }
        tags.put(TagKeys.SOURCE_REGION, source.region());
        // A source that is itself a copy (the vault copies shared copies) keeps the original time in RDS's
        // OriginalSnapshotCreateTime (docs/aws-references.md#o4).
        Instant taken = source.originalCreatedAt() != null ? source.originalCreatedAt() : source.createdAt();
        tags.put(TagKeys.SOURCE_CREATED_AT, taken.toString());
        tags.put(TagKeys.COPY_STARTED_AT, startedAt.toString());
        int dropped = 0;
        // Sorted, so the same source always keeps the same tags when some must go.
        for (Map.Entry<String, String> tag : new TreeMap<>(source.tags()).entrySet()) {
            if (!isWritable(tag.getKey(), tag.getValue()) || tags.size() >= MAX_TAGS) {
                dropped++;
            } else {
                tags.put(tag.getKey(), tag.getValue());
            }
        }
        return new CopyTags(tags, dropped);
    }

    /**
     * A source tag the copy can carry: not one of ours (the source's ownership tags, inherited by a restore, must
     * not claim the copy for anyone), not reserved by AWS or RDS, and with a value RDS accepts.
     */
    private static boolean isWritable(String key, String value) {
        return !key.startsWith(TagKeys.PREFIX) && !key.startsWith("aws:") && !key.startsWith("rds:")
                && value != null && !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH;
    }
}
