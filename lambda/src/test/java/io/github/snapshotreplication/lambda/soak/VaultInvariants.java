package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.MetricNames;
import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.fakerds.ResourceKind;
import io.github.snapshotreplication.lambda.output.RunSummary;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vault account's side of issue 11, checked around every invocation against the fake's ground truth (who created
 * and deleted what in which account, RDS's source fields, what each request named), never against tags: the vault
 * deletes only its own copies, never a look-alike, never the newest available copy of a database nor one younger
 * than VAULT_RETENTION; it copies only what the engine (after the compromise: anyone holding the source account)
 * created in the accepted source account, never what a stranger shares, each source once, with its own key; it shares
 * only its own copies, only with their source account. After a clean vault sweep: every shared copy has its vault
 * copy, every available vault copy has its receipt, retention is applied, every look-alike is reported.
 *
 * <p>"Each source once" is what the hand-over needs: the engine stops sharing a copy once it sees the receipt. It
 * holds because the vault keeps a copy past VAULT_RETENTION while its source is still shared (that copy is the
 * receipt): without the rule, a vault that first copies a source already older than its retention (the vault was
 * down, the engine's copy was late) deletes its copy in the same sweep, the engine never sees the receipt, keeps the
 * copy shared and held, and the vault copies it again every other sweep (the receipt race; the soak's long vault
 * outage provokes it).
 */
final class VaultInvariants {

    private static final Set<String> COPIES = Set.of("CopyDBSnapshot", "CopyDBClusterSnapshot");
    private static final Set<String> DELETES = Set.of("DeleteDBSnapshot", "DeleteDBClusterSnapshot");
    private static final Set<String> SHARES = Set.of("ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute");

    private final FakeRdsServer rds;
    private final SoakVault vault;
    private final Installation engine;
    private final LookAlikes lookAlikes;
    private final Set<String> strangers;
    private final SoakReport report;
    private final Checks checks;
    /** Who created each snapshot ever seen in the source account's target region, by ARN. */
    private final Map<String, String> creators = new HashMap<>();
    /** Every source ARN the vault ever copied, with the key of its copy. */
    private final Map<String, String> copied = new HashMap<>();
    /** The engine's copies of which the vault's own copy was ever seen available, by ARN. */
    private final Set<String> heldAvailable = new HashSet<>();
    private Map<String, Held> before = Map.of();
    private Map<String, Held> sourceBefore = Map.of();
    private int deletionsSeen;
    private String attackerKey;

    VaultInvariants(FakeRdsServer rds, SoakVault vault, Installation engine, LookAlikes lookAlikes,
                    Set<String> strangers, SoakReport report, Checks checks) {
        this.rds = rds;
        this.vault = vault;
        this.engine = engine;
        this.lookAlikes = lookAlikes;
        this.strangers = strangers;
        this.report = report;
        this.checks = checks;
    }

    /**
     * From now on the source account is the attacker's too: what it shares, the vault may copy. The attacker never
     * stops sharing its junk, so the vault keeps its copies of it past VAULT_RETENTION (they are receipts) and,
     * as before the compromise, copying a source a second time is a violation.
     */
    void compromisedBy(String accessKey) {
        attackerKey = accessKey;
    }

    /** The vault account's snapshots as the step starts. */
    Map<String, Held> before() {
        return before;
    }

    /** True when the vault's own copy of the engine's copy {@code arn} was seen available, now or earlier. */
    boolean vaultHeld(String arn) {
        return heldAvailable.contains(arn);
    }

    /** True when the vault ever copied {@code sourceArn}. */
    boolean copiedEver(String sourceArn) {
        return copied.containsKey(sourceArn);
    }

    void beforeStep(Map<String, Held> sourceTarget) {
        sourceBefore = sourceTarget;
        observe(sourceTarget);
        before = Held.all(vault.region);
        observeVault(before);
        deletionsSeen = rds.account(SoakVault.ACCOUNT).deletions().size();
    }

    void afterStep(Map<String, Held> sourceTarget, List<RecordedRequest> requests, Instant now) {
        observe(sourceTarget);
        Map<String, Held> after = Held.all(vault.region);
        List<Deletion> all = rds.account(SoakVault.ACCOUNT).deletions();
        List<Deletion> fresh = List.copyOf(all.subList(deletionsSeen, all.size()));
        deletionsSeen = all.size();
        fresh.forEach(d -> deletion(d, now));
        requests.stream().filter(r -> SoakVault.isEngine(r.accessKeyId())).forEach(this::vaultRequest);
        copies(after);
        survivors(after, fresh);
        observeVault(after);
    }

    private void observe(Map<String, Held> sourceTarget) {
        sourceTarget.values().forEach(h -> creators.putIfAbsent(h.arn(), h.createdBy()));
    }

    private void observeVault(Map<String, Held> vaultNow) {
        for (Held h : vaultNow.values()) {
            if (SoakVault.isEngine(h.createdBy()) && h.sourceArn() != null) {
                copied.putIfAbsent(h.sourceArn(), h.key());
                if (h.available()) {
                    heldAvailable.add(h.sourceArn());
                }
            }
        }
    }

    /** Only the vault deletes in its account, only its own copies, past retention, never a database's newest. */
    private void deletion(Deletion d, Instant now) {
        String key = Held.key(Held.kind(d.kind()), d.identifier());
        Held gone = before.get(key);
        boolean snapshot = d.kind() == ResourceKind.DB_SNAPSHOT || d.kind() == ResourceKind.DB_CLUSTER_SNAPSHOT;
        checks.check(SoakVault.isEngine(d.deletedBy()) && SoakVault.isEngine(d.createdBy()) && snapshot
                && !lookAlikes.contains(key), () -> "in the vault account " + d.deletedBy() + " deleted " + d.kind()
                + " " + d.identifier() + ", created by " + d.createdBy() + " (tags " + d.tags() + ")"
                + (lookAlikes.contains(key) ? "; it is a vault look-alike (" + lookAlikes.kindOf(key) + ")" : ""));
        report.vaultDeletesChecked++;
        checks.check(gone != null, () -> "the vault deleted " + key + ", which was not there when the step began");
        if (!gone.available()) {
            return; // a failed copy, superseded
        }
        Optional<Held> newest = newestAvailable(before, gone.kind(), gone.db());
        checks.check(newest.isPresent() && !newest.get().key().equals(key), () -> "the vault deleted " + gone.id()
                + ", the newest available copy of " + gone.kind() + "/" + gone.db());
        checks.check(gone.takenAt().isBefore(now.minus(vault.retention())), () -> "the vault deleted "
                + gone.id() + ", whose source was taken " + gone.takenAt() + ", younger than VAULT_RETENTION "
                + vault.retention() + " at " + now);
    }

    /** The newest available vault copy of a database, by the time its original was taken (RDS's fields). */
    static Optional<Held> newestAvailable(Map<String, Held> vaultState, SnapshotKind kind, String db) {
        return vaultState.values().stream().filter(h -> SoakVault.isEngine(h.createdBy()) && h.available()
                && h.kind() == kind && db != null && db.equals(h.db())).max(Comparator.comparing(Held::takenAt));
    }

    /**
     * Every mutating request of the vault function: in its region; copies only of what an accepted creator made in
     * the source account, each source once, with its own key; shares only its own copies with their source account;
     * tags only its own copies, with the receipt tag; deletes only its own copies, whether RDS carries it out or not.
     */
    private void vaultRequest(RecordedRequest request) {
        String action = request.action();
        if (action == null || action.startsWith("Describe") || action.equals("ListTagsForResource")) {
            return;
        }
        checks.check(SoakFleet.TARGET.equals(request.region()) && (COPIES.contains(action)
                || DELETES.contains(action) || SHARES.contains(action) || action.equals("AddTagsToResource")),
                () -> "the vault sent " + action + " to " + request.region() + ": " + request.params());
        boolean db = action.contains("DBSnapshot");
        if (COPIES.contains(action)) {
            String source = request.param(db ? "SourceDBSnapshotIdentifier" : "SourceDBClusterSnapshotIdentifier");
            String creator = creators.get(source);
            String key = request.param("KmsKeyId");
            checks.check(creator != null && (engine.is(creator) || creator.equals(attackerKey))
                    && !strangers.contains(source) && (key == null || SoakVault.KMS_KEY.equals(key)),
                    () -> "the vault copied " + source + " (" + (strangers.contains(source) ? "a stranger account's"
                            : creator == null ? "not seen in the source account" : "created by " + creator)
                            + ") with key " + key);
            if (request.succeeded()) {
                report.vaultCopies++;
                String earlier = copied.get(source);
                checks.check(earlier == null, () -> "the vault copied " + source + " again; its copy "
                        + earlier + " existed before, the source is still shared: "
                        + (sourceBefore.values().stream().filter(h -> h.arn().equals(source)).findFirst()
                        .map(h -> h.sharedWith() + ", created by " + h.createdBy()).orElse("(gone)"))
                        + " (the receipt race: see VaultInvariants)");
            }
            return;
        }
        if (action.equals("AddTagsToResource")) {
            Held tagged = before.values().stream().filter(h -> h.arn().equals(request.param("ResourceName")))
                    .findFirst().orElse(null);
            checks.check(tagged != null && SoakVault.isEngine(tagged.createdBy())
                    && request.params().keySet().stream().filter(k -> k.matches("Tags\\.Tag\\.\\d+\\.Key"))
                    .allMatch(k -> TagKeys.RECEIPT.equals(request.params().get(k))),
                    () -> "the vault tagged " + request.param("ResourceName") + ": " + request.params());
            return;
        }
        String id = request.param(db ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier");
        String key = Held.key(db ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT, id);
        Held target = before.get(key);
        checks.check(target != null && SoakVault.isEngine(target.createdBy()) && !lookAlikes.contains(key),
                () -> "the vault sent " + action + " for " + id + ", created by " + (target == null ? "nobody present"
                        : target.createdBy()) + (lookAlikes.contains(key) ? ", a vault look-alike" : ""));
        if (SHARES.contains(action)) {
            report.vaultReceipts += request.succeeded() ? 1 : 0;
            String account = target.sourceArn() == null ? null : target.sourceArn().split(":")[4];
            checks.check(request.params().keySet().stream().noneMatch(k -> k.startsWith("ValuesToRemove"))
                    && request.params().entrySet().stream().filter(e -> e.getKey().startsWith("ValuesToAdd"))
                    .allMatch(e -> e.getValue().equals(account)), () -> "the vault shared " + id + " (copied from "
                    + target.sourceArn() + "): " + request.params());
        }
    }

    /** The vault's copies: named by it, of accepted sources, with its key, its tags, one per source. */
    private void copies(Map<String, Held> after) {
        Map<String, Long> perSource = after.values().stream().filter(h -> SoakVault.isEngine(h.createdBy()))
                .collect(Collectors.groupingBy(h -> String.valueOf(h.sourceArn()), Collectors.counting()));
        perSource.forEach((arn, n) -> checks.check(n == 1, () -> "the vault holds " + n + " copies of " + arn));
        for (Held h : after.values()) {
            if (!SoakVault.isEngine(h.createdBy())) {
                continue;
            }
            String creator = creators.get(h.sourceArn());
            checks.check(h.id().startsWith(SoakVault.prefix() + "-") && creator != null
                    && (engine.is(creator) || creator.equals(attackerKey))
                    && (h.kmsKeyId() == null || SoakVault.KMS_KEY.equals(h.kmsKeyId()))
                    && SoakVault.VAULT_ID.equals(h.tags().get(TagKeys.MANAGED_BY)), () -> "the vault's " + h.id()
                    + " is not its copy of an accepted source: source " + h.sourceArn() + " created by " + creator
                    + ", key " + h.kmsKeyId() + ", tags " + h.tags());
        }
    }

    /** Vault look-alikes are all there; nothing of the vault account vanishes without a deletion on record. */
    private void survivors(Map<String, Held> after, List<Deletion> fresh) {
        for (String key : lookAlikes.alive()) {
            checks.check(after.containsKey(key), () -> "vault look-alike " + key + " (" + lookAlikes.kindOf(key)
                    + ") is gone");
        }
        Set<String> deleted = fresh.stream().map(d -> Held.key(Held.kind(d.kind()), d.identifier()))
                .collect(Collectors.toSet());
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> checks.check(deleted.contains(k),
                () -> "the vault's " + k + " vanished without a deletion on record"));
    }

    /**
     * Right after a vault sweep that ran clean to its end: it completed; every available copy the source account
     * shared with it when the sweep began has a vault copy; every vault copy available then has its receipt; no
     * copy it may delete is left; it reported exactly the snapshots that carry its tag without being its copies.
     */
    void afterCleanSweep(RunSummary summary, Instant now) {
        checks.check(summary.count(MetricNames.SWEEPS_COMPLETED) == 1 && !summary.hasTransientFailures()
                && summary.count(MetricNames.COPY_FAILURES) == 0 && summary.count(MetricNames.DELETE_FAILURES) == 0
                && summary.count(MetricNames.VAULT_SHARE_FAILURES) == 0,
                () -> "a vault sweep without faults did not complete cleanly: " + summary.toJson());
        Map<String, Held> after = Held.all(vault.region);
        Set<String> sources = after.values().stream().filter(h -> SoakVault.isEngine(h.createdBy()))
                .map(Held::sourceArn).collect(Collectors.toSet());
        Set<String> stillShared = new HashSet<>();
        for (Held shared : sourceBefore.values()) {
            if (shared.available() && shared.sharedWith().contains(SoakVault.ACCOUNT)
                    && !shared.automated() && isAccepted(shared)) {
                stillShared.add(shared.arn());
                checks.check(sources.contains(shared.arn()), () -> "after a clean vault sweep, "
                        + shared.id() + " (shared with the vault by " + shared.createdBy() + ") has no vault copy");
            }
        }
        for (Held copy : before.values()) {
            if (SoakVault.isEngine(copy.createdBy()) && copy.available()) {
                Held later = after.get(copy.key());
                String account = copy.sourceArn().split(":")[4];
                checks.check(later == null || later.sharedWith().contains(account)
                        && "sent".equals(later.tags().get(TagKeys.RECEIPT)), () -> "after a clean vault sweep, "
                        + copy.id() + " is not shared back with " + account + " as a receipt");
            }
        }
        Instant oldestKept = now.minus(vault.retention());
        Map<String, List<Held>> groups = after.values().stream().filter(h -> SoakVault.isEngine(h.createdBy())
                && h.available()).collect(Collectors.groupingBy(h -> h.kind() + "/" + h.db()));
        groups.forEach((group, copies) -> copies.stream().sorted(Comparator.comparing(Held::takenAt).reversed())
                .skip(1).filter(c -> !stillShared.contains(c.sourceArn()))
                .forEach(c -> checks.check(!c.takenAt().isBefore(oldestKept), () -> "after a clean vault"
                        + " sweep " + group + " keeps " + c.id() + ", taken " + c.takenAt()
                        + ", past VAULT_RETENTION, and its source is no longer shared")));
        long claimed = before.values().stream().filter(h -> SoakVault.VAULT_ID.equals(h.tags().get(
                TagKeys.MANAGED_BY)) && !SoakVault.isEngine(h.createdBy())).count();
        checks.check(summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS) == claimed, () -> "the vault reported "
                + summary.count(MetricNames.LOOK_ALIKE_SNAPSHOTS) + " look-alikes; " + claimed + " snapshots carry"
                + " its managed-by tag without being created by it");
    }

    /** A shared snapshot the vault must copy: made in the source account by the engine or, later, the attacker. */
    private boolean isAccepted(Held shared) {
        return (engine.is(shared.createdBy()) || shared.createdBy().equals(attackerKey))
                && shared.id().matches("sr[0-9a-f]{8}-.+");
    }
}
