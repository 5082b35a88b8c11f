package io.github.snapshotreplication.fakerds;

import java.util.List;

/**
 * ModifyDBSnapshotAttribute, ModifyDBClusterSnapshotAttribute, DescribeDBSnapshotAttributes and
 * DescribeDBClusterSnapshotAttributes: sharing the caller's own manual snapshots with other accounts through the
 * {@code restore} attribute ({@link Sharing} holds the rules). Another account's snapshot is not found, shared with
 * the caller or not: only the owner sees and changes who a snapshot is shared with.
 */
final class SnapshotAttributeActions {

    private final Accounts accounts;

    SnapshotAttributeActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void modifyDbSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String value = request.required("DBSnapshotIdentifier");
        Sharing.checkAttributeName(request.required("AttributeName"));
        // Query wire names (RDS API reference): ValuesToAdd.AttributeValue.N, ValuesToRemove.AttributeValue.N.
        List<String> add = request.list("ValuesToAdd.AttributeValue");
        List<String> remove = request.list("ValuesToRemove.AttributeValue");
        Sharing.checkValues(add);
        DbSnapshot stored = region.state().locked(() -> {
            DbSnapshot snapshot = dbSnapshot(region, value);
            Sharing.checkShareable(value, snapshot.snapshotType(), snapshot.status(), snapshot.encrypted(),
                    snapshot.kmsKeyId(), add, region, FakeError.INVALID_DB_SNAPSHOT_STATE);
            if (!add.isEmpty()) {
                Sharing.checkOptionGroup(snapshot, region);
            }
            List<String> sharedWith = Sharing.apply(snapshot.sharedWith(), add, remove);
            return region.state().putDbSnapshot(snapshot.withSharedWith(sharedWith));
        });
        attributes(xml, "DBSnapshot", stored.identifier(), stored.sharedWith());
    }

    void describeDbSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        // RDS API reference, DescribeDBSnapshotAttributes: its only error is DBSnapshotNotFound, so an automated
        // snapshot answers with an empty restore attribute.
        DbSnapshot snapshot = dbSnapshot(region, request.required("DBSnapshotIdentifier"));
        attributes(xml, "DBSnapshot", snapshot.identifier(), snapshot.sharedWith());
    }

    void modifyDbClusterSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String value = request.required("DBClusterSnapshotIdentifier");
        Sharing.checkAttributeName(request.required("AttributeName"));
        List<String> add = request.list("ValuesToAdd.AttributeValue");
        List<String> remove = request.list("ValuesToRemove.AttributeValue");
        Sharing.checkValues(add);
        DbClusterSnapshot stored = region.state().locked(() -> {
            DbClusterSnapshot snapshot = dbClusterSnapshot(region, value);
            Sharing.checkShareable(value, snapshot.snapshotType(), snapshot.status(), snapshot.storageEncrypted(),
                    snapshot.kmsKeyId(), add, region, FakeError.INVALID_DB_CLUSTER_SNAPSHOT_STATE);
            List<String> sharedWith = Sharing.apply(snapshot.sharedWith(), add, remove);
            return region.state().putDbClusterSnapshot(snapshot.withSharedWith(sharedWith));
        });
        attributes(xml, "DBClusterSnapshot", stored.identifier(), stored.sharedWith());
    }

    void describeDbClusterSnapshot(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        DbClusterSnapshot snapshot = dbClusterSnapshot(region, request.required("DBClusterSnapshotIdentifier"));
        attributes(xml, "DBClusterSnapshot", snapshot.identifier(), snapshot.sharedWith());
    }

    /** @throws QueryError DBSnapshotNotFound unless an id or ARN of the caller's own snapshot in this region */
    private static DbSnapshot dbSnapshot(FakeRegion region, String value) {
        String id = Describe.localId(value, "snapshot", region);
        DbSnapshot snapshot = id == null ? null : region.state().snapshots().get(id);
        if (snapshot == null) {
            throw new QueryError(FakeError.DB_SNAPSHOT_NOT_FOUND, "DBSnapshot not found: " + value);
        }
        return snapshot;
    }

    /** @throws QueryError DBClusterSnapshotNotFoundFault unless an id or ARN of the caller's own cluster snapshot */
    private static DbClusterSnapshot dbClusterSnapshot(FakeRegion region, String value) {
        String id = Describe.localId(value, "cluster-snapshot", region);
        DbClusterSnapshot snapshot = id == null ? null : region.state().clusterSnapshots().get(id);
        if (snapshot == null) {
            throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND, "DBClusterSnapshot not found: " + value);
        }
        return snapshot;
    }

    /** {@code <DBSnapshotAttributesResult>} (or the cluster's) with the one {@code restore} attribute. */
    private static void attributes(XmlWriter xml, String kind, String identifier, List<String> values) {
        xml.start(kind + "AttributesResult")
                .element(kind + "Identifier", identifier)
                .start(kind + "Attributes")
                .start(kind + "Attribute")
                .element("AttributeName", Sharing.RESTORE)
                .start("AttributeValues");
        values.forEach(v -> xml.element("AttributeValue", v));
        xml.end().end().end().end();
    }
}
