package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.TagKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-data builders for snapshots, databases and policies, with fixed regions, account and clock.
 */
final class TestSnapshots {

    static final String ACCOUNT = "123456789012";
    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String REPLICATION_ID = "orders-dr";
    static final String TARGET_KEY = "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    static final String SOURCE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");

    private TestSnapshots() {
    }

    /** An available automated source DB snapshot {@code rds:<db>-<suffix>}, taken {@code hoursAgo} before NOW. */
    static Builder aSourceSnapshot(String db, int hoursAgo) {
        return new Builder().kind(SnapshotKind.DB_SNAPSHOT).region(SOURCE).db(db)
                .id("rds:" + db + "-h" + hoursAgo).createdAt(NOW.minus(Duration.ofHours(hoursAgo)))
                .type("automated");
    }

    /** This installation's identifier prefix. */
    static final String PREFIX = io.github.snapshotreplication.contract.CopyIdentifiers.prefixOf(REPLICATION_ID);

    /**
     * An available copy of {@code source} made by this installation, as RDS describes it: its derived identifier,
     * RDS's source fields, every ownership tag (copy started an hour after the source was taken).
     */
    static Builder aCopyOf(Snapshot source) {
        return aCopyOf(source, 1);
    }

    /** Attempt {@code attempt} of a copy of {@code source}. */
    static Builder aCopyOf(Snapshot source, int attempt) {
        Builder b = new Builder().kind(source.kind()).region(TARGET).db(source.dbIdentifier())
                .id(TargetIdentifiers.forSource(PREFIX, SnapshotArn.parse(source.arn()).orElseThrow(), attempt))
                .createdAt(source.createdAt().plus(Duration.ofHours(1))).type("manual")
                .sourceArn(source.arn()).tags(CopyTags.forCopy(source, REPLICATION_ID,
                        source.createdAt().plus(Duration.ofHours(1))).tags());
        if (source.kind() == SnapshotKind.DB_SNAPSHOT) {
            b.sourceRegion(SOURCE).originalCreatedAt(source.createdAt());
        }
        return b;
    }

    static SourceDatabase anInstance(String db, String... tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            map.put(tags[i], tags[i + 1]);
        }
        return new SourceDatabase(SnapshotKind.DB_SNAPSHOT, db, map);
    }

    static SourceDatabase aCluster(String db) {
        return new SourceDatabase(SnapshotKind.DB_CLUSTER_SNAPSHOT, db, Map.of());
    }

    static PolicyBuilder aPolicy() {
        return new PolicyBuilder();
    }

    static Inventory inventory(List<SourceDatabase> dbs, List<Snapshot> sources, List<Snapshot> targets) {
        return new Inventory(dbs, sources, targets);
    }

    /** Builder of {@link Snapshot}. */
    static final class Builder {
        private SnapshotKind kind;
        private String region;
        private String account = ACCOUNT;
        private String id;
        private String db;
        private Instant createdAt;
        private String status = "available";
        private String type;
        private boolean encrypted;
        private String kmsKeyId;
        private String optionGroup;
        private String sourceRegion;
        private String sourceArn;
        private String engine;
        private String engineVersion;
        private Integer allocatedStorage;
        private Instant originalCreatedAt;
        private final Map<String, String> tags = new LinkedHashMap<>();

        Builder kind(SnapshotKind v) {
            kind = v;
            return this;
        }

        Builder cluster() {
            return kind(SnapshotKind.DB_CLUSTER_SNAPSHOT);
        }

        Builder region(String v) {
            region = v;
            return this;
        }

        Builder account(String v) {
            account = v;
            return this;
        }

        Builder id(String v) {
            id = v;
            return this;
        }

        Builder db(String v) {
            db = v;
            return this;
        }

        Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        Builder status(String v) {
            status = v;
            return this;
        }

        Builder type(String v) {
            type = v;
            return this;
        }

        Builder manual() {
            return type("manual");
        }

        Builder encrypted() {
            encrypted = true;
            kmsKeyId = region.equals(SOURCE) ? SOURCE_KEY : TARGET_KEY;
            return this;
        }

        Builder optionGroup(String v) {
            optionGroup = v;
            return this;
        }

        Builder sourceRegion(String v) {
            sourceRegion = v;
            return this;
        }

        Builder sourceArn(String v) {
            sourceArn = v;
            return this;
        }

        Builder engine(String v) {
            engine = v;
            return this;
        }

        Builder engineVersion(String v) {
            engineVersion = v;
            return this;
        }

        Builder allocatedStorage(int v) {
            allocatedStorage = v;
            return this;
        }

        Builder originalCreatedAt(Instant v) {
            originalCreatedAt = v;
            return this;
        }

        Builder tags(Map<String, String> v) {
            tags.putAll(v);
            return this;
        }

        Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        Builder withoutTag(String key) {
            tags.remove(key);
            return this;
        }

        Builder withoutOwnership() {
            tags.keySet().removeIf(k -> k.startsWith(TagKeys.PREFIX));
            return this;
        }

        Snapshot build() {
            String arn = SnapshotArn.of("aws", region, account, kind, id).value();
            return Snapshot.builder().kind(kind).identifier(id).arn(arn).dbIdentifier(db).createdAt(createdAt)
                    .status(status).snapshotType(type).encrypted(encrypted).kmsKeyId(kmsKeyId)
                    .optionGroupName(optionGroup).sourceRegion(sourceRegion).sourceSnapshotArn(sourceArn)
                    .engine(engine).engineVersion(engineVersion).allocatedStorage(allocatedStorage)
                    .originalCreatedAt(originalCreatedAt).tags(tags).build();
        }
    }

    /** Builder of {@link ReplicationPolicy} with the defaults of the Lambda. */
    static final class PolicyBuilder {
        private String kmsKey;
        private boolean aurora;
        private boolean manual;
        private int keepLast = 7;
        private Duration maxAge;
        private List<String> include = List.of();
        private List<String> exclude = List.of();
        private Map<String, String> tagFilter = Map.of();
        private Map<String, String> optionGroups = Map.of();
        private int maxCopies = 5;
        private int clusterCopies = 5;
        private boolean replicas;

        PolicyBuilder kmsKey(String v) {
            kmsKey = v;
            return this;
        }

        PolicyBuilder aurora() {
            aurora = true;
            return this;
        }

        PolicyBuilder manual() {
            manual = true;
            return this;
        }

        PolicyBuilder keepLast(int v) {
            keepLast = v;
            return this;
        }

        PolicyBuilder maxAge(Duration v) {
            maxAge = v;
            return this;
        }

        PolicyBuilder include(String... v) {
            include = List.of(v);
            return this;
        }

        PolicyBuilder exclude(String... v) {
            exclude = List.of(v);
            return this;
        }

        PolicyBuilder tagFilter(String key, String value) {
            tagFilter = Map.of(key, value);
            return this;
        }

        PolicyBuilder optionGroup(String from, String to) {
            optionGroups = Map.of(from, to);
            return this;
        }

        /** Copy slots of both kinds. */
        PolicyBuilder maxCopies(int v) {
            maxCopies = v;
            clusterCopies = v;
            return this;
        }

        PolicyBuilder clusterCopies(int v) {
            clusterCopies = v;
            return this;
        }

        PolicyBuilder readReplicas() {
            replicas = true;
            return this;
        }

        ReplicationPolicy build() {
            return new ReplicationPolicy(SOURCE, TARGET, REPLICATION_ID, kmsKey, aurora, manual, keepLast, maxAge,
                    new DatabaseScope(include, exclude, tagFilter), optionGroups, maxCopies, clusterCopies, replicas,
                    null, null);
        }
    }
}
