package io.github.snapshotreplication.fakerds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DescribeDBSnapshots, CopyDBSnapshot and DeleteDBSnapshot. */
final class DbSnapshotActions {

    static final int MAX_IDENTIFIER_LENGTH = 255;

    private static final Describe<DbSnapshot> DESCRIBE = new Describe<>(new Describe.Spec<>(
            "DBSnapshotIdentifier", "db-snapshot-id", "snapshot", FakeError.DB_SNAPSHOT_NOT_FOUND,
            "DBSnapshot not found: %s", "DBInstanceIdentifier", "db-instance-id", "db",
            DbSnapshot::dbInstanceIdentifier,
            Map.of("snapshot-type", DbSnapshot::snapshotType, "engine", DbSnapshot::engine),
            DbSnapshot::snapshotType));

    private final Accounts accounts;

    DbSnapshotActions(Accounts accounts) {
        this.accounts = accounts;
    }

    void describe(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        ResourceStore.Page<DbSnapshot> page = DESCRIBE.run(request, region, region.state().snapshots(),
                Sharing.seenBy(Sharing.DB_SNAPSHOTS, accounts, region));
        xml.start("DBSnapshots");
        page.items().forEach(s -> ResourceXml.dbSnapshot(xml, s, region.accountId()));
        xml.end();
        Describe.writeMarker(xml, page.nextKey());
    }

    void copy(QueryRequest request, XmlWriter xml) {
        FakeRegion target = accounts.caller(request);
        String sourceValue = request.required("SourceDBSnapshotIdentifier");
        String targetId = request.required("TargetDBSnapshotIdentifier");
        CopyRules.checkTargetIdentifier("TargetDBSnapshotIdentifier", targetId, MAX_IDENTIFIER_LENGTH);
        QueryError notFound = new QueryError(FakeError.DB_SNAPSHOT_NOT_FOUND, "DBSnapshot not found: " + sourceValue);
        CopyRules.Source location = CopyRules.resolveSource(sourceValue, "snapshot", target, accounts, notFound);
        DbSnapshot source = location.region().dbSnapshot(location.identifier()).orElseThrow(() -> notFound);
        SharedCopyRules.checkSharedWithCaller(location, source.snapshotType(), source.sharedWith(), target, notFound);
        if (!SnapshotStatus.AVAILABLE.equals(source.status())) {
            throw new QueryError(FakeError.INVALID_DB_SNAPSHOT_STATE, "Snapshot " + sourceValue
                    + " is not in available state (current state: " + source.status() + ").");
        }
        CopyRules.checkRdsCustom(request, location, source);
        SharedCopyRules.checkSharedCopy(request, location, false, source.encrypted(), source.kmsKeyId(), target);
        CopyRules.checkPresignedUrl(request, "CopyDBSnapshot", "SourceDBSnapshotIdentifier", location,
                source.encrypted());
        String kmsKeyId = request.optional("KmsKeyId");
        if (location.crossRegion() && source.encrypted() && kmsKeyId == null) {
            throw QueryError.invalidValue("KmsKeyId is required when copying an encrypted DB snapshot to another"
                    + " region: KMS keys are regional, give a key of " + target.name() + ".");
        }
        if (kmsKeyId != null) {
            CopyRules.checkKmsKey(kmsKeyId, target, accounts);
        }
        CopyRules.checkOptionGroup(request, location, source, target);
        String optionGroup = request.optional("OptionGroupName");
        DbSnapshot copy = newCopy(request, target, location, source, kmsKeyId, optionGroup);
        DbSnapshot stored = target.state().locked(() -> {
            ResourceStore<DbSnapshot> store = target.state().snapshots();
            if (store.contains(copy.identifier())) {
                throw new QueryError(FakeError.DB_SNAPSHOT_ALREADY_EXISTS, "Cannot create the snapshot because a"
                        + " snapshot with the identifier " + copy.identifier() + " already exists.");
            }
            SnapshotQuotas.checkManual(store, target.manualSnapshotQuota());
            if (location.crossRegion()) {
                SnapshotQuotas.checkCopiesInProgress(store, target.copyQuota());
            }
            return target.state().putDbSnapshot(copy, location.region().name());
        });
        ResourceXml.dbSnapshot(xml, stored);
    }

