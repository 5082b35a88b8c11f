package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The safety rules, checked against the fake's state and request log after every step of the soak. A violation
 * throws {@link AssertionError}; every check passed is counted.
 */
final class SoakInvariants {

    /** A snapshot in the target region, DB or cluster, as the checks need it. */
    record Copy(SnapshotKind kind, String id, Map<String, String> tags, String status, boolean pending) {

        boolean ours(String replicationId) {
            return replicationId.equals(tags.get(TagKeys.MANAGED_BY));
        }

        boolean available() {
            return "available".equals(status);
        }

        String group() {
            return kind + "/" + tags.get(TagKeys.SOURCE_DB_IDENTIFIER);
        }

        Instant sourceCreatedAt() {
            return Instant.parse(tags.get(TagKeys.SOURCE_CREATED_AT));
        }
    }

    private final FakeRegion target;
    private final SoakConfig config;
    private final String replicationId;
    private final SoakReport report;
    private final Set<String> unmanagedEverSeen = new HashSet<>();
    private Map<String, Copy> before = Map.of();

    SoakInvariants(FakeRegion target, SoakConfig config, String replicationId, SoakReport report) {
        this.target = target;
        this.config = config;
        this.replicationId = replicationId;
        this.report = report;
    }

    /** Every snapshot in the target region now. */
    List<Copy> targetSnapshots() {
        List<Copy> copies = new ArrayList<>();
        target.dbSnapshots().forEach(s -> copies.add(new Copy(SnapshotKind.DB_SNAPSHOT, s.identifier(), s.tags(),
                s.status(), s.isPending())));
        target.dbClusterSnapshots().forEach(s -> copies.add(new Copy(SnapshotKind.DB_CLUSTER_SNAPSHOT,
                s.identifier(), s.tags(), s.status(), s.isPending())));
        return copies;
    }

    /** Records the state the step starts from. */
    void beforeStep() {
        before = targetSnapshots().stream().collect(Collectors.toMap(c -> c.kind() + "/" + c.id(), c -> c));
        before.values().stream().filter(c -> !c.ours(replicationId))
                .forEach(c -> unmanagedEverSeen.add(c.kind() + "/" + c.id()));
    }

    /** Retention, right after a sweep that ran clean to its end (before any copy finishes). */
    void afterCleanSweep(RunSummary summary, Instant now) {
        check(summary.count(MetricNames.SWEEPS_COMPLETED) == 1 && !summary.hasTransientFailures()
                && summary.count(MetricNames.COPY_FAILURES) == 0 && summary.count(MetricNames.DELETE_FAILURES) == 0,
                () -> "a sweep without faults did not complete cleanly: " + summary.toJson());
        Map<String, List<Copy>> groups = targetSnapshots().stream().filter(c -> c.ours(replicationId))
                .collect(Collectors.groupingBy(Copy::group));
        Instant oldestKept = now.minus(config.maxAge());
        groups.forEach((group, copies) -> {
            if (copies.stream().anyMatch(Copy::pending)) {
                return; // older copies stay while a newer one is in flight: the next copy stays incremental
            }
            List<Copy> available = copies.stream().filter(Copy::available)
                    .sorted(Comparator.comparing(Copy::sourceCreatedAt).reversed()).toList();
            check(available.size() <= config.keepLast(), () -> group + " keeps " + available.size()
                    + " copies after a clean sweep, RETENTION_KEEP_LAST=" + config.keepLast());
            available.stream().skip(1).forEach(c -> check(!c.sourceCreatedAt().isBefore(oldestKept),
                    () -> group + " keeps " + c.id() + " older than RETENTION_MAX_AGE after a clean sweep"));
        });
    }

