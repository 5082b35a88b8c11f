package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every look-alike the soak's users made: snapshots in the target region that carry the installation's managed-by
 * tag without being its copies. Recorded when made, so that a delete aimed at one is caught whatever the engine
 * thinks of it, and so that their survival is checked.
 */
final class LookAlikes {

    /** How a look-alike came to carry the installation's tags. */
    enum Kind {
        /** A user's copy of a copy inside the target region, tags copied (CopyTags). */
        SAME_REGION_COPY,
        /** The same, and the original (the installation's copy) deleted: a rename. */
        RENAMED_COPY,
        /** An automated snapshot of a database a user restored from a copy (CopyTagsToSnapshot). */
        RESTORED_AUTOMATED,
        /** A manual snapshot of such a database. */
        RESTORED_MANUAL,
        /** The final snapshot taken when such a database is deleted. */
        RESTORED_FINAL,
        /** A user's own snapshot, tagged by hand with the installation's tags. */
        RETAGGED,
        /** A user's cross-region copy of a source snapshot, named by hand, with the installation's tags. */
        HAND_COPY
    }

    private final Map<String, Kind> all = new HashMap<>();
    private final Map<String, Kind> alive = new HashMap<>();
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);

    /** Records a look-alike the moment it exists. */
    void add(Kind kind, SnapshotKind snapshotKind, String id) {
        String key = Held.key(snapshotKind, id);
        all.put(key, kind);
        alive.put(key, kind);
        counts.merge(kind, 1L, Long::sum);
    }

    /** Its owner (a user, or RDS expiring an automated snapshot) removed it: it need not survive any more. */
    void retire(String key) {
        alive.remove(key);
    }

    /** True for every look-alike ever made, removed or not. */
    boolean contains(String key) {
        return all.containsKey(key);
    }

    Kind kindOf(String key) {
        return all.get(key);
    }

    /** The look-alikes that must still exist. */
    Set<String> alive() {
        return alive.keySet();
    }

    Map<Kind, Long> counts() {
        return counts;
    }
}
