package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.DbCluster;
import io.github.snapshotreplication.fakerds.DbInstance;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * People around the vault, through the API with their own keys. A user of the vault account copies the vault's
 * copies with CopyTags (the vault's tags come along), copies one without tags and tags it by hand as the vault's, and
 * copies a snapshot the source account shares under the vault's tags and a name with the vault's prefix: {@link
 * LookAlikes} of the vault ({@code SAME_REGION_COPY}, {@code RETAGGED}, {@code HAND_COPY}) that it must never
 * delete. A stranger account the vault does not accept shares snapshots named like an installation's copies with the
 * vault, some under the source database's names, and shares with the source account snapshots named like the
 * vault's receipts for copies it has not copied yet: the vault must never copy them, the engine must never take them
 * for receipts.
 */
final class VaultUsers {

    static final String USER_KEY = "AKIDSOAKVAULTUSER";
    static final String STRANGER_ACCOUNT = "555555555555";
    static final String STRANGER_KEY = "AKIDSOAKSTRANGER";
    static final String STRANGER_KMS_KEY =
            "arn:aws:kms:eu-central-1:555555555555:key/7e6d5c4b-3a29-4f18-a7e6-d5c4b3a29180";

    private final Random random;
    private final FakeRegion vaultRegion;
    private final FakeRegion target;
    private final FakeRegion strangerRegion;
    private final SoakUser user;
    private final SoakUser stranger;
    private final Installation engine;
    private final LookAlikes lookAlikes;
    private final SoakReport report;
    private final Set<String> strangerArns = new HashSet<>();
    private int counter;

    VaultUsers(FakeRdsServer rds, Random random, SoakVault vault, Installation engine, LookAlikes lookAlikes,
               SoakReport report) {
        this.random = random;
        this.vaultRegion = vault.region;
        this.target = rds.region(SoakFleet.TARGET);
        this.engine = engine;
        this.lookAlikes = lookAlikes;
        this.report = report;
        rds.registerAccessKey(USER_KEY, SoakVault.ACCOUNT);
        rds.registerAccessKey(STRANGER_KEY, STRANGER_ACCOUNT);
        user = new SoakUser(rds, USER_KEY);
        stranger = new SoakUser(rds, STRANGER_KEY);
        strangerRegion = rds.account(STRANGER_ACCOUNT).region(SoakFleet.TARGET);
        // The stranger's databases carry the source's names; its key is granted to the vault, so nothing but the
        // vault's choice of accounts keeps their snapshots out.
        strangerRegion.addDbInstance(DbInstance.builder().identifier("db-00").storageEncrypted(true)
                .kmsKeyId(STRANGER_KMS_KEY).build());
        strangerRegion.addDbCluster(DbCluster.builder().identifier("aurora-00").storageEncrypted(true)
                .kmsKeyId(STRANGER_KMS_KEY).build());
        strangerRegion.grantKmsKeyTo(STRANGER_KMS_KEY, SoakVault.ACCOUNT);
    }

    /** The ARNs of everything the stranger shared. */
    Set<String> strangerArns() {
        return strangerArns;
    }

    /** One step's worth of activity around the vault. */
    void act() {
        if (random.nextDouble() < 0.04) {
            vaultCopy().ifPresent(this::copyWithTags);
        }
        if (random.nextDouble() < 0.03) {
            vaultCopy().ifPresent(this::retag);
        }
        if (random.nextDouble() < 0.03) {
            sharedWithVault().ifPresent(this::handCopy);
        }
        if (random.nextDouble() < 0.03) {
            strangerShares();
        }
    }

    /** A copy of a vault copy within the vault account, its tags copied. */
    private void copyWithTags(Held copy) {
        String name = random.nextBoolean() ? SoakVault.prefix() + "-keep" + ++counter : "keep-" + copy.db() + "-"
                + ++counter;
        user.copy(SoakFleet.TARGET, copy.kind(), copy.id(), name, null, null, true, Map.of());
        lookAlikes.add(LookAlikes.Kind.SAME_REGION_COPY, copy.kind(), name);
    }

    /** A copy of a vault copy without tags, then tagged by hand as the vault's, claiming an old source. */
    private void retag(Held copy) {
        String name = SoakVault.prefix() + "-manual-" + ++counter;
        user.copy(SoakFleet.TARGET, copy.kind(), copy.id(), name, null, null, false, Map.of());
        user.addTags(SoakFleet.TARGET, arn(copy.kind(), name), vaultTags(copy.sourceArn(), copy.db(),
                copy.takenAt().minus(Duration.ofDays(40))));
        lookAlikes.add(LookAlikes.Kind.RETAGGED, copy.kind(), name);
    }

    /** The source account's shared copy, copied into the vault account by hand under the vault's tags. */
    private void handCopy(Held shared) {
        String name = SoakVault.prefix() + "-by-hand-" + shared.db() + "-" + ++counter;
        if (user.copy(SoakFleet.TARGET, shared.kind(), shared.arn(), name, null,
                shared.kmsKeyId() == null ? null : SoakVault.KMS_KEY, false, vaultTags(shared.arn(), shared.db(),
                        shared.takenAt()))) {
            lookAlikes.add(LookAlikes.Kind.HAND_COPY, shared.kind(), name);
        }
    }

    /**
     * The stranger snapshots a database named like a source database, names the snapshot like an installation's
     * copy and shares it with the vault; now and then it also names one like the vault's receipt of one of the
     * engine's copies and shares it with the source account.
     */
    private void strangerShares() {
        SnapshotKind kind = random.nextBoolean() ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT;
        // A forged receipt is worth most for a copy the vault has not copied yet: the engine must keep it.
        Set<String> inVault = new HashSet<>();
        Held.all(vaultRegion).values().forEach(h -> inVault.add(h.sourceArn()));
        Optional<Held> engineCopy = random.nextBoolean() ? Optional.empty() : pick(Held.all(target), h ->
                engine.is(h.createdBy()) && h.kind() == kind && !inVault.contains(h.arn()));
        String name = engineCopy.map(c -> TargetIdentifiers.forSource(SoakVault.prefix(),
                SnapshotArn.parse(c.arn()).orElseThrow())).orElse(CopyIdentifiers.prefixOf("stranger") + "-"
                + (kind == SnapshotKind.DB_SNAPSHOT ? "db-00" : "aurora-00") + "-" + ++counter);
        if (Held.all(strangerRegion).containsKey(Held.key(kind, name))) {
            return;
        }
        stranger.createSnapshot(SoakFleet.TARGET, kind, kind == SnapshotKind.DB_SNAPSHOT ? "db-00" : "aurora-00",
                name);
        strangerRegion.completeCopy(Held.resourceKind(kind), name);
        String account = engineCopy.isPresent() ? SoakFleet.ACCOUNT : SoakVault.ACCOUNT;
        String error = stranger.share(SoakFleet.TARGET, kind, name, account, true);
        if (error != null) {
            throw new IllegalStateException("the stranger could not share " + name + ": " + error);
        }
        strangerArns.add(Held.all(strangerRegion).get(Held.key(kind, name)).arn());
        report.strangerShares++;
    }

    /** The vault's own copies, available, by ground truth. */
    private Optional<Held> vaultCopy() {
        return pick(Held.all(vaultRegion), h -> SoakVault.isEngine(h.createdBy()) && h.available());
    }

    /** The source account's copies shared with the vault account, available. */
    private Optional<Held> sharedWithVault() {
        return pick(Held.all(target), h -> h.available() && h.sharedWith().contains(SoakVault.ACCOUNT));
    }

    private Optional<Held> pick(Map<String, Held> all, Predicate<Held> filter) {
        List<Held> candidates = all.values().stream().filter(filter).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(
                candidates.size())));
    }

    /** The vault's tags, as a person would write them by hand. */
    private static Map<String, String> vaultTags(String sourceArn, String db, Instant taken) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TagKeys.MANAGED_BY, SoakVault.VAULT_ID);
        tags.put(TagKeys.SOURCE_SNAPSHOT_ARN, sourceArn);
        tags.put(TagKeys.SOURCE_DB_IDENTIFIER, db);
        tags.put(TagKeys.SOURCE_REGION, SoakFleet.TARGET);
        tags.put(TagKeys.SOURCE_CREATED_AT, taken.toString());
        return tags;
    }

    private static String arn(SnapshotKind kind, String id) {
        return "arn:aws:rds:" + SoakFleet.TARGET + ":" + SoakVault.ACCOUNT + ":"
                + (kind == SnapshotKind.DB_SNAPSHOT ? "snapshot:" : "cluster-snapshot:") + id;
    }
}
