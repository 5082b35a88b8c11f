package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What people do by hand in the target region with the installation's copies, through the API with their own key:
 * copy a copy with its tags (sometimes deleting the original: a rename), tag their own snapshots with the
 * installation's tags, copy a source snapshot across regions by hand under the installation's tags. Every snapshot
 * that ends up carrying the installation's managed-by tag is recorded in {@link LookAlikes}. Names often start with
 * the installation's identifier prefix, and one form is exactly the identifier of a second copy attempt: names and
 * tags are not proof, only who created a snapshot is.
 */
final class SoakUsers {

    private final Random random;
    private final FakeRegion target;
    private final SoakFleet fleet;
    private final SoakUser user;
    private final Installation engine;
    private final LookAlikes lookAlikes;
    private final SoakRestores restores;
    private int counter;

    SoakUsers(Random random, FakeRegion target, SoakFleet fleet, SoakUser user, Installation engine,
              LookAlikes lookAlikes, SoakRestores restores) {
        this.random = random;
        this.target = target;
        this.fleet = fleet;
        this.user = user;
        this.engine = engine;
        this.lookAlikes = lookAlikes;
        this.restores = restores;
    }

    /** One step's worth of user activity in the target region (and, rarely, a restore in the source region). */
    void act(Instant now) {
        if (random.nextDouble() < 0.05) {
            ourAvailableCopy().ifPresent(this::copyACopy);
        }
        if (random.nextDouble() < 0.03) {
            ourAvailableCopy().ifPresent(this::retagOwnCopy);
        }
        if (random.nextDouble() < 0.02) {
            // Now and then every database of a kind at once (before a migration, say): RDS's copy slots fill up.
            boolean batch = random.nextBoolean();
            SnapshotKind kind = random.nextBoolean() ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT;
            List<SoakFleet.Database> inScope = fleet.databases().stream()
                    .filter(db -> db.inScope() && db.kind() == kind).toList();
            if (batch) {
                inScope.forEach(this::handCopy);
            } else {
                handCopy(inScope.get(random.nextInt(inScope.size())));
            }
        }
        if (random.nextDouble() < 0.03) {
            ourAvailableCopy().ifPresent(restores::restoreInTarget);
        }
        if (random.nextDouble() < 0.04) {
            restores.snapshotARestoredDatabase();
        }
        if (random.nextDouble() < 0.03) {
            restores.deleteARestoredDatabase();
        }
        if (random.nextDouble() < 0.01) {
            ourAvailableCopy().ifPresent(restores::restoreInSource);
        }
        restores.expire(now);
    }

    /** A copy of a copy inside the target region with CopyTags; a quarter of the time the original goes: a rename. */
    private void copyACopy(Held copy) {
        String name = lookAlikeName(copy);
        user.copy(SoakFleet.TARGET, copy.kind(), copy.id(), name, null, null, true, Map.of());
        boolean rename = random.nextInt(4) == 0;
        if (rename) {
            user.deleteSnapshot(copy.kind(), copy.id());
        }
        lookAlikes.add(rename ? LookAlikes.Kind.RENAMED_COPY : LookAlikes.Kind.SAME_REGION_COPY, copy.kind(), name);
    }

    /** A user's own copy of a copy, made without tags, then tagged by hand as if the installation had made it. */
    private void retagOwnCopy(Held copy) {
        String name = random.nextBoolean() ? engine.prefix() + "-manual-" + ++counter : "manual-" + copy.db() + "-"
                + ++counter;
        user.copy(SoakFleet.TARGET, copy.kind(), copy.id(), name, null, null, false, Map.of());
        SoakFleet.Origin origin = fleet.origin(copy.sourceArn()).orElseThrow();
        user.addTags(arn(copy.kind(), name), ourTags(origin.db(), copy.sourceArn(),
                origin.createdAt().minus(Duration.ofDays(40))));
        lookAlikes.add(LookAlikes.Kind.RETAGGED, copy.kind(), name);
    }

    /**
     * A cross-region copy of a source snapshot made by hand, under the installation's tags and a name with its
     * prefix: RDS's source fields are those of a real copy, only the identifier differs. It holds a copy slot.
     */
    private void handCopy(SoakFleet.Database db) {
        Optional<String> newest = fleet.newestAutomatedArn(db);
        if (newest.isEmpty()) {
            return;
        }
        SoakFleet.Origin origin = fleet.origin(newest.get()).orElseThrow();
        String name = engine.prefix() + "-by-hand-" + db.id() + "-" + ++counter;
        if (user.copy(SoakFleet.TARGET, db.kind(), newest.get(), name, SoakFleet.SOURCE,
                db.encrypted() ? SoakFleet.TARGET_KEY : null, false, ourTags(db.id(), newest.get(),
                        origin.createdAt()))) {
            lookAlikes.add(LookAlikes.Kind.HAND_COPY, db.kind(), name);
        }
    }

    /** A name for a user's copy of {@code copy}: a plain one, one with the prefix, or the copy's attempt-2 name. */
    private String lookAlikeName(Held copy) {
        int form = random.nextInt(3);
        if (form == 0) {
            String attempt2 = TargetIdentifiers.forSource(engine.prefix(), SnapshotArn.parse(copy.sourceArn())
                    .orElseThrow(), 2);
            if (!Held.all(target).containsKey(Held.key(copy.kind(), attempt2))) {
                return attempt2;
            }
        }
        String withPrefix = copy.id() + "-keep" + ++counter;
        if (form == 1 && TargetIdentifiers.isValid(withPrefix, copy.kind())) {
            return withPrefix;
        }
        return "keep-" + copy.db() + "-" + counter;
    }

    /** The installation's tags, as a person would write them by hand. */
    private Map<String, String> ourTags(String db, String sourceArn, Instant sourceCreatedAt) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TagKeys.MANAGED_BY, engine.replicationId());
        tags.put(TagKeys.SOURCE_SNAPSHOT_ARN, sourceArn);
        tags.put(TagKeys.SOURCE_DB_IDENTIFIER, db);
        tags.put(TagKeys.SOURCE_REGION, SoakFleet.SOURCE);
        tags.put(TagKeys.SOURCE_CREATED_AT, sourceCreatedAt.toString());
        return tags;
    }

    /** One of the installation's available copies, by ground truth. */
    private Optional<Held> ourAvailableCopy() {
        List<Held> ours = Held.all(target).values().stream()
                .filter(h -> engine.is(h.createdBy()) && h.available()).toList();
        return ours.isEmpty() ? Optional.empty() : Optional.of(ours.get(random.nextInt(ours.size())));
    }

    static String arn(SnapshotKind kind, String id) {
        return "arn:aws:rds:" + SoakFleet.TARGET + ":" + SoakFleet.ACCOUNT + ":"
                + (kind == SnapshotKind.DB_SNAPSHOT ? "snapshot:" : "cluster-snapshot:") + id;
    }
}
