package io.github.snapshotreplication.fakerds;

import java.time.Instant;

/**
 * A snapshot still in progress in a region: a copy, or a snapshot being created. Time simulations use it to finish
 * or fail copies in the order and at the times they choose.
 *
 * @param kind         {@link ResourceKind#DB_SNAPSHOT} or {@link ResourceKind#DB_CLUSTER_SNAPSHOT}
 * @param identifier   the snapshot's identifier
 * @param startedAt    the server clock when the copy (or creation) started, or when test code added it pending
 * @param sourceRegion the region it is copied from (its own region for a same-region copy); null for a snapshot
 *                     being created, or one test code added without a source
 */
public record PendingCopy(ResourceKind kind, String identifier, Instant startedAt, String sourceRegion) {
}
