package io.github.snapshotreplication.fakerds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DescribeDBClusterSnapshots, CopyDBClusterSnapshot and DeleteDBClusterSnapshot. */
final class ClusterSnapshotActions {

    static final int MAX_IDENTIFIER_LENGTH = 63;

    private static final Describe<DbClusterSnapshot> DESCRIBE = new Describe<>(new Describe.Spec<>(
            "DBClusterSnapshotIdentifier", "db-cluster-snapshot-id", "cluster-snapshot",
            FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND, "DBClusterSnapshot not found: %s", "DBClusterIdentifier",
            "db-cluster-id", "cluster", DbClusterSnapshot::dbClusterIdentifier,
            Map.of("snapshot-type", DbClusterSnapshot::snapshotType, "engine", DbClusterSnapshot::engine),
            DbClusterSnapshot::snapshotType));

    private final Accounts accounts;

    ClusterSnapshotActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void describe(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        ResourceStore.Page<DbClusterSnapshot> page = DESCRIBE.run(request, region, region.state().clusterSnapshots(),
                Sharing.seenBy(Sharing.CLUSTER_SNAPSHOTS, accounts, region));
        xml.start("DBClusterSnapshots");
        page.items().forEach(s -> ResourceXml.dbClusterSnapshot(xml, s, region.accountId()));
        xml.end();
        Describe.writeMarker(xml, page.nextKey());
    }

    void copy(QueryRequest request, XmlWriter xml) {
        FakeRegion target = accounts.caller(request);
        String sourceValue = request.required("SourceDBClusterSnapshotIdentifier");
        String targetId = request.required("TargetDBClusterSnapshotIdentifier");
        CopyRules.checkTargetIdentifier("TargetDBClusterSnapshotIdentifier", targetId, MAX_IDENTIFIER_LENGTH);
        QueryError notFound = new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND,
                "DBClusterSnapshot not found: " + sourceValue);
        CopyRules.Source location = CopyRules.resolveSource(sourceValue, "cluster-snapshot", target, accounts,
                notFound);
        DbClusterSnapshot source = location.region().dbClusterSnapshot(location.identifier())
                .orElseThrow(() -> notFound);
        SharedCopyRules.checkSharedWithCaller(location, source.snapshotType(), source.sharedWith(), target, notFound);
        if (!SnapshotStatus.AVAILABLE.equals(source.status())) {
            throw new QueryError(FakeError.INVALID_DB_CLUSTER_SNAPSHOT_STATE, "DBClusterSnapshot " + sourceValue
                    + " is not in available state (current state: " + source.status() + ").");
        }
        CopyRules.checkNotMultiAz(request, source);
        SharedCopyRules.checkSharedCopy(request, location, true, source.storageEncrypted(), source.kmsKeyId(),
                target);
        CopyRules.checkPresignedUrl(request, "CopyDBClusterSnapshot", "SourceDBClusterSnapshotIdentifier",
                location, source.storageEncrypted());
        String kmsKeyId = request.optional("KmsKeyId");
        if (kmsKeyId != null && !source.storageEncrypted()) {
            throw QueryError.invalidCombination("Cannot specify KmsKeyId: the DB cluster snapshot " + sourceValue
                    + " is not encrypted, and an unencrypted DB cluster snapshot cannot be encrypted by a copy.");
        }
        if (location.crossRegion() && source.storageEncrypted() && kmsKeyId == null) {
            throw QueryError.invalidValue("KmsKeyId is required when copying an encrypted DB cluster snapshot to"
                    + " another region: KMS keys are regional, give a key of " + target.name() + ".");
        }
        if (kmsKeyId != null) {
            CopyRules.checkKmsKey(kmsKeyId, target, accounts);
        }
        DbClusterSnapshot copy = newCopy(request, target, location, source, kmsKeyId);
        DbClusterSnapshot stored = target.state().locked(() -> {
            ResourceStore<DbClusterSnapshot> store = target.state().clusterSnapshots();
            if (store.contains(copy.identifier())) {
                throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_ALREADY_EXISTS, "Cannot create the cluster"
                        + " snapshot because one with the identifier " + copy.identifier() + " already exists.");
            }
            SnapshotQuotas.checkManual(store, target.manualClusterSnapshotQuota());
            if (location.crossRegion()) {
                SnapshotQuotas.checkCopiesInProgress(store, target.clusterCopyQuota());
            }
            return target.state().putDbClusterSnapshot(copy);
        });
        ResourceXml.dbClusterSnapshot(xml, stored);
    }

    void delete(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String value = request.required("DBClusterSnapshotIdentifier");
        String id = Describe.localId(value, "cluster-snapshot", region);
        DbClusterSnapshot removed = region.state().locked(() -> {
            DbClusterSnapshot snapshot = id == null ? null : region.state().clusterSnapshots().get(id);
            if (snapshot == null) {
                throw new QueryError(FakeError.DB_CLUSTER_SNAPSHOT_NOT_FOUND, "DBClusterSnapshot not found: "
                        + value);
            }
            if (!"manual".equals(snapshot.snapshotType())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_SNAPSHOT_STATE, "Only manual snapshots may be"
                        + " deleted (" + value + " is " + snapshot.snapshotType() + ").");
            }
            // RDS API reference, DeleteDBClusterSnapshot: the DB cluster snapshot must be in the available state.
            if (!SnapshotStatus.AVAILABLE.equals(snapshot.status())) {
                throw new QueryError(FakeError.INVALID_DB_CLUSTER_SNAPSHOT_STATE, "Cannot delete the cluster"
                        + " snapshot because it is not in available state (current state: " + snapshot.status()
                        + ").");
            }
            return region.state().removeDbClusterSnapshot(id, request.accessKeyId());
        });
        ResourceXml.dbClusterSnapshot(xml, removed.withStatus(SnapshotStatus.DELETED, 100));
    }

    private static DbClusterSnapshot newCopy(QueryRequest request, FakeRegion target, CopyRules.Source location,
                                             DbClusterSnapshot source, String kmsKeyId) {
        Map<String, String> tags = new LinkedHashMap<>();
        // Another account's tags are not the caller's to see, so CopyTags brings none along (README: assumptions).
        if (request.bool("CopyTags", false) && !location.crossAccount()) {
            tags.putAll(source.tags());
        }
        tags.putAll(TagRules.checkRequestTags(request.tags()));
        TagRules.checkCount(tags, request.required("TargetDBClusterSnapshotIdentifier"));
        return source.toBuilder()
                .identifier(ResourceStore.key(request.required("TargetDBClusterSnapshotIdentifier")))
                .snapshotType("manual")
                .status(SnapshotStatus.COPYING)
                .percentProgress(0)
                .kmsKeyId(kmsKeyId != null ? kmsKeyId : source.kmsKeyId())
                // RDS API reference, DBClusterSnapshot: SourceDBClusterSnapshotArn is the source's ARN when the
                // snapshot was copied, same Region or not. The reference says nothing of SnapshotCreateTime on a
                // copy, so the copy keeps the source's (README: assumptions); the start shows in pendingCopies().
                .sourceDbClusterSnapshotArn(source.arn())
                .tags(tags)
                // The restore attribute belongs to the snapshot shared, not to its copies.
                .sharedWith(List.of())
                .createdBy(request.accessKeyId())
                .region(target.name())
                .accountId(target.accountId())
                .build();
    }
}
