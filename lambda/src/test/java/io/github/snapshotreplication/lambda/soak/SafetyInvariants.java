package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Nothing an installation did not create is ever deleted", checked after every step against the fake's ground
 * truth (who created and who deleted each snapshot, who sent each request), never against tags: the deletion log,
 * every Delete* request an installation sent (refused ones too), and the survival of every look-alike and of every
 * snapshot another actor created.
 */
final class SafetyInvariants {

    private static final Set<String> SNAPSHOT_DELETES = Set.of("DeleteDBSnapshot", "DeleteDBClusterSnapshot");
    private static final Set<String> COPIES = Set.of("CopyDBSnapshot", "CopyDBClusterSnapshot");

    private final FakeRdsServer rds;
    private final List<Installation> installations;
    private final Installation engine;
    private final LookAlikes lookAlikes;
    private final SoakReport report;
    private final Checks checks;
    private Map<String, Held> before = Map.of();
    private int deletionsSeen;

    SafetyInvariants(FakeRdsServer rds, List<Installation> installations, LookAlikes lookAlikes, SoakReport report,
                     Checks checks) {
        this.rds = rds;
        this.installations = installations;
        this.engine = installations.get(0);
        this.lookAlikes = lookAlikes;
        this.report = report;
        this.checks = checks;
    }

    /** The target region's snapshots as the step starts; what users did before it is theirs. */
    void beforeStep(Map<String, Held> target) {
        before = target;
        deletionsSeen = rds.deletions().size();
    }

    void afterStep(Map<String, Held> target, List<RecordedRequest> requests) {
        List<Deletion> all = rds.deletions();
        List<Deletion> fresh = List.copyOf(all.subList(deletionsSeen, all.size()));
        deletionsSeen = all.size();
        fresh.forEach(this::deletedByItsCreator);
        requests.forEach(this::installationRequest);
        survivors(target, fresh);
    }

    /** An installation deletes only snapshots it created, in the target region, never a look-alike. */
    private void deletedByItsCreator(Deletion d) {
        for (Installation installation : installations) {
            if (installation.is(d.deletedBy())) {
                if (installation == engine) {
                    report.engineDeletesChecked++;
                }
                checks.check(installation.is(d.createdBy()) && SoakFleet.TARGET.equals(d.region())
                        && (d.kind() == ResourceKind.DB_SNAPSHOT || d.kind() == ResourceKind.DB_CLUSTER_SNAPSHOT)
                        && !lookAlikes.contains(key(d)), () -> installation.name() + " deleted " + d.kind() + " "
                        + d.identifier() + " in " + d.region() + ", created by " + d.createdBy() + " (tags "
                        + d.tags() + ", " + d.status() + ")" + lookAlikeNote(key(d)));
            }
            if (installation.is(d.createdBy())) {
                checks.check(installation.is(d.deletedBy()) || Installation.USER_KEY.equals(d.deletedBy()),
                        () -> installation.name() + "'s " + d.kind() + " " + d.identifier() + " was deleted by "
                                + d.deletedBy());
            }
        }
    }

    /**
     * Every request an installation sends: changes only in the target region, only copies and snapshot deletes,
     * and a delete only ever names a snapshot it created, whether RDS carries it out or not.
     */
    private void installationRequest(RecordedRequest request) {
        for (Installation installation : installations) {
            if (!installation.is(request.accessKeyId()) || request.action() == null
                    || request.action().startsWith("Describe") || request.action().equals("ListTagsForResource")) {
                continue;
            }
            count(installation, request);
            checks.check(SoakFleet.TARGET.equals(request.region()) && (COPIES.contains(request.action())
                    || SNAPSHOT_DELETES.contains(request.action())), () -> installation.name() + " sent "
                    + request.action() + " to " + request.region() + ": " + request.params());
            if (SNAPSHOT_DELETES.contains(request.action())) {
                SnapshotKind kind = request.action().equals("DeleteDBSnapshot") ? SnapshotKind.DB_SNAPSHOT
                        : SnapshotKind.DB_CLUSTER_SNAPSHOT;
                String id = request.param(kind == SnapshotKind.DB_SNAPSHOT ? "DBSnapshotIdentifier"
                        : "DBClusterSnapshotIdentifier");
                String key = Held.key(kind, id);
                if (lookAlikes.contains(key) && installation == engine) {
                    report.lookAlikeDeleteAttempts++;
                }
                Held target = before.get(key);
                checks.check(!lookAlikes.contains(key) && target != null && installation.is(target.createdBy()),
                        () -> installation.name() + " sent " + request.action() + " for " + id + " (answered "
                                + request.status() + "), created by " + (target == null ? "nobody present"
                                : target.createdBy() + ", tags " + target.tags()) + lookAlikeNote(key));
            }
        }
    }

    private void count(Installation installation, RecordedRequest request) {
        if (!request.succeeded()) {
            return;
        }
        boolean isEngine = installation == engine;
        if (COPIES.contains(request.action())) {
            if (isEngine) {
                report.copiesStarted++;
            } else {
                report.otherCopiesStarted++;
            }
        } else if (SNAPSHOT_DELETES.contains(request.action())) {
            if (isEngine) {
                report.deletes++;
            } else {
                report.otherDeletes++;
            }
        }
    }

    /** Look-alikes and other actors' snapshots are all still there, unless their own creator removed them. */
    private void survivors(Map<String, Held> target, List<Deletion> fresh) {
        for (String key : lookAlikes.alive()) {
            report.lookAlikeSurvivalChecks++;
            checks.check(target.containsKey(key), () -> "look-alike " + key + " (" + lookAlikes.kindOf(key)
                    + ") is gone");
        }
        Map<String, Deletion> deleted = new HashMap<>();
        fresh.forEach(d -> deleted.put(key(d), d));
        before.forEach((key, held) -> {
            if (!target.containsKey(key)) {
                Deletion d = deleted.get(key);
                checks.check(d != null, () -> key + " (created by " + held.createdBy()
                        + ") vanished without a deletion on record");
            }
        });
    }

    private String lookAlikeNote(String key) {
        return lookAlikes.contains(key) ? "; it is a look-alike (" + lookAlikes.kindOf(key) + ")" : "";
    }

    private static String key(Deletion d) {
        SnapshotKind kind = d.kind() == ResourceKind.DB_CLUSTER_SNAPSHOT ? SnapshotKind.DB_CLUSTER_SNAPSHOT
                : SnapshotKind.DB_SNAPSHOT;
        return d.kind() == ResourceKind.DB_SNAPSHOT || d.kind() == ResourceKind.DB_CLUSTER_SNAPSHOT
                ? Held.key(kind, d.identifier()) : d.kind() + "/" + d.identifier();
    }
}
