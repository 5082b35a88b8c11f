package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.TagTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sorts the databases of the target region into this installation's drills and look-alikes. A database is the
 * drill's only when its identifier starts with the drill's identifier start <em>and</em> it carries the drill tag
 * with this installation's id: the same two facts the IAM delete permission requires. One fact without the other
 * makes a look-alike, which is reported and never touched; everything else is not looked at.
 */
final class DrillResources {

    private final List<Drill> drills = new ArrayList<>();
    private final List<LookAlikeDrillDatabase> lookAlikes = new ArrayList<>();

    DrillResources(DrillPolicy policy, List<TargetDatabase> instances, List<TargetDatabase> clusters) {
        String start = policy.identifierStart();
        Map<String, TargetDatabase> ownClusters = new LinkedHashMap<>();
        Map<String, List<TargetDatabase>> members = new HashMap<>();
        List<TargetDatabase> standalone = new ArrayList<>();
        for (TargetDatabase cluster : clusters) {
            if (isOurs(cluster, start, policy.replicationId())) {
                ownClusters.put(key(cluster.identifier()), cluster);
            }
        }
        for (TargetDatabase instance : instances) {
            if (!isOurs(instance, start, policy.replicationId())) {
                continue;
            }
            String clusterId = instance.clusterIdentifier();
            if (clusterId != null && ownClusters.containsKey(key(clusterId))) {
                members.computeIfAbsent(key(clusterId), k -> new ArrayList<>()).add(instance);
            } else {
                standalone.add(instance);
            }
        }
        ownClusters.forEach((id, cluster) -> drills.add(drill(SnapshotKind.DB_CLUSTER_SNAPSHOT, cluster,
                members.getOrDefault(id, List.of()))));
        // An instance whose cluster is not the drill's (or gone) is still the drill's to delete: a drill of its own.
        standalone.forEach(instance -> drills.add(drill(instance.clusterIdentifier() == null
                ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT, null, List.of(instance))));
        collectLookAlikeDrillDatabases(instances, start, policy.replicationId());
        collectLookAlikeDrillDatabases(clusters, start, policy.replicationId());
    }

    List<Drill> drills() {
        return drills;
    }

    List<LookAlikeDrillDatabase> lookAlikes() {
        return lookAlikes;
    }

    private static boolean isOurs(TargetDatabase database, String start, String replicationId) {
        return hasStart(database, start) && replicationId.equals(database.tags().get(TagKeys.DRILL));
    }

    private static boolean hasStart(TargetDatabase database, String start) {
        return key(database.identifier()).startsWith(start);
    }

    private void collectLookAlikeDrillDatabases(List<TargetDatabase> databases, String start, String replicationId) {
        for (TargetDatabase database : databases) {
            boolean named = hasStart(database, start);
            String tag = database.tags().get(TagKeys.DRILL);
            boolean tagged = replicationId.equals(tag);
            if (named && !tagged) {
                lookAlikes.add(new LookAlikeDrillDatabase(database, "its identifier starts with " + start + " but its "
                        + TagKeys.DRILL + " tag is " + (tag == null ? "missing" : "'" + tag + "'")));
            } else if (tagged && !named) {
                lookAlikes.add(new LookAlikeDrillDatabase(database, "it carries this drill's " + TagKeys.DRILL
                        + " tag but its identifier does not start with " + start));
            }
        }
    }

    private static Drill drill(SnapshotKind kind, TargetDatabase cluster, List<TargetDatabase> instances) {
        TargetDatabase main = cluster != null ? cluster : instances.get(0);
        Map<String, String> tags = main.tags();
        Instant startedAt = TagTime.parse(tags.get(TagKeys.DRILL_STARTED_AT));
        return new Drill(kind, tags.get(TagKeys.SOURCE_DB_IDENTIFIER), cluster, instances,
                startedAt != null ? startedAt : main.createdAt(), tags.get(TagKeys.DRILL_COPY_ARN));
    }

    private static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