    void delete(QueryRequest request, XmlWriter xml) {
        FakeRegion region = accounts.caller(request);
        String value = request.required("DBSnapshotIdentifier");
        String id = Describe.localId(value, "snapshot", region);
        DbSnapshot removed = region.state().locked(() -> {
            DbSnapshot snapshot = id == null ? null : region.state().snapshots().get(id);
            if (snapshot == null) {
                throw new QueryError(FakeError.DB_SNAPSHOT_NOT_FOUND, "DBSnapshot not found: " + value);
            }
            if (!"manual".equals(snapshot.snapshotType())) {
                throw new QueryError(FakeError.INVALID_DB_SNAPSHOT_STATE, "Only manual snapshots may be deleted ("
                        + value + " is " + snapshot.snapshotType() + ").");
            }
            // RDS API reference, DeleteDBSnapshot: the DB snapshot must be in the available state to be deleted
            // (so neither a copy in progress nor a failed one).
            if (!SnapshotStatus.AVAILABLE.equals(snapshot.status())) {
                throw new QueryError(FakeError.INVALID_DB_SNAPSHOT_STATE, "Cannot delete the snapshot because it is"
                        + " not in available state (current state: " + snapshot.status() + ").");
            }
            return region.state().removeDbSnapshot(id, request.accessKeyId());
        });
        ResourceXml.dbSnapshot(xml, removed.withStatus(SnapshotStatus.DELETED, 100));
    }

    private static DbSnapshot newCopy(QueryRequest request, FakeRegion target, CopyRules.Source location,
                                      DbSnapshot source, String kmsKeyId, String optionGroup) {
        Map<String, String> tags = new LinkedHashMap<>();
        // Another account's tags are not the caller's to see, so CopyTags brings none along (README: assumptions).
        if (request.bool("CopyTags", false) && !location.crossAccount()) {
            tags.putAll(source.tags());
        }
        tags.putAll(TagRules.checkRequestTags(request.tags()));
        TagRules.checkCount(tags, request.required("TargetDBSnapshotIdentifier"));
        return source.toBuilder()
                .identifier(ResourceStore.key(request.required("TargetDBSnapshotIdentifier")))
                // RDS API reference, DBSnapshot: SnapshotCreateTime changes for the copy when the snapshot is copied;
                // OriginalSnapshotCreateTime doesn't change when the snapshot is copied.
                .createdAt(target.state().now())
                .originalCreatedAt(source.originalCreatedAt())
                .snapshotType("manual")
                .status(SnapshotStatus.CREATING)
                .percentProgress(0)
                .encrypted(source.encrypted() || kmsKeyId != null)
                .kmsKeyId(kmsKeyId != null ? kmsKeyId : source.kmsKeyId())
                .optionGroupName(optionGroup != null ? optionGroup : source.optionGroupName())
                .optionGroupRequiresMapping(source.optionGroupRequiresMapping() && optionGroup == null)
                // RDS API reference, DBSnapshot: SourceDBSnapshotIdentifier (the source ARN) only has a value for a
                // cross-account or cross-Region copy. SourceRegion ("created in or copied from") is set for
                // cross-Region copies only, as in the verified fixtures (README: assumptions).
                .sourceRegion(location.crossRegion() ? location.region().name() : null)
                .sourceDbSnapshotIdentifier(location.crossRegion() || location.crossAccount() ? source.arn() : null)
                .instanceTags(location.crossAccount() ? null : source.instanceTags())
                .tags(tags)
                // The restore attribute belongs to the snapshot shared, not to its copies.
                .sharedWith(List.of())
                .createdBy(request.accessKeyId())
                .region(target.name())
                .accountId(target.accountId())
                .build();
    }
}
