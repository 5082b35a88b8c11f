package io.github.snapshotreplication.fakerds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ListTagsForResource, AddTagsToResource and RemoveTagsFromResource on DB instances, clusters, DB snapshots and
 * cluster snapshots of the region called, named by ARN.
 */
final class TagActions {

    private final Accounts accounts;

    TagActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void list(QueryRequest request, XmlWriter xml) {
        ResourceXml.tagList(xml, update(request, UnaryOperator.identity()));
    }

    void add(QueryRequest request, XmlWriter xml) {
        Map<String, String> added = TagRules.checkRequestTags(request.tags());
        if (added.isEmpty()) {
            throw QueryError.missing("Tags");
        }
        update(request, tags -> {
            Map<String, String> merged = new LinkedHashMap<>(tags);
            merged.putAll(added);
            return TagRules.checkCount(merged, request.required("ResourceName"));
        });
    }

    void remove(QueryRequest request, XmlWriter xml) {
        List<String> keys = request.list("TagKeys.member");
        if (keys.isEmpty()) {
            throw QueryError.missing("TagKeys");
        }
        update(request, tags -> {
            Map<String, String> kept = new LinkedHashMap<>(tags);
            keys.forEach(kept::remove);
            return kept;
        });
    }

    /** Applies the change to the tags of the resource named by ResourceName, atomically. @return the new tags */
    private Map<String, String> update(QueryRequest request, UnaryOperator<Map<String, String>> change) {
        FakeRegion region = accounts.caller(request);
        String name = request.required("ResourceName");
        Arn arn = parse(name);
        boolean local = arn.region().equals(region.name()) && arn.account().equals(region.accountId());
        String id = arn.resourceId();
        return region.state().locked(() -> switch (arn.resourceType()) {
            case "snapshot" -> {
                DbSnapshot s = local ? region.state().snapshots().get(id) : null;
                if (s == null) {
                    throw new QueryError(FakeError.DB_SNAPSHOT_NOT_FOUND, "DBSnapshot not found: " + name);
                }
                yield region.state().putDbSnapshot(s.withTags(change.apply(s.tags()))).tags();
            }
            case "cluster-snapshot" -> {
                DbClusterSnapshot s = local ? region.state().clusterSnapshots().get(id) : null;
                if (s == null) {
                    throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND, "DBClusterSnapshot not found: "
                            + name);
                }
                yield region.state().putDbClusterSnapshot(s.withTags(change.apply(s.tags()))).tags();
            }
            case "db" -> {
                DbInstance i = local ? region.state().instances().get(id) : null;
                if (i == null) {
                    throw new QueryError(FakeError.DB_INSTANCE_NOT_FOUND, "DBInstance " + name + " not found.");
                }
                yield region.state().putDbInstance(i.withTags(change.apply(i.tags()))).tags();
            }
            case "cluster" -> {
                DbCluster c = local ? region.state().clusters().get(id) : null;
                if (c == null) {
                    throw new QueryError(FakeError.DB_CLUSTER_NOT_FOUND, "DBCluster " + name + " not found.");
                }
                yield region.state().putDbCluster(c.withTags(change.apply(c.tags()))).tags();
            }
            default -> throw QueryError.invalidValue("Unsupported resource type in ResourceName " + name
                    + " (the fake supports db, cluster, snapshot, cluster-snapshot)");
        });
    }

    private static Arn parse(String name) {
        try {
            Arn arn = Arn.parse(name);
            if (!"rds".equals(arn.service())) {
                throw QueryError.invalidValue("ResourceName is not an RDS ARN: " + name);
            }
            return arn;
        } catch (IllegalArgumentException e) {
            throw QueryError.invalidValue("The specified resource name does not match an RDS resource ARN: "
                    + name);
        }
    }
}
