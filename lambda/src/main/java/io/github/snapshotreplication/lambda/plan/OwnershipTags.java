package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a snapshot's ownership tags claim: which installation made it, from which source, when. A claim, not a proof:
 * tags travel to copies of a copy and to restored databases and their snapshots (docs/aws-references.md#o8), so
 * {@link OwnershipProof} checks the claim against facts RDS keeps itself.
 *
 * @param managedBy          value of {@link TagKeys#MANAGED_BY}: an installation's replication id
 * @param sourceDbIdentifier value of {@link TagKeys#SOURCE_DB_IDENTIFIER}, or {@code null}
 * @param sourceCreatedAt    value of {@link TagKeys#SOURCE_CREATED_AT}, or {@code null} if missing or unreadable
 * @param copyStartedAt      value of {@link TagKeys#COPY_STARTED_AT}, or {@code null} if missing or unreadable
 */
public record OwnershipTags(String managedBy, String sourceDbIdentifier, Instant sourceCreatedAt,
                            Instant copyStartedAt) {

    /** Reads the ownership tags; empty when there is no {@link TagKeys#MANAGED_BY} tag. */
    public static Optional<OwnershipTags> fromTags(Map<String, String> tags) {
        String managedBy = tags.get(TagKeys.MANAGED_BY);
        if (managedBy == null || managedBy.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new OwnershipTags(managedBy, tags.get(TagKeys.SOURCE_DB_IDENTIFIER),
                TagTime.parse(tags.get(TagKeys.SOURCE_CREATED_AT)),
                TagTime.parse(tags.get(TagKeys.COPY_STARTED_AT))));
    }
}
