package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.FakeRegion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each installation's copies must look like, with "its copies" taken from the fake's ground truth (created
 * with its access key), grouped by the database RDS's own source field leads to: one copy per source snapshot, only
 * of in-scope automated snapshots; the newest available copy of a database is never deleted; retention holds after a
 * clean sweep; every look-alike is reported; and copy slots: RDS's limits per kind are never exceeded, and an
 * installation never starts more copies than its slots leave room for, counting what other actors started.
 */
final class CopyInvariants {

    /** RDS's cross-region copies in progress into one region, per kind (docs/aws-references.md#q1, #q2). */
    static final Map<SnapshotKind, Integer> RDS_LIMITS = Map.of(SnapshotKind.DB_SNAPSHOT, 20,
            SnapshotKind.DB_CLUSTER_SNAPSHOT, 5);

    private final FakeRegion target;
    private final List<Installation> installations;
    private final SoakFleet fleet;
    private final SoakConfig config;
    private final SoakReport report;
    private final Checks checks;
    private Map<String, Held> before = Map.of();
    private final Map<SnapshotKind, Long> inFlightBefore = new EnumMap<>(SnapshotKind.class);
    private long othersInFlightBefore;

    CopyInvariants(FakeRegion target, List<Installation> installations, SoakFleet fleet, SoakConfig config,
                   SoakReport report, Checks checks) {
        this.target = target;
        this.installations = installations;
        this.fleet = fleet;
        this.config = config;
        this.report = report;
        this.checks = checks;
    }

    void beforeStep(Map<String, Held> now) {
        before = now;
        List<Held> inFlight = Held.inFlight(target, now);
        for (SnapshotKind kind : SnapshotKind.values()) {
            inFlightBefore.put(kind, inFlight.stream().filter(h -> h.kind() == kind).count());
        }
        othersInFlightBefore = inFlight.stream().filter(h -> !installations.get(0).is(h.createdBy())).count();
    }

    void afterStep(Map<String, Held> now, List<RecordedRequest> requests) {
        List<Held> inFlight = Held.inFlight(target, now);
        if (othersInFlightBefore > 0 && requests.stream().anyMatch(r -> installations.get(0).is(r.accessKeyId()))) {
            report.engineRunsBesideOthersCopies++;
        }
        for (Installation installation : installations) {
            List<Held> copies = now.values().stream().filter(h -> installation.is(h.createdBy())).toList();
            copiesOfInScopeSources(installation, copies);
            newestAvailableCopiesSurvived(installation, now);
            slots(installation, inFlight, requests);
        }
        for (SnapshotKind kind : SnapshotKind.values()) {
            long total = inFlight.stream().filter(h -> h.kind() == kind).count();
            report.maxInFlight.merge(kind.name(), total, Math::max);
            checks.check(total <= RDS_LIMITS.get(kind), () -> total + " " + kind + " copies in flight into "
                    + SoakFleet.TARGET + ", RDS allows " + RDS_LIMITS.get(kind));
        }
    }

    /** One copy per source snapshot, of an automated snapshot of an in-scope database, named and tagged as its own. */
    private void copiesOfInScopeSources(Installation installation, List<Held> copies) {
        Map<String, Long> perSource = copies.stream().collect(Collectors.groupingBy(
                h -> String.valueOf(h.sourceArn()), Collectors.counting()));
        perSource.forEach((arn, n) -> checks.check(n == 1, () -> installation.name() + " holds " + n + " copies of "
                + arn));
        for (Held copy : copies) {
            SoakFleet.Origin origin = fleet.origin(copy.sourceArn()).orElse(null);
            checks.check(origin != null && origin.inScope() && copy.id().startsWith(installation.prefix() + "-")
                    && installation.replicationId().equals(copy.tags().get(TagKeys.MANAGED_BY))
                    && copy.sourceArn().equals(copy.tags().get(TagKeys.SOURCE_SNAPSHOT_ARN)),
                    () -> installation.name() + "'s " + copy.id() + " is not a copy of an in-scope automated source"
                            + " snapshot named and tagged as its own: source " + copy.sourceArn() + ", tags "
                            + copy.tags());
        }
    }

