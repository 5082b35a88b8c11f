package io.github.snapshotreplication.lambda.plan.vault;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.plan.CopyTags;
import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.RecoveryPoint;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The vault account's pure planner: which shared copies to copy into the vault, which receipts to send, which of
 * its own copies expire. No I/O, no clock: the same inputs give the same plan.
 *
 * <p>A shared snapshot is accepted when an accepted source account owns it and it is an available manual snapshot of
 * this region named by an installation of this library ({@code sr<8 hex>-}). The vault's own copies are proven like the
 * source side's ({@link VaultProof}). Retention is by age only: a copy younger than the retention is never deleted,
 * and the newest copy of a database never is, so snapshots that a compromised source account shares in bulk cannot
 * push the vault's copies out; nor is a copy whose source is still shared (it is the receipt the source waits for).
 */
public final class VaultPlanner {

    private static final Duration FIRST_RETRY_DELAY = Duration.ofHours(1);

    /**
     * Plans one vault sweep.
     *
     * @param policy the vault's policy
     * @param shared snapshots other accounts share with the vault account in its region
     * @param own    the vault account's own snapshots in its region
     * @param now    the current time
     * @return copies, receipts, deletes, look-alikes, and a recovery point per source database
     */
    public Plan plan(VaultPolicy policy, List<Snapshot> shared, List<Snapshot> own, Instant now) {
        VaultProof proof = new VaultProof(policy);
        Map<String, List<VaultCopy>> bySource = new HashMap<>();
        List<VaultCopy> copies = new ArrayList<>();
        List<Decision> lookAlikes = new ArrayList<>();
        Map<String, Snapshot> byIdentifier = new HashMap<>();
        for (Snapshot snapshot : own) {
            byIdentifier.put(snapshot.kind() + "/" + snapshot.identifier(), snapshot);
            VaultProof.Verdict verdict = proof.judge(snapshot);
            if (verdict instanceof VaultProof.Ours o) {
                copies.add(o.copy());
                bySource.computeIfAbsent(o.copy().sourceArn().value(), k -> new ArrayList<>()).add(o.copy());
            } else if (verdict instanceof VaultProof.LookAlike l) {
                lookAlikes.add(new Decision.LookAlike(snapshot, l.reason()));
            }
        }
        bySource.values().forEach(list -> list.sort(Comparator.comparingInt(VaultCopy::attempt)));
        List<Decision> decisions = new ArrayList<>();
        List<Snapshot> accepted = shared.stream().filter(s -> accepts(policy, s))
                .sorted(Comparator.comparing(Snapshot::arn)).toList();
        accepted.forEach(s -> decisions.add(decideCopy(policy, s, bySource.getOrDefault(s.arn(), List.of()),
                byIdentifier, now)));
        decisions.removeIf(d -> d == null);
        copies.stream().filter(c -> c.snapshot().isAvailable())
                .filter(c -> !"sent".equals(c.snapshot().tags().get(TagKeys.RECEIPT)))
                .forEach(c -> decisions.add(new Decision.SendReceipt(c.snapshot(), c.sourceArn().accountId(),
                        "tells " + c.sourceArn().accountId() + " that the vault holds its own copy")));
        Set<String> stillShared = accepted.stream().map(Snapshot::arn).collect(Collectors.toSet());
        decisions.addAll(retention(policy, copies, stillShared, now));
        decisions.addAll(lookAlikes);
        return new Plan(policy.region(), decisions, recoveryPoints(copies, now));
    }

    /** True when {@code snapshot} is proven to be the vault's copy of {@code sourceArn}. */
    public static boolean isVaultCopyOf(VaultPolicy policy, Snapshot snapshot, String sourceArn) {
        return new VaultProof(policy).judge(snapshot) instanceof VaultProof.Ours o
                && o.copy().sourceArn().value().equals(sourceArn);
    }

    /**
     * True for a copy an accepted source installation shared with the vault: the ARN's account is accepted (the
     * only field that proves the owner, docs/aws-references.md#v4), in this region, available, named by an
     * installation of this library. RDS lists what others share as type {@code shared} (or {@code public}), and only
     * manual snapshots can be shared (#v1); the docs do not say which other fields the receiving account sees, so
     * nothing else is required of it.
     */
    static boolean accepts(VaultPolicy policy, Snapshot shared) {
        SnapshotArn arn = SnapshotArn.parse(shared.arn()).orElse(null);
        return arn != null && policy.sourceAccounts().contains(arn.accountId()) && policy.region().equals(arn.region())
                && shared.isAvailable() && !shared.isAutomated()
                && CopyIdentifiers.prefixIn(arn.identifier()).isPresent()
                && (shared.kind() == SnapshotKind.DB_SNAPSHOT || policy.includeAurora());
    }

