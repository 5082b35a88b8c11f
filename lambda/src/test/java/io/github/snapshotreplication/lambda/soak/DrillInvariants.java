package io.github.snapshotreplication.lambda.soak;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The restore drill's invariants, checked around every invocation against the fake's ground truth (which key sent
 * each request, created and deleted each database), never against what the drill believes:
 * <ul>
 *   <li>every drill database is {@code deleting} at most {@code DRILL_MAX_DURATION} + one advance interval after its
 *       drill started, one interval more for each run lost or faulted since that age, and gone within the delete
 *       time after; after a clean run none is older than {@code DRILL_MAX_DURATION};</li>
 *   <li>the drill's function creates only databases named with its identifier start and carrying its drill tag,
 *       restored from this installation's copies; deletes only such databases it created; tags only this
 *       installation's copies, and only with the ledger's keys; sends nothing else, and nothing to the source region;
 *       nobody's database is deleted but by whoever created it, and every look-alike database survives until its
 *       owner deletes it;</li>
 *   <li>each drill's outcome is counted once (one {@code drill_passed} or {@code drill_failed} line, with its EMF
 *       document, per drill database and start), and once the drill drains, exactly once;</li>
 *   <li>a passed drill's measured restore duration is never shorter than the time RDS took (simulated), and longer
 *       by less than one advance interval, one more for each run lost since the databases came up.</li>
 * </ul>
 */
final class DrillInvariants {

    private static final Set<String> RESTORES = Set.of("RestoreDBInstanceFromDBSnapshot",
            "RestoreDBClusterFromSnapshot");
    private static final Set<String> DELETES = Set.of("DeleteDBInstance", "DeleteDBCluster");
    private static final Set<String> LEDGER = Set.of(TagKeys.DRILL_REQUESTED_AT, TagKeys.DRILL_FIRST_REQUESTED_AT,
            TagKeys.DRILL_ENDED_AT, TagKeys.DRILL_PASSED_AT);
    private static final String INSTANCE_KIND = "db-instance";

    /** A DB instance or cluster of the target region as the fake holds it. */
    private record Database(String id, String status, String createdBy, Map<String, String> tags) {
    }

    /**
     * A database the drill's key created: when its drill started (its restore request; an Aurora drill's instance
     * belongs to its cluster's drill), when RDS made or will make it available, when the drill asked to delete it,
     * and, for the drill's main database, its Aurora instance and the outcomes counted for the drill.
     */
    private static final class Started {
        private final String key;
        private final Instant start;
        private final Instant readyAt;
        private Instant deletedAt;
        private Started member;
        private int outcomes;

        Started(String key, Instant start, Instant readyAt) {
            this.key = key;
            this.start = start;
            this.readyAt = readyAt;
        }
    }

    private final FakeRdsServer rds;
    private final FakeRegion target;
    private final Installation engine;
    private final DrillUsers users;
    private final DrillFigures figures;
    private final Checks checks;
    private final String drillStart;
    /** The drill databases alive, by {@link DrillUsers#key}: the current drill of each identifier. */
    private final Map<String, Started> started = new HashMap<>();
    /** Every drill's main database, for the final count. */
    private final List<Started> drills = new ArrayList<>();
    /** Refused restores: the drill ended without a database; by identifier and time. */
    private final Map<String, Integer> refusals = new HashMap<>();
    /** Ticks of the drill's schedule whose run was lost or met a fault. */
    private final TreeSet<Instant> lostRuns = new TreeSet<>();
    private Map<String, Database> before = Map.of();
    private Map<String, Held> snapshotsBefore = Map.of();
    private int deletionsSeen;
    private Duration restoreTime = Duration.ZERO;
    private boolean drillRun;
    private boolean cleanRun;

    DrillInvariants(FakeRdsServer rds, Installation engine, DrillUsers users, SoakReport report, Checks checks) {
        this.rds = rds;
        this.target = rds.region(SoakFleet.TARGET);
        this.engine = engine;
        this.users = users;
        this.figures = report.drills;
        this.checks = checks;
        this.drillStart = CopyIdentifiers.drillIdentifierStart(engine.replicationId());
    }

