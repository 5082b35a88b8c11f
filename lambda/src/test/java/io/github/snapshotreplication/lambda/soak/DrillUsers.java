package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * People (a user, and a stranger with a key of their own) who restore the installation's copies into databases of
 * the target region that look like the restore drill's: named with the drill's identifier start but without its
 * tag, or with another installation's; tagged with it but named otherwise; named exactly as the drill names a
 * database's drill (so that drill is refused with {@code identifier-taken} while it stands). Each is restored from a
 * copy and carries the copy's tags (the managed-by tag and the drill ledger included), so only the two facts the
 * drill checks tell it apart. Each is recorded the moment it exists; the drill must never modify or delete one, and
 * each must survive until its owner deletes it. Every choice comes from the drill side's own random.
 */
final class DrillUsers {

    /** How a database comes to look like the drill's. */
    enum Kind {
        /** Named with the drill's identifier start, without the drill tag: a user's restore under a drill-like name. */
        NAMED_UNTAGGED,
        /** Named with the drill's identifier start, with another installation's drill tag. */
        NAMED_OTHER_INSTALLATION,
        /** With this installation's drill tag (copied from a drill database by hand), named otherwise. */
        TAGGED_OTHER_NAME,
        /** Exactly the identifier of a database's drill, without the drill tag: the drill finds it taken. */
        DRILL_NAME_TAKEN
    }

    /** One look-alike database: who owns it and of which kind it is. */
    private record Made(Kind kind, SnapshotKind snapshotKind, String id, SoakUser owner) {
    }

    private static final int MAX_ALIVE = 6;

    private final Random random;
    private final FakeRegion target;
    private final Installation engine;
    private final SoakUser user;
    private final SoakUser stranger;
    private final String drillStart;
    private final Map<String, Made> alive = new LinkedHashMap<>();
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private int counter;

    DrillUsers(FakeRdsServer rds, Random random, Installation engine, SoakUser user) {
        this.random = random;
        this.target = rds.region(SoakFleet.TARGET);
        this.engine = engine;
        this.user = user;
        this.stranger = new SoakUser(rds, SoakDrill.STRANGER_KEY);
        this.drillStart = CopyIdentifiers.drillIdentifierStart(engine.replicationId());
    }

    /** One step's worth: now and then a new look-alike database, now and then one deleted by its owner. */
    void act() {
        if (random.nextDouble() < 0.05 && alive.size() < MAX_ALIVE) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            ourAvailableCopy().ifPresent(copy -> make(kind, copy));
        }
        if (random.nextDouble() < 0.04 && !alive.isEmpty()) {
            List<Made> all = new ArrayList<>(alive.values());
            Made gone = all.get(random.nextInt(all.size()));
            gone.owner().deleteDatabase(gone.snapshotKind(), gone.id(), null);
            alive.remove(key(gone.snapshotKind(), gone.id()));
        }
    }

    private void make(Kind kind, Held copy) {
        Map<String, String> tags = new LinkedHashMap<>(copy.tags());
        String id;
        switch (kind) {
            case NAMED_UNTAGGED -> id = drillStart + kindPart(copy.kind()) + copy.db() + "-keep-" + ++counter;
            case NAMED_OTHER_INSTALLATION -> {
                id = drillStart + kindPart(copy.kind()) + copy.db() + "-" + ++counter;
                tags.put(TagKeys.DRILL, Installation.other().replicationId());
            }
            case TAGGED_OTHER_NAME -> {
                id = "restore-test-" + copy.db() + "-" + ++counter;
                tags.put(TagKeys.DRILL, engine.replicationId());
            }
            default -> id = drillIdentifier(copy.kind(), copy.db());
        }
        if (exists(copy.kind(), id)) {
            return;  // the drill's own database holds the name now
        }
        SoakUser owner = random.nextBoolean() ? user : stranger;
        owner.restore(SoakFleet.TARGET, copy.kind(), copy.id(), id, tags);
        alive.put(key(copy.kind(), id), new Made(kind, copy.kind(), id, owner));
        counts.merge(kind, 1L, Long::sum);
    }

    /** The identifier the drill gives a database's drill: identifier start, {@code db-} or {@code cl-}, its name. */
    String drillIdentifier(SnapshotKind kind, String db) {
        return drillStart + kindPart(kind) + db.toLowerCase(Locale.ROOT);
    }

    private static String kindPart(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? "db-" : "cl-";
    }

    private boolean exists(SnapshotKind kind, String id) {
        return kind == SnapshotKind.DB_SNAPSHOT ? target.dbInstance(id).isPresent() : target.dbCluster(id).isPresent();
    }

    /** One of the installation's available copies, by ground truth. */
    private Optional<Held> ourAvailableCopy() {
        List<Held> ours = Held.all(target).values().stream()
                .filter(h -> engine.is(h.createdBy()) && h.available()).toList();
        return ours.isEmpty() ? Optional.empty() : Optional.of(ours.get(random.nextInt(ours.size())));
    }

    /** The look-alike databases that must still exist, by {@link #key}, with their kind. */
    Map<String, Kind> alive() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        alive.forEach((key, made) -> kinds.put(key, made.kind()));
        return kinds;
    }

    Map<Kind, Long> counts() {
        return counts;
    }

    /** A database's key: {@code db-instance/<id>} or {@code db-cluster/<id>}, lower case. */
    static String key(SnapshotKind kind, String id) {
        return (kind == SnapshotKind.DB_SNAPSHOT ? "db-instance/" : "db-cluster/") + id.toLowerCase(Locale.ROOT);
    }
}