    /** The newest available copy of each database before the step is still there. */
    private void newestAvailableCopiesSurvived(Installation installation, Map<String, Held> now) {
        Map<String, Held> newest = new HashMap<>();
        before.values().stream().filter(h -> installation.is(h.createdBy()) && h.available())
                .forEach(h -> newest.merge(group(h), h, (a, b) -> createdAt(a).isAfter(createdAt(b)) ? a : b));
        newest.forEach((group, copy) -> checks.check(now.containsKey(copy.key()), () -> installation.name()
                + " deleted " + copy.id() + ", the newest available copy of " + group));
    }

    /**
     * An installation's own copies in flight stay within its slots, and in one step it starts no more than its
     * slots left free given everything in flight when the step began, whoever started it.
     */
    private void slots(Installation installation, List<Held> inFlight, List<RecordedRequest> requests) {
        for (SnapshotKind kind : SnapshotKind.values()) {
            long own = inFlight.stream().filter(h -> h.kind() == kind && installation.is(h.createdBy())).count();
            if (installation == installations.get(0)) {
                report.maxEngineInFlight.merge(kind.name(), own, Math::max);
            }
            String action = kind == SnapshotKind.DB_SNAPSHOT ? "CopyDBSnapshot" : "CopyDBClusterSnapshot";
            long started = requests.stream().filter(r -> installation.is(r.accessKeyId()) && action.equals(r.action())
                    && r.succeeded()).count();
            long room = Math.max(0, installation.slots(kind) - inFlightBefore.get(kind));
            checks.check(own <= installation.slots(kind) && started <= room, () -> installation.name() + " has " + own
                    + " " + kind + " copies in flight and started " + started + " in this step, with "
                    + inFlightBefore.get(kind) + " in flight before it; its slots are " + installation.slots(kind));
        }
    }

    /** Right after a sweep of {@code installation} that ran clean to its end, before any copy finishes. */
    void afterCleanSweep(Installation installation, RunSummary summary, Instant now) {
        checks.check(summary.count(MetricNames.SWEEPS_COMPLETED) == 1 && !summary.hasTransientFailures()
                && summary.count(MetricNames.COPY_FAILURES) == 0 && summary.count(MetricNames.DELETE_FAILURES) == 0
                && summary.count(MetricNames.FOLLOW_UP_FAILURES) == 0,
                () -> "a sweep of the " + installation.name() + " without faults did not complete cleanly: "
                        + summary.toJson());
        long claimed = before.values().stream().filter(h -> installation.replicationId().equals(
                h.tags().get(TagKeys.MANAGED_BY)) && !installation.is(h.createdBy())).count();
        checks.check(summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS) == claimed, () -> installation.name()
                + " reported " + summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS) + " look-alikes; " + claimed
                + " snapshots carry its managed-by tag without being created by it");
        Map<String, List<Held>> groups = Held.all(target).values().stream()
                .filter(h -> installation.is(h.createdBy())).collect(Collectors.groupingBy(this::group));
        Instant oldestKept = now.minus(config.maxAge());
        groups.forEach((group, copies) -> {
            if (copies.stream().anyMatch(Held::pending)) {
                return; // older copies stay while a newer one is in flight: the next copy stays incremental
            }
            List<Held> available = copies.stream().filter(Held::available)
                    .sorted(Comparator.comparing(this::createdAt).reversed()).toList();
            checks.check(available.size() <= config.keepLast(), () -> installation.name() + ": " + group + " keeps "
                    + available.size() + " copies after a clean sweep, RETENTION_KEEP_LAST=" + config.keepLast());
            available.stream().skip(1).forEach(c -> checks.check(!createdAt(c).isBefore(oldestKept),
                    () -> installation.name() + ": " + group + " keeps " + c.id()
                            + " older than RETENTION_MAX_AGE after a clean sweep"));
        });
    }

    /** The database a copy belongs to, by RDS's source field: the ground truth, not the tags. */
    private String group(Held copy) {
        return fleet.origin(copy.sourceArn()).map(o -> o.kind() + "/" + o.db()).orElse("unknown source "
                + copy.sourceArn());
    }

    private Instant createdAt(Held copy) {
        return fleet.origin(copy.sourceArn()).map(SoakFleet.Origin::createdAt).orElse(Instant.MIN);
    }
}