    /** Everything that must hold after any step, faults or not. */
    void afterStep(List<RecordedRequest> requests) {
        List<Copy> now = targetSnapshots();
        Set<String> present = now.stream().map(c -> c.kind() + "/" + c.id()).collect(Collectors.toSet());
        before.forEach((key, copy) -> {
            if (!present.contains(key)) {
                check(copy.ours(replicationId) && copy.available(), () -> "deleted " + key + " (tags "
                        + copy.tags() + ", " + copy.status() + "): not an available copy of this installation");
            }
        });
        unmanagedEverSeen.forEach(key -> check(present.contains(key), () -> "unmanaged snapshot " + key
                + " is gone"));
        for (RecordedRequest request : requests) {
            boolean mutating = request.action().startsWith("Delete") || request.action().startsWith("Copy");
            if (mutating && request.succeeded()) {
                check(request.region().equals(SoakFleet.TARGET), () -> request.action() + " in "
                        + request.region() + ": the source region must never be changed");
            }
            if (request.action().startsWith("Delete") && request.succeeded()) {
                report.deletes++;
                String id = Optional.ofNullable(request.param("DBSnapshotIdentifier"))
                        .orElse(request.param("DBClusterSnapshotIdentifier"));
                check(before.values().stream().anyMatch(c -> c.id().equals(id) && c.ours(replicationId)),
                        () -> request.action() + " of " + id + ", which is not a copy of this installation");
            }
            if (request.action().startsWith("Copy") && request.succeeded()) {
                report.copiesStarted++;
            }
        }
        for (SnapshotKind kind : SnapshotKind.values()) {
            long inFlight = now.stream().filter(c -> c.kind() == kind && c.pending()).count();
            check(inFlight <= config.maxConcurrentCopies(), () -> inFlight + " " + kind
                    + " copies in flight, MAX_CONCURRENT_COPIES=" + config.maxConcurrentCopies());
        }
        List<Copy> ours = now.stream().filter(c -> c.ours(replicationId)).toList();
        Map<String, Long> perSource = ours.stream().collect(Collectors.groupingBy(
                c -> c.tags().getOrDefault(TagKeys.SOURCE_SNAPSHOT_ARN, "?"), Collectors.counting()));
        perSource.forEach((arn, n) -> check(n == 1, () -> n + " copies of " + arn));
        for (Copy copy : ours) {
            String arn = copy.tags().getOrDefault(TagKeys.SOURCE_SNAPSHOT_ARN, "");
            String db = copy.tags().getOrDefault(TagKeys.SOURCE_DB_IDENTIFIER, "");
            check(arn.contains(":rds:") && !db.startsWith("scratch-") && copy.tags().containsKey(
                    TagKeys.SOURCE_CREATED_AT) && SoakFleet.SOURCE.equals(copy.tags().get(TagKeys.SOURCE_REGION)),
                    () -> "copy " + copy.id() + " of a manual, excluded or unknown source, or without its tags: "
                            + copy.tags());
        }
        newestAvailableCopiesSurvived(ours);
    }

    /** The newest available copy of each database before the step is still there. */
    private void newestAvailableCopiesSurvived(List<Copy> ours) {
        Set<String> ids = ours.stream().map(c -> c.kind() + "/" + c.id()).collect(Collectors.toSet());
        Map<String, Copy> newestBefore = new HashMap<>();
        before.values().stream().filter(c -> c.ours(replicationId) && c.available())
                .forEach(c -> newestBefore.merge(c.group(), c, (a, b) ->
                        a.sourceCreatedAt().isAfter(b.sourceCreatedAt()) ? a : b));
        newestBefore.values().forEach(c -> check(ids.contains(c.kind() + "/" + c.id()),
                () -> "the newest available copy " + c.id() + " of " + c.group() + " was deleted"));
    }

    /** After the faults stopped: the newest automated snapshot of every in-scope database has its copy. */
    void converged(SoakFleet fleet) {
        List<Copy> ours = targetSnapshots().stream().filter(c -> c.ours(replicationId)).toList();
        for (SoakFleet.Database db : fleet.databases()) {
            Optional<String> newest = fleet.newestAutomatedArn(db);
            if (!db.inScope() || newest.isEmpty()) {
                continue;
            }
            List<Copy> copies = ours.stream()
                    .filter(c -> newest.get().equals(c.tags().get(TagKeys.SOURCE_SNAPSHOT_ARN))).toList();
            check(copies.size() == 1 && copies.get(0).available(), () -> "after the faults stopped, "
                    + newest.get() + " has copies " + copies);
        }
    }

    /** How many in-scope databases of {@code kind} lack a copy of their newest automated snapshot. */
    long missing(SoakFleet fleet, SnapshotKind kind) {
        Set<String> copied = targetSnapshots().stream().filter(c -> c.ours(replicationId))
                .map(c -> c.tags().get(TagKeys.SOURCE_SNAPSHOT_ARN)).collect(Collectors.toSet());
        return fleet.databases().stream().filter(db -> db.inScope() && db.kind() == kind)
                .filter(db -> fleet.newestAutomatedArn(db).filter(arn -> !copied.contains(arn)).isPresent()).count();
    }

    void check(boolean condition, Supplier<String> violation) {
        report.invariantChecks++;
        if (!condition) {
            throw new AssertionError(violation.get());
        }
    }
}
