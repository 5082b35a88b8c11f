package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.fakerds.RecordedRequest;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source side of the hand-over to the vault (issue 11), from the fake's ground truth: the engine deletes one of
 * its copies only once the vault's own copy of it has been available (seen in the vault account, created with the
 * vault's key, RDS's source field naming the copy); it shares only its own available copies, only with the vault
 * account, tags them only with the vault tag, and shares nothing else. It also tells the retention check which
 * copies the engine may still keep for the vault: those whose receipt it has not seen.
 */
final class HandOverInvariants {

    static final Set<String> ACTIONS = Set.of("ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute",
            "AddTagsToResource");

    private final Installation engine;
    private final VaultInvariants vault;
    private final SoakReport report;
    private final Checks checks;
    private Map<String, Held> before = Map.of();

    HandOverInvariants(Installation engine, VaultInvariants vault, SoakReport report, Checks checks) {
        this.engine = engine;
        this.vault = vault;
        this.report = report;
        this.checks = checks;
    }

    void beforeStep(Map<String, Held> target) {
        before = target;
    }

    void afterStep(Map<String, Held> target, List<Deletion> fresh, List<RecordedRequest> requests) {
        fresh.stream().filter(d -> engine.is(d.deletedBy())).forEach(this::deletion);
        requests.stream().filter(r -> engine.is(r.accessKeyId()) && ACTIONS.contains(r.action()))
                .forEach(this::handOverRequest);
        for (Held h : target.values()) {
            if (!h.sharedWith().isEmpty()) {
                checks.check(engine.is(h.createdBy()) && h.sharedWith().equals(List.of(SoakVault.ACCOUNT)),
                        () -> h.id() + ", created by " + h.createdBy() + ", is shared with " + h.sharedWith());
            }
        }
    }

    /** The engine's delete of an available copy: the vault's own copy of it was available, now or before. */
    private void deletion(Deletion d) {
        Held gone = before.get(Held.key(Held.kind(d.kind()), d.identifier()));
        if (gone == null || !gone.available()) {
            return; // SafetyInvariants: it was the engine's own; a failed copy needs no vault copy
        }
        checks.check(vault.vaultHeld(gone.arn()), () -> "the engine deleted " + gone.id() + " before the vault"
                + " account held an available copy of it (vault snapshots copied from it: "
                + vault.before().values().stream().filter(v -> gone.arn().equals(v.sourceArn()))
                .map(v -> v.id() + " " + v.status() + " by " + v.createdBy()).toList() + ")");
        boolean present = vault.before().values().stream().anyMatch(v -> SoakVault.isEngine(v.createdBy())
                && v.available() && gone.arn().equals(v.sourceArn()));
        if (present) {
            report.handOverDeletesWithVaultCopy++;
        } else {
            report.handOverDeletesAfterVaultExpiry++;
        }
    }

    /** Shares and tags of the engine: its own available copies, the vault account only, the vault tag only. */
    private void handOverRequest(RecordedRequest request) {
        if (request.action().equals("AddTagsToResource")) {
            Held tagged = before.values().stream().filter(h -> h.arn().equals(request.param("ResourceName")))
                    .findFirst().orElse(null);
            checks.check(tagged != null && engine.is(tagged.createdBy()) && request.params().entrySet().stream()
                    .filter(e -> e.getKey().matches("Tags\\.Tag\\.\\d+\\.Key"))
                    .allMatch(e -> TagKeys.VAULT.equals(e.getValue())), () -> "the engine tagged "
                    + request.param("ResourceName") + " (created by " + (tagged == null ? "nobody present"
                    : tagged.createdBy()) + "): " + request.params());
            return;
        }
        boolean db = request.action().equals("ModifyDBSnapshotAttribute");
        String id = request.param(db ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier");
        Held shared = before.get(Held.key(db ? SnapshotKind.DB_SNAPSHOT : SnapshotKind.DB_CLUSTER_SNAPSHOT, id));
        checks.check(shared != null && engine.is(shared.createdBy()) && shared.available()
                && request.params().entrySet().stream().filter(e -> e.getKey().startsWith("ValuesTo"))
                .allMatch(e -> SoakVault.ACCOUNT.equals(e.getValue())), () -> "the engine sent "
                + request.action() + " for " + id + " (created by " + (shared == null ? "nobody present"
                : shared.createdBy() + ", " + shared.status()) + "): " + request.params());
        if (request.succeeded() && request.params().keySet().stream().anyMatch(k -> k.startsWith("ValuesToAdd"))) {
            report.vaultShares++;
        }
    }

    /**
     * For the retention check right after a clean sweep: true when the engine may still keep {@code copy} for the
     * vault, because no receipt for it was there when the sweep began and it never noted one.
     */
    boolean mayHold(Held copy) {
        boolean receipt = vault.before().values().stream().anyMatch(v -> SoakVault.isEngine(v.createdBy())
                && v.available() && copy.arn().equals(v.sourceArn()) && v.sharedWith().contains(SoakFleet.ACCOUNT));
        return !receipt && !"received".equals(copy.tags().get(TagKeys.VAULT));
    }
}
