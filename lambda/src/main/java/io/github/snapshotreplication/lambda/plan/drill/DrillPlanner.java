package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.ProvenCopies;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.SourceDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides one run of the restore drill from what RDS shows now, with no state of its own: the drill's databases
 * and their tags say which drills are in progress, and the ledger on each database's newest copy ({@link DrillLedger})
 * says which were asked for and how the last ones ended. So any run may be lost or repeated: the next one sees the
 * same facts and picks up where it stopped.
 *
 * <p>Each run, in this order: an advance run moves every drill in progress on (waits, gets its Aurora instance, or
 * finishes and is deleted; a drill older than the maximum duration fails and is deleted whatever its state), a round
 * run instead asks for drills of the selected databases (the least recently passed first, up to the per-round
 * count); then due drills start while fewer than the maximum are alive; and each database's ledger is carried to its
 * newest copy. Only advance runs finish drills, and they are 5 minutes apart with a shorter timeout: a round run
 * that overlaps one can at most try to start a drill the other started, which RDS refuses by name.
 */
public final class DrillPlanner {

    /** Statuses of a restored database that is up: restored and usable, though RDS may still be backing it up. */
    private static final Set<String> UP = Set.of("available", "backing-up", "storage-initialization",
            "configuring-enhanced-monitoring", "configuring-log-exports");

    /** One run's plan. */
    public DrillPlan plan(DrillPolicy policy, List<SourceDatabase> sourceDatabases, ProvenCopies copies,
                          List<TargetDatabase> instances, List<TargetDatabase> clusters, boolean round,
                          Instant now) {
        DrillResources resources = new DrillResources(policy, instances, clusters);
        Run run = new Run(policy, copies, now, resources.lookAlikes());
        for (SourceDatabase db : sourceDatabases) {
            if (policy.replication().covers(db) && policy.selection().includes(db)
                    && copies.newestAvailable(db.kind(), db.identifier()) != null) {
                run.selected.add(db);
            }
        }
        run.selected.sort(Comparator.comparing(SourceDatabase::kind).thenComparing(SourceDatabase::identifier));
        List<Drill> alive = resources.drills();
        for (Drill drill : alive) {
            run.track(drill);
            if (!round) {
                run.advance(drill);  // only advance runs finish drills: 5 minutes apart, they never overlap
            }
        }
        List<String> picked = round ? run.pickRound() : List.of();
        run.startDue(policy.maxConcurrent() - alive.size());
        run.carryLedgers();
        List<String> overdue = run.selected.stream()
                .filter(db -> run.ledger(db.kind(), db.identifier()).isOverdue(now, policy.successWindow()))
                .map(SourceDatabase::identifier).toList();
        return new DrillPlan(run.actions, run.selected.stream().map(SourceDatabase::identifier).toList(), overdue,
                picked, alive, resources.lookAlikes());
    }

    private static String key(SnapshotKind kind, String dbIdentifier) {
        return kind + "/" + dbIdentifier;
    }

    /** The state of one planning run. */
    private static final class Run {
        private final DrillPolicy policy;
        private final ProvenCopies copies;
        private final Instant now;
        private final List<SourceDatabase> selected = new ArrayList<>();
        private final Map<String, DrillLedger> ledgers = new HashMap<>();
        /** Databases this run's round asked for, by key. */
        private final Set<String> requested = new HashSet<>();
        /** Databases whose drill ended in this run, by key: the ending writes their ledger itself. */
        private final Set<String> ended = new HashSet<>();
        /** Databases with a drill alive, by key: never a second drill at once. */
        private final Set<String> drilling = new HashSet<>();
        private final List<DrillAction> actions = new ArrayList<>();
        /** Identifiers of look-alikes, "instance/id" or "cluster/id": a drill named so would be refused by RDS. */
        private final Set<String> taken = new HashSet<>();

        Run(DrillPolicy policy, ProvenCopies copies, Instant now, List<LookAlikeDrillDatabase> lookAlikes) {
            this.policy = policy;
            this.copies = copies;
            this.now = now;
            lookAlikes.forEach(l -> taken.add(namespaced(l.database().cluster(), l.database().identifier())));
        }

        private static String namespaced(boolean cluster, String identifier) {
            return (cluster ? "cluster/" : "instance/") + identifier.toLowerCase(Locale.ROOT);
        }

        DrillLedger ledger(SnapshotKind kind, String dbIdentifier) {
            return ledgers.computeIfAbsent(key(kind, dbIdentifier),
                    k -> DrillLedger.of(copies.of(kind, dbIdentifier)));
        }