    /** A tick of the drill's schedule whose run was lost: the drill databases may live one interval longer. */
    void lost(Instant tick) {
        lostRuns.add(tick);
        figures.lostRuns++;
    }

    /** The drill runs next, at {@code tick}, with RDS's restore time {@code restore}, clean or under a fault. */
    void expect(Instant tick, Duration restore, boolean clean) {
        restoreTime = restore;
        drillRun = true;
        cleanRun = clean;
        if (!clean) {
            lostRuns.add(tick);
        }
    }

    /** The databases and snapshots of the target region as the step starts. */
    void beforeStep(Map<String, Held> snapshots) {
        before = databases();
        snapshotsBefore = snapshots;
    }

    /** After any invocation: the drill's requests, every database deletion since the last check, the caps. */
    void afterStep(List<RecordedRequest> requests, Instant now) {
        // RDS removed what was due at the step's first request, before any of the step's own requests.
        List<Deletion> all = rds.deletions();
        all.subList(deletionsSeen, all.size()).forEach(this::deletion);
        deletionsSeen = all.size();
        Map<String, Held> byArn = new HashMap<>();
        snapshotsBefore.values().forEach(h -> byArn.put(h.arn(), h));
        for (RecordedRequest request : requests) {
            if (SoakDrill.KEY.equals(request.accessKeyId()) && request.isMutating()) {
                drillRequest(request, byArn, now);
            }
        }
        Map<String, Database> databases = databases();
        users.alive().forEach((key, kind) -> {
            Database db = databases.get(key);
            check(db != null && !"deleting".equals(db.status()), () -> "look-alike database " + key + " (" + kind
                    + ") is " + (db == null ? "gone" : db.status()) + ", its owner did not delete it");
        });
        caps(databases, now);
        drillRun = false;
        restoreTime = Duration.ZERO;
    }

    private void drillRequest(RecordedRequest r, Map<String, Held> byArn, Instant now) {
        figures.requestsChecked++;
        String action = r.action();
        String target = r.target();
        check(SoakFleet.TARGET.equals(r.region()) && (RESTORES.contains(action) || DELETES.contains(action)
                || action.equals("CreateDBInstance") || action.equals("AddTagsToResource")), () -> "the drill sent "
                + action + " to " + r.region() + ": " + r.params());
        if (RESTORES.contains(action) || action.equals("CreateDBInstance")) {
            check(hasStart(target) && engine.replicationId().equals(r.tags().get(TagKeys.DRILL)), () -> "the drill"
                    + " created " + target + " with tags " + r.tags() + ": not named and tagged as its own");
        }
        if (RESTORES.contains(action)) {
            boolean instance = action.equals("RestoreDBInstanceFromDBSnapshot");
            SnapshotKind kind = instance ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT;
            String copyId = r.param(instance ? "DBSnapshotIdentifier" : "SnapshotIdentifier");
            Held copy = snapshotsBefore.get(Held.key(kind, copyId));
            check(copy != null && engine.is(copy.createdBy()), () -> "the drill restored " + copyId + ", created by "
                    + (copy == null ? "nobody present" : copy.createdBy()) + ", not one of the installation's copies");
            if (r.succeeded()) {
                Started drill = new Started(DrillUsers.key(kind, target), now, now.plus(restoreTime));
                started.put(drill.key, drill);
                drills.add(drill);
                figures.started++;
            }
        } else if (action.equals("CreateDBInstance")) {
            String clusterKey = DrillUsers.key(SnapshotKind.DB_CLUSTER_SNAPSHOT, r.param("DBClusterIdentifier"));
            Started cluster = started.get(clusterKey);
            check(isOurs(before.get(clusterKey)) && cluster != null, () -> "the drill added " + target + " to "
                    + clusterKey + ", not a cluster of its drill: " + before.get(clusterKey));
            if (r.succeeded()) {
                cluster.member = new Started(DrillUsers.key(SnapshotKind.DB_SNAPSHOT, target), cluster.start,
                        now.plus(restoreTime));
                started.put(cluster.member.key, cluster.member);
            }
        } else if (DELETES.contains(action)) {
            String key = DrillUsers.key(action.equals("DeleteDBInstance") ? SnapshotKind.DB_SNAPSHOT
                    : SnapshotKind.DB_CLUSTER_SNAPSHOT, target);
            Database db = before.get(key);
            if (users.alive().containsKey(key)) {
                figures.lookAlikeDeleteAttempts++;
            }
            check(isOurs(db), () -> "the drill sent " + action + " for " + target + " (answered " + r.status()
                    + "), which is not its own: " + (db == null ? "not there" : db));
            Started drill = started.get(key);
            if (r.succeeded() && drill != null && drill.deletedAt == null) {
                drill.deletedAt = now;
                figures.deleted(Duration.between(drill.start, now));
            }
        } else if (action.equals("AddTagsToResource")) {
            Held copy = byArn.get(target);
            check(copy != null && engine.is(copy.createdBy()) && !r.tags().isEmpty()
                    && LEDGER.containsAll(r.tags().keySet()), () -> "the drill tagged " + target + " with " + r.tags()
                    + ": " + (copy == null ? "not a snapshot of the region" : "created by " + copy.createdBy()));
            if (r.succeeded()) {
                figures.ledgerWrites++;
            }
        }
    }

