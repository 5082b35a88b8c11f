package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

/**
 * One installation of the library in the soak's world: its replication id, the access key id it signs every call
 * with (so that the fake's ground truth of who created and deleted what tells installations apart) and its copy
 * slots per kind.
 *
 * @param name             how the report names it
 * @param replicationId    REPLICATION_ID
 * @param accessKeyId      the access key id of its clients
 * @param dbCopySlots      MAX_CONCURRENT_DB_SNAPSHOT_COPIES
 * @param clusterCopySlots MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES
 * @param followUpRule     FOLLOW_UP_RULE_NAME, or {@code null} for none
 */
record Installation(String name, String replicationId, String accessKeyId, int dbCopySlots, int clusterCopySlots,
                    String followUpRule) {

    /** The access key id of the soak's users: they copy, restore, snapshot, tag and delete by hand. */
    static final String USER_KEY = "AKIDSOAKUSER";

    /** The installation under test. */
    static Installation underTest(SoakConfig config) {
        return new Installation("engine", "orders-dr", "AKIDSOAKENGINE", config.dbCopySlots(),
                config.clusterCopySlots(), "SoakStack-ReplicationFollowUp1A2B3C4D");
    }

    /** Another installation on the same databases, source and target region: its copies are never ours. */
    static Installation other() {
        return new Installation("other installation", "billing-dr", "AKIDSOAKOTHERINSTALL", 4, 2, null);
    }

    /** The start of every copy identifier of this installation. */
    String prefix() {
        return CopyIdentifiers.prefixOf(replicationId);
    }

    /** Its copy slots for {@code kind}. */
    int slots(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? dbCopySlots : clusterCopySlots;
    }

    /** True when the fake says this installation created (or deleted) the resource. */
    boolean is(String accessKey) {
        return accessKeyId.equals(accessKey);
    }
}