        void track(Drill drill) {
            if (drill.dbIdentifier() != null) {
                drilling.add(key(drill.kind(), drill.dbIdentifier()));
            }
        }

        void advance(Drill drill) {
            if (drill.isBeingDeleted()) {
                return;
            }
            DrillLedger ledger = drill.dbIdentifier() == null ? DrillLedger.EMPTY
                    : ledger(drill.kind(), drill.dbIdentifier());
            // Without a start time or a source database the drill cannot be followed: finished, as far as we know.
            if (drill.startedAt() == null || drill.dbIdentifier() == null || ledger.hasEnded(drill.startedAt())) {
                actions.add(new DrillAction.Cleanup(drill, deletes(drill)));
                return;
            }
            DrillAction.Outcome outcome = outcome(drill);
            if (outcome != null) {
                finish(drill, ledger, outcome);
            }
        }

        /** How the drill ended, or {@code null} while it is still under way (a wait or a step is planned then). */
        private DrillAction.Outcome outcome(Drill drill) {
            Duration age = Duration.between(drill.startedAt(), now);
            for (TargetDatabase db : drill.databases()) {
                if (db.hasFailed()) {
                    return DrillAction.Outcome.failed(DrillFailure.ofStatus(db.status()),
                            List.of(db.label() + " is " + db.status()), null);
                }
            }
            if (age.compareTo(policy.maxDuration()) > 0) {
                return DrillAction.Outcome.failed(DrillFailure.TIMEOUT, List.of(drill.label() + " is not up after "
                        + age.toMinutes() + " minutes (" + drill.status() + "); the maximum is "
                        + policy.maxDuration().toMinutes()), null);
            }
            TargetDatabase cluster = drill.cluster();
            if (cluster != null && UP.contains(cluster.status()) && drill.instances().isEmpty()) {
                actions.add(new DrillAction.CreateClusterInstance(drill, cluster.identifier(), cluster.engine(),
                        policy.instanceClassFor(cluster.engine()), drillTags(cluster),
                        finishing(drill, DrillAction.Outcome.failed(DrillFailure.RESTORE, List.of(), age))));
                return null;
            }
            boolean up = !drill.instances().isEmpty()
                    && drill.databases().stream().allMatch(db -> UP.contains(db.status()));
            if (!up) {
                actions.add(new DrillAction.Wait(drill, drill.status()));
                return null;
            }
            DrillChecks.Findings findings = DrillChecks.check(drill, copyOf(drill));
            return findings.passed() ? DrillAction.Outcome.passed(age)
                    : DrillAction.Outcome.failed(findings.cause(), findings.problems(), age);
        }

        private void finish(Drill drill, DrillLedger ledger, DrillAction.Outcome outcome) {
            actions.add(finishing(drill, outcome));
            String key = key(drill.kind(), drill.dbIdentifier());
            ledgers.put(key, ledger.ended(now, outcome.passed()));
            ended.add(key);
        }

        /** The finish of a drill with this outcome: its ledger on the newest copy, then its deletes. */
        private DrillAction.Finish finishing(Drill drill, DrillAction.Outcome outcome) {
            DrillLedger after = ledger(drill.kind(), drill.dbIdentifier()).ended(now, outcome.passed());
            Snapshot newest = copies.newestAvailable(drill.kind(), drill.dbIdentifier());
            boolean pastCap = Duration.between(drill.startedAt(), now).compareTo(policy.maxDuration()) > 0;
            return new DrillAction.Finish(drill, outcome, newest, newest == null ? Map.of() : after.tags(),
                    deletes(drill), pastCap);
        }