    /** Databases are deleted only by whoever created them; the drill deletes only its own, never a snapshot. */
    private void deletion(Deletion d) {
        boolean database = d.kind() == ResourceKind.DB_INSTANCE || d.kind() == ResourceKind.DB_CLUSTER;
        if (database) {
            check(Objects.equals(d.createdBy(), d.deletedBy()), () -> d.kind() + " " + d.identifier() + " created by "
                    + d.createdBy() + " was deleted by " + d.deletedBy());
        }
        if (SoakDrill.KEY.equals(d.deletedBy())) {
            figures.deletionsChecked++;
            check(database && hasStart(d.identifier()) && engine.replicationId().equals(d.tags().get(TagKeys.DRILL)),
                    () -> "the drill deleted " + d.kind() + " " + d.identifier() + " (tags " + d.tags() + ")");
            String key = DrillUsers.key(d.kind() == ResourceKind.DB_INSTANCE ? SnapshotKind.DB_SNAPSHOT
                    : SnapshotKind.DB_CLUSTER_SNAPSHOT, d.identifier());
            Started drill = started.get(key);
            if (drill != null && drill.deletedAt != null) {
                started.remove(key);
            }
        }
    }

    /** Every drill database is deleting within its cap and gone within the delete time after. */
    private void caps(Map<String, Database> databases, Instant now) {
        databases.forEach((key, db) -> {
            if (!SoakDrill.KEY.equals(db.createdBy())) {
                return;
            }
            Started drill = started.get(key);
            check(drill != null, () -> "drill database " + key + " was never seen created");
            Duration age = Duration.between(drill.start, now);
            Instant capReached = drill.start.plus(SoakDrill.MAX_DURATION);
            Duration cap = SoakDrill.MAX_DURATION.plus(SoakDrill.ADVANCE.multipliedBy(
                    1 + lostRuns.tailSet(capReached, false).size()));
            if (!"deleting".equals(db.status())) {
                check(age.compareTo(cap) <= 0, () -> "drill database " + key + " is " + db.status() + " "
                        + age.toMinutes() + " minutes after its drill started; the cap is " + cap.toMinutes());
                check(!drillRun || !cleanRun || age.compareTo(SoakDrill.MAX_DURATION) <= 0, () -> "after a clean"
                        + " run, drill database " + key + " is " + db.status() + " at " + age.toMinutes()
                        + " minutes, past DRILL_MAX_DURATION");
            }
            Duration gone = cap.plus(Duration.ofMinutes(SoakDrill.MAX_DELETE_MINUTES));
            check(age.compareTo(gone) <= 0, () -> "drill database " + key + " still exists " + age.toMinutes()
                    + " minutes after its drill started");
        });
    }