    private Decision decideCopy(VaultPolicy policy, Snapshot shared, List<VaultCopy> attempts,
                                Map<String, Snapshot> byIdentifier, Instant now) {
        SnapshotArn arn = SnapshotArn.parse(shared.arn()).orElseThrow();
        int attempt = 1;
        Snapshot replaces = null;
        if (!attempts.isEmpty()) {
            VaultCopy current = attempts.get(attempts.size() - 1);
            if (!current.isFailed()) {
                return null;
            }
            if (current.attempt() >= TargetIdentifiers.MAX_ATTEMPTS) {
                return new Decision.Rejected(shared, "all " + TargetIdentifiers.MAX_ATTEMPTS + " copy attempts"
                        + " failed, the last one is " + current.snapshot().identifier() + "; check that the source"
                        + " account's key lets this account decrypt, then delete that copy");
            }
            Instant retryAt = current.copyStartedAt() == null ? now
                    : current.copyStartedAt().plus(FIRST_RETRY_DELAY.multipliedBy((long) Math.pow(4,
                    current.attempt() - 1)));
            if (now.isBefore(retryAt)) {
                return new Decision.Deferred(shared, Decision.Deferred.Wait.RETRY_BACKOFF, "copy "
                        + current.snapshot().identifier() + " failed; the next attempt starts after " + retryAt);
            }
            attempt = current.attempt() + 1;
            replaces = current.snapshot();
        }
        String targetId = TargetIdentifiers.forSource(policy.copyIdentifierPrefix(), arn, attempt);
        if (byIdentifier.containsKey(shared.kind() + "/" + targetId)) {
            return new Decision.Rejected(shared, "identifier " + targetId + " is taken by a snapshot that is not the"
                    + " vault's copy of this source; rename or delete it");
        }
        CopyTags tags = CopyTags.forCopy(shared, policy.vaultId(), now);
        return new Decision.Copy(shared, targetId, attempt, shared.encrypted() ? policy.kmsKeyArn() : null, null,
                tags.tags(), replaces, "shared by " + arn.accountId() + " and not in the vault yet");
    }

    /**
     * Past the retention and not its database's newest, a copy goes; unless its source is still shared with the
     * vault: the source account keeps sharing (and keeps its copy) until it sees the receipt, which is this copy, so
     * deleting it now would make the vault copy the same source again on the next sweep, for ever.
     */
    private List<Decision> retention(VaultPolicy policy, List<VaultCopy> copies, Set<String> stillShared,
                                     Instant now) {
        Map<String, List<VaultCopy>> groups = new TreeMap<>();
        copies.forEach(c -> groups.computeIfAbsent(c.groupKey(), k -> new ArrayList<>()).add(c));
        List<Decision> decisions = new ArrayList<>();
        Instant oldestKept = now.minus(policy.retention());
        for (List<VaultCopy> group : groups.values()) {
            List<VaultCopy> available = group.stream().filter(c -> c.snapshot().isAvailable())
                    .filter(c -> c.sourceCreatedAt() != null).sorted(VaultCopy.NEWEST_FIRST).toList();
            for (int rank = 1; rank < available.size(); rank++) {
                VaultCopy copy = available.get(rank);
                if (!copy.sourceCreatedAt().isBefore(oldestKept)) {
                    continue;
                }
                String expiry = "source snapshot taken " + copy.sourceCreatedAt() + ", older than the vault's"
                        + " retention " + policy.retention();
                if (stillShared.contains(copy.sourceArn().value())) {
                    decisions.add(new Decision.Kept(copy.snapshot(), expiry + ", but kept while "
                            + copy.sourceArn().accountId() + " still shares its source: this copy is the receipt it"
                            + " waits for"));
                } else {
                    decisions.add(new Decision.Delete(copy.snapshot(), expiry));
                }
            }
            VaultCopy newestLive = group.stream().filter(c -> !c.isFailed()).max(VaultCopy.BY_SOURCE_TIME)
                    .orElse(null);
            group.stream().filter(VaultCopy::isFailed)
                    .filter(f -> newestLive != null && VaultCopy.BY_SOURCE_TIME.compare(newestLive, f) > 0
                            || group.stream().anyMatch(c -> c.sourceArn().equals(f.sourceArn())
                            && c.attempt() > f.attempt()))
                    .forEach(f -> decisions.add(new Decision.Delete(f.snapshot(), "copy failed and is superseded")));
        }
        return decisions;
    }

    private static List<RecoveryPoint> recoveryPoints(List<VaultCopy> copies, Instant now) {
        Map<String, VaultCopy> newest = new TreeMap<>();
        copies.stream().filter(c -> c.snapshot().isAvailable() && c.sourceCreatedAt() != null)
                .forEach(c -> newest.merge(c.groupKey(), c, (a, b) -> VaultCopy.NEWEST_FIRST.compare(a, b) <= 0
                        ? a : b));
        return newest.values().stream().map(c -> new RecoveryPoint(c.snapshot().kind(), c.databaseLabel(),
                RecoveryPoint.Coverage.COPIED, c.snapshot(), Duration.between(c.sourceCreatedAt(), now), null))
                .toList();
    }
}