        List<String> pickRound() {
            List<SourceDatabase> candidates = new ArrayList<>();
            int pending = 0;
            for (SourceDatabase db : selected) {
                if (ledger(db.kind(), db.identifier()).isDue()) {
                    pending++;
                } else if (!drilling.contains(key(db.kind(), db.identifier()))) {
                    candidates.add(db);  // a database with a drill alive waits for the next round
                }
            }
            candidates.sort(Comparator.comparing((SourceDatabase db) -> ledger(db.kind(), db.identifier()).passedAt(),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            int room = policy.perRound() == null ? candidates.size() : Math.max(0, policy.perRound() - pending);
            List<String> picked = new ArrayList<>();
            for (SourceDatabase db : candidates.subList(0, Math.min(room, candidates.size()))) {
                String key = key(db.kind(), db.identifier());
                ledgers.put(key, ledger(db.kind(), db.identifier()).requested(now));
                requested.add(key);
                picked.add(db.identifier());
            }
            return picked;
        }

        void startDue(int slots) {
            List<SourceDatabase> due = new ArrayList<>();
            for (SourceDatabase db : selected) {
                if (ledger(db.kind(), db.identifier()).isDue() && !drilling.contains(key(db.kind(), db.identifier()))) {
                    due.add(db);
                }
            }
            due.sort(Comparator.comparing((SourceDatabase db) -> ledger(db.kind(), db.identifier()).requestedAt()));
            for (SourceDatabase db : due.subList(0, Math.max(0, Math.min(slots, due.size())))) {
                start(db);
            }
        }

        private void start(SourceDatabase db) {
            Snapshot copy = copies.newestAvailable(db.kind(), db.identifier());
            String identifier = DrillIdentifiers.of(policy.identifierStart(), db.kind(), db.identifier());
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(TagKeys.DRILL, policy.replicationId());
            tags.put(TagKeys.SOURCE_DB_IDENTIFIER, db.identifier());
            tags.put(TagKeys.DRILL_STARTED_AT, now.toString());
            tags.put(TagKeys.DRILL_COPY_ARN, copy.arn());
            // Every ledger tag, not only the changed ones: this run's round write may not have landed.
            DrillLedger refused = ledger(db.kind(), db.identifier()).ended(now, false);
            String instanceClass = policy.instanceClassFor(copy.engine());
            boolean cluster = db.kind() == SnapshotKind.DB_CLUSTER_SNAPSHOT;
            if (instanceClass == null) {
                // RDS would pick the source's class, which may be large: never restore without a class of our own.
                refuse(db, copy, identifier, refused, DrillFailure.INSTANCE_CLASS, "no instance class for engine "
                        + copy.engine() + ": add it to restoreDrill.instanceClasses");
                return;
            }
            if (taken.contains(namespaced(cluster, identifier)) || cluster && taken.contains(namespaced(false,
                    identifier))) {
                refuse(db, copy, identifier, refused, DrillFailure.IDENTIFIER_TAKEN, "a database named " + identifier
                        + " exists without this drill's tag; the drill never touches it");
                return;
            }
            actions.add(new DrillAction.Restore(db.kind(), db.identifier(), copy, identifier, instanceClass, tags,
                    refused.tags()));
        }

        private void refuse(SourceDatabase db, Snapshot copy, String identifier, DrillLedger refused,
                            DrillFailure cause, String problem) {
            actions.add(new DrillAction.Refuse(db.identifier(), copy, identifier,
                    DrillAction.Outcome.failed(cause, List.of(problem), null), refused.tags()));
            String key = key(db.kind(), db.identifier());
            ledgers.put(key, refused);
            ended.add(key);
        }

        /** Writes every ledger this run changed, and carries unchanged ones to a newer copy. */
        void carryLedgers() {
            for (SourceDatabase db : selected) {
                String key = key(db.kind(), db.identifier());
                Snapshot newest = copies.newestAvailable(db.kind(), db.identifier());
                Map<String, String> missing = ledger(db.kind(), db.identifier()).missingOn(newest);
                if (!missing.isEmpty() && !ended.contains(key)) {
                    actions.add(0, new DrillAction.WriteLedger(db.kind(), db.identifier(), newest, missing,
                            requested.contains(key) ? "round" : "carry-forward"));
                }
            }
        }

        private Snapshot copyOf(Drill drill) {
            return copies.of(drill.kind(), drill.dbIdentifier()).stream()
                    .filter(c -> c.arn().equals(drill.copyArn())).findFirst().orElse(null);
        }

        private Map<String, String> drillTags(TargetDatabase database) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (String key : List.of(TagKeys.DRILL, TagKeys.SOURCE_DB_IDENTIFIER, TagKeys.DRILL_STARTED_AT,
                    TagKeys.DRILL_COPY_ARN)) {
                String value = database.tags().get(key);
                if (value != null) {
                    tags.put(key, value);
                }
            }
            return tags;
        }

        private static List<TargetDatabase> deletes(Drill drill) {
            List<TargetDatabase> deletes = new ArrayList<>();
            drill.instances().stream().filter(db -> !db.isDeleting()).forEach(deletes::add);
            if (drill.cluster() != null && !drill.cluster().isDeleting()) {
                deletes.add(drill.cluster());
            }
            return deletes;
        }
    }
}
