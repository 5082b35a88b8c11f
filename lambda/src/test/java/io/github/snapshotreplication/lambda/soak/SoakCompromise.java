package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.Deletion;
import io.github.snapshotreplication.lambda.engine.TimeBudget;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The end of a run (issue 11 item 5): an attacker holding the source account's credentials, with its own access key,
 * lists every snapshot the account can reach in both regions through the API, stops sharing and deletes every manual
 * one the account owns (waiting for those still being copied), tries the ones other accounts share with it (the
 * vault's receipts, the stranger's) by ARN, and shares junk named like an installation's copies with the vault. The
 * engines run no more. The vault keeps its schedule, faults and all, for twice its retention, time moving in steps of
 * 4 to 24 hours. Then every database that had an available vault copy before the compromise must still
 * have its newest pre-compromise vault copy, by ARN, and the vault must have deleted none of them.
 *
 * <p>The junk is of two kinds: snapshots of databases the attacker restores under new names (new databases to the
 * vault), and a copy of an automated snapshot of a real database of each kind, older than the vault's newest copy of
 * that database. With {@link SoakConfig#junkNewerThanVault()} the attacker also copies the newest automated snapshot
 * of each real database, which the vault takes for a newer copy of it: then, once VAULT_RETENTION has passed, the
 * vault's retention deletes the pre-compromise copy (issue 11 follow-up; not a run {@code mvn verify} makes).
 */
final class SoakCompromise {

    static final String ATTACKER_KEY = "AKIDSOAKATTACKER";
    private static final List<String> REGIONS = List.of(SoakFleet.SOURCE, SoakFleet.TARGET);

    private final SoakWorld w;
    private final SoakReport report;
    private final SoakUser attacker;
    /** Per database (kind/id): the vault's newest copy when the attacker struck. */
    private final Map<String, Held> expected = new TreeMap<>();
    /** The attacker's junk in the target region, by key; its ARN once shared with the vault, else null. */
    private final Map<String, String> junk = new TreeMap<>();
    private Instant start;
    private boolean triedOthers;
    /** Nothing of the account's own is left to delete, and all the junk is shared. */
    private boolean attackerDone;
    private int vaultDeletionsBefore;
    private int counter;

    SoakCompromise(SoakWorld world) {
        this.w = world;
        this.report = world.report;
        world.rds.registerAccessKey(ATTACKER_KEY, SoakFleet.ACCOUNT);
        this.attacker = new SoakUser(world.rds, ATTACKER_KEY);
    }

    void run() {
        try {
            strike();
            Instant end = start.plus(w.vault.retention().multipliedBy(2));
            while (w.clock.instant().isBefore(end)) {
                w.clock.advance(Duration.ofMinutes(4 * 60 + w.random.nextInt(20 * 60)));
                finishDueCopies();
                if (!attackerDone) {
                    attackerActs();
                }
                if (w.vault.due(w.clock.instant())) {
                    vaultSweep(w.faults.arm(0.35));
                }
            }
            vaultSweep(new SoakFaults.Armed(SoakFaults.Kind.NONE, TimeBudget.unlimited()));
            survivors();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + w.config.seed() + ", compromise at " + start + ", now "
                    + w.clock.instant() + ": " + e.getMessage() + "\nengine output of the last invocation:\n"
                    + w.lastOutput(), e);
        }
    }

    /** The vault's newest copies are noted; the attacker makes junk, stops sharing and deletes what it can. */
    private void strike() {
        w.faults.disarm();
        start = w.clock.instant();
        w.invariants.vault().compromisedBy(ATTACKER_KEY);
        vaultDeletionsBefore = w.rds.account(SoakVault.ACCOUNT).deletions().size();
        Map<String, Held> vault = Held.all(w.vault.region);
        for (Held h : vault.values()) {
            if (SoakVault.isEngine(h.createdBy()) && VaultInvariants.newestAvailable(vault, h.kind(), h.db())
                    .isPresent()) {
                expected.merge(h.kind() + "/" + h.db(), h, (a, b) -> a.takenAt().isAfter(b.takenAt()) ? a : b);
            }
        }
        report.compromiseExpected += expected.size();
        makeJunk();
        attackerActs();
    }

    /** Junk named like an installation's copies, of new databases and of real ones. */
    private void makeJunk() {
        for (SnapshotKind kind : SnapshotKind.values()) {
            Held.all(w.target).values().stream().filter(h -> w.engineInstallation.is(h.createdBy())
                    && h.kind() == kind && h.available()).findFirst().ifPresent(this::junkOfANewDatabase);
        }
        Set<SnapshotKind> olderJunk = EnumSet.noneOf(SnapshotKind.class);
        for (SoakFleet.Database db : w.fleet.databases()) {
            if (!db.inScope()) {
                continue;
            }
            List<Held> automated = Held.all(w.source).values().stream().filter(h -> h.automated()
                    && h.kind() == db.kind() && db.id().equals(h.db())).sorted(Comparator.comparing(Held::takenAt))
                    .toList();
            // Older than the vault's newest copy of the database, when the vault has one; one of each kind: the
            // vault copies it again whenever its retention expires it (see the report).
            Held newest = expected.get(db.kind() + "/" + db.id());
            if (newest != null && !automated.isEmpty() && automated.get(0).takenAt().isBefore(newest.takenAt())
                    && olderJunk.add(db.kind())) {
                junkCopy(automated.get(0));
            }
            if (w.config.junkNewerThanVault() && !automated.isEmpty()) {
                junkCopy(automated.get(automated.size() - 1));
            }
        }
    }

    /** A database restored in the target region from the engine's copy under a new name, and its snapshot. */
    private void junkOfANewDatabase(Held copy) {
        String db = "junk-" + ++counter;
        attacker.restore(SoakFleet.TARGET, copy.kind(), copy.id(), db, Map.of());
        String name = w.engineInstallation.prefix() + "-" + db + "-" + ++counter;
        attacker.createSnapshot(SoakFleet.TARGET, copy.kind(), db, name);
        junk.put(Held.key(copy.kind(), name), null);
    }

    /** A source snapshot copied into the target region by the attacker under a name like an installation's copy. */
    private void junkCopy(Held original) {
        String name = w.engineInstallation.prefix() + "-junk-" + original.db() + "-" + ++counter;
        if (attacker.copy(SoakFleet.TARGET, original.kind(), original.arn(), name, SoakFleet.SOURCE,
                original.kmsKeyId() == null ? null : SoakFleet.TARGET_KEY, false, Map.of())) {
            junk.put(Held.key(original.kind(), name), null);
        }
    }

    /**
     * What the attacker does whenever it comes back: lists both regions through the API, tries what others share
     * with the account, stops sharing and deletes every manual snapshot of the account that is not its junk, and
     * shares the junk that is ready.
     */
    private void attackerActs() {
        attackerDone = true;
        for (String region : REGIONS) {
            for (SnapshotKind kind : SnapshotKind.values()) {
                for (SoakUser.Listed s : attacker.list(region, kind)) {
                    String key = Held.key(kind, s.id());
                    if (!s.own() && !triedOthers) {
                        String error = attacker.tryDelete(region, kind, s.arn());
                        w.invariants.check(error != null && error.contains("NotFound"), () -> "the attacker's"
                                + " delete of " + s.arn() + ", shared with the source account, answered " + error);
                        report.attackerRefused++;
                    } else if (!s.own() || !"manual".equals(s.type())) {
                        continue; // tried already; automated (RDS deletes those with their database)
                    } else if (!"available".equals(s.status())) {
                        attackerDone = false; // still being copied: the attacker comes back for it
                    } else if (SoakFleet.TARGET.equals(region) && junk.containsKey(key)) {
                        shareJunk(kind, s, key);
                    } else {
                        attacker.share(region, kind, s.id(), SoakVault.ACCOUNT, false);
                        String error = attacker.tryDelete(region, kind, s.id());
                        w.invariants.check(error == null, () -> "the attacker could not delete " + s.id() + ": "
                                + error);
                        report.attackerDeletes++;
                    }
                }
            }
        }
        triedOthers = true;
        attackerDone &= !junk.containsValue(null);
    }

    private void shareJunk(SnapshotKind kind, SoakUser.Listed s, String key) {
        if (junk.get(key) == null) {
            String error = attacker.share(SoakFleet.TARGET, kind, s.id(), SoakVault.ACCOUNT, true);
            w.invariants.check(error == null, () -> "the attacker could not share " + s.id() + ": " + error);
            junk.put(key, s.arn());
            report.junkShared++;
        }
    }

    /** RDS finishes what is due in the source account's target region (copies) and in the vault account. */
    private void finishDueCopies() {
        Instant now = w.clock.instant();
        report.copiesCompleted += SoakConvergence.finishDue(w.target, now, SoakConvergence.COPY_TIME);
        report.vaultCopiesCompleted += w.vault.finishDueCopies(now);
    }

    /** One scheduled vault sweep under {@code fault}, checked by the vault's invariants. */
    private void vaultSweep(SoakFaults.Armed fault) {
        report.compromiseSweeps++;
        w.invokeVaultOnly(() -> w.vault.sweep(fault.budget()), summary -> {
            w.faults.disarm();
            if (fault.clean()) {
                w.invariants.vault().afterCleanSweep(summary, w.clock.instant());
            }
        });
    }

    /** Every database's newest pre-compromise vault copy is there and available; the vault deleted none of them. */
    private void survivors() {
        Map<String, Held> vault = Held.all(w.vault.region);
        expected.forEach((db, copy) -> {
            Held now = vault.get(copy.key());
            w.invariants.check(now != null && now.available(), () -> "the vault's newest copy of " + db
                    + " before the compromise, " + copy.arn() + " (source taken " + copy.takenAt() + "), is "
                    + (now == null ? "gone" : now.status()) + " " + Duration.between(start, w.clock.instant())
                    .toDays() + " days later; the vault now holds of " + db + ": " + holdings(vault, copy));
            report.compromiseSurvivors++;
        });
        List<Deletion> all = w.rds.account(SoakVault.ACCOUNT).deletions();
        for (Deletion d : all.subList(vaultDeletionsBefore, all.size())) {
            String key = Held.key(Held.kind(d.kind()), d.identifier());
            w.invariants.check(expected.values().stream().noneMatch(h -> h.key().equals(key)), () -> "the vault"
                    + " deleted " + d.identifier() + ", the newest copy of its database before the compromise");
            report.compromiseVaultDeletes++;
        }
        report.junkCopied += junk.values().stream().filter(arn -> arn != null
                && w.invariants.vault().copiedEver(arn)).count();
        report.compromiseDays += Duration.between(start, w.clock.instant()).toDays();
    }

    private static List<String> holdings(Map<String, Held> vault, Held copy) {
        List<String> held = new ArrayList<>();
        vault.values().stream().filter(h -> h.kind() == copy.kind() && copy.db().equals(h.db()))
                .sorted(Comparator.comparing(Held::takenAt)).forEach(h -> held.add(h.id() + " (" + h.status()
                        + ", taken " + h.takenAt() + ", by " + h.createdBy() + ")"));
        return held;
    }

}