    /**
     * One drill run's outcomes, from its log lines and EMF documents: each is counted once per drill, with its EMF
     * document; a passed drill's measured restore duration is checked against RDS's.
     */
    void outcomes(String output, Instant now) {
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.contains("\"drill_passed\"") || line.contains("\"drill_failed\"")) {
                lines.add(parse(line));
            } else if (line.contains("\"_aws\"") && line.contains(MetricNames.DIMENSION_DB_IDENTIFIER)) {
                documents.add(parse(line));
            }
        }
        check(lines.size() == documents.size(), () -> lines.size() + " outcomes logged, " + documents.size()
                + " EMF documents");
        for (int i = 0; i < lines.size(); i++) {
            outcome(lines.get(i), documents.get(i), now);
        }
    }

    private void outcome(Map<String, Object> line, Map<String, Object> document, Instant now) {
        boolean passed = "drill_passed".equals(line.get("action"));
        Number seconds = (Number) line.get("restore_duration_seconds");
        check(Objects.equals(line.get("db_id"), document.get(MetricNames.DIMENSION_DB_IDENTIFIER))
                && Objects.equals(seconds, document.get(MetricNames.RESTORE_DURATION_SECONDS))
                && document.containsKey(passed ? MetricNames.DRILLS_SUCCEEDED : MetricNames.DRILLS_FAILED),
                () -> "outcome " + line + " and its EMF document " + document + " disagree");
        String label = (String) line.get("drill_database");
        String kind = (String) line.get("drill_kind");
        String cause = (String) line.get("cause");
        figures.outcome(passed, cause);
        if (kind == null) {
            // A refused restore: the drill ended without a database, at this run.
            int count = refusals.merge(label + "@" + now, 1, Integer::sum);
            check(count == 1, () -> "the refused drill " + label + " at " + now + " was counted " + count + " times");
            return;
        }
        boolean instance = INSTANCE_KIND.equals(kind);
        String key = DrillUsers.key(instance ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT, label);
        Started drill = started.get(key);
        check(drill != null, () -> "an outcome for " + label + ", which is no drill database of the drill");
        drill.outcomes++;
        check(drill.outcomes == 1, () -> "the drill of " + label + " started at " + drill.start + " was counted "
                + drill.outcomes + " times, now " + line);
        if (passed) {
            Instant ready = drill.member != null && drill.member.readyAt.isAfter(drill.readyAt) ? drill.member.readyAt
                    : drill.readyAt;
            Duration simulated = Duration.between(drill.start, ready);
            Duration measured = Duration.ofSeconds(seconds.longValue());
            Duration slack = SoakDrill.ADVANCE.multipliedBy(1 + lostRuns.subSet(ready, true, now, false).size());
            check(measured.compareTo(simulated) >= 0 && measured.minus(simulated).compareTo(slack) < 0, () -> "the"
                    + " drill of " + label + " measured " + measured + ", RDS took " + simulated);
            figures.restoreDurations(measured, simulated);
        }
    }

    /** The drill drained: no drill database left, and every drill started counted exactly one outcome. */
    void drained(boolean underWay) {
        check(!underWay, () -> "the drill did not drain within two days of clean runs");
        for (Started drill : drills) {
            check(drill.outcomes == 1, () -> "the drill of " + drill.key + " started at " + drill.start
                    + " counted " + drill.outcomes + " outcomes");
        }
    }

    private boolean isOurs(Database db) {
        return db != null && SoakDrill.KEY.equals(db.createdBy()) && hasStart(db.id())
                && engine.replicationId().equals(db.tags().get(TagKeys.DRILL));
    }

    private boolean hasStart(String identifier) {
        return identifier != null && identifier.toLowerCase(Locale.ROOT).startsWith(drillStart);
    }

    private Map<String, Database> databases() {
        Map<String, Database> all = new LinkedHashMap<>();
        target.dbInstances().forEach(db -> all.put(DrillUsers.key(SnapshotKind.DB_SNAPSHOT, db.identifier()),
                new Database(db.identifier(), db.status(), db.createdBy(), db.tags())));
        target.dbClusters().forEach(db -> all.put(DrillUsers.key(SnapshotKind.DB_CLUSTER_SNAPSHOT, db.identifier()),
                new Database(db.identifier(), db.status(), db.createdBy(), db.tags())));
        return all;
    }

    private void check(boolean condition, Supplier<String> violation) {
        figures.checks++;
        checks.check(condition, violation);
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
