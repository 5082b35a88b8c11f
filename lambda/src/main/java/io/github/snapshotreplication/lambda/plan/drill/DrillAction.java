package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One step the drill planner decided on; the engine carries it out, or only logs it in a dry run. */
public sealed interface DrillAction {

    /** The source database the step is for; {@code null} for a drill whose tag is gone. */
    String dbIdentifier();

    /**
     * Ask RDS to restore a database's newest copy into a drill database.
     *
     * @param kind          DB snapshot (a DB instance is restored) or cluster snapshot (a DB cluster)
     * @param dbIdentifier  the source database
     * @param copy          the copy to restore
     * @param identifier    the drill database's identifier
     * @param instanceClass the class of the DB instance (Aurora: of the instance created later)
     * @param tags          every tag of the drill database, the drill tag first
     * @param refusedLedger the ledger to write on the copy if RDS refuses the restore for good: the drill then
     *                      ended, failed, without a database
     */
    record Restore(SnapshotKind kind, String dbIdentifier, Snapshot copy, String identifier, String instanceClass,
                   Map<String, String> tags, Map<String, String> refusedLedger) implements DrillAction {
    }

    /**
     * End a drill before it starts, failed: RDS refused its restore for good, or it cannot be asked (no instance
     * class for the engine). Its ledger is written, nothing is created.
     *
     * @param dbIdentifier the source database
     * @param copy         the copy that would have been restored, which carries the ledger
     * @param identifier   the drill database's identifier
     * @param outcome      the failure
     * @param ledger       the ledger to write on the copy
     */
    record Refuse(String dbIdentifier, Snapshot copy, String identifier, Outcome outcome, Map<String, String> ledger)
            implements DrillAction {
    }

    /**
     * Add the DB instance to an Aurora drill's cluster, now available.
     *
     * @param drill         the drill
     * @param identifier    the instance's identifier (the cluster's: instances and clusters are named apart)
     * @param engine        the cluster's engine
     * @param instanceClass its class
     * @param tags          its tags: the cluster's drill tags
     * @param ifRefused     how to finish the drill if RDS refuses the instance for good (with the refusal as its
     *                      outcome): the cluster alone proves nothing
     */
    record CreateClusterInstance(Drill drill, String identifier, String engine, String instanceClass,
                                 Map<String, String> tags, Finish ifRefused) implements DrillAction {
        @Override
        public String dbIdentifier() {
            return drill.dbIdentifier();
        }
    }

    /**
     * Nothing to do yet: RDS is still working on the drill's databases.
     *
     * @param drill  the drill
     * @param status what RDS says, e.g. {@code db-cluster x creating}
     */
    record Wait(Drill drill, String status) implements DrillAction {
        @Override
        public String dbIdentifier() {
            return drill.dbIdentifier();
        }
    }

    /**
     * Record a drill's outcome, then delete its databases. The outcome goes into the ledger on the database's
     * newest copy first: once written, a later run treats whatever is left of the drill as finished and only deletes
     * it, so an outcome is counted once and a lost delete is retried.
     *
     * @param drill      the drill
     * @param outcome    passed or failed, and why
     * @param ledgerCopy the copy that carries the ledger, or {@code null} when the database has none left
     * @param ledgerTags the ledger tags to write on it
     * @param deletes    the drill's databases to delete, instances first
     * @param pastCap    true when the drill is older than the maximum duration: its databases are deleted even if
     *                   the ledger cannot be written, as the cap bounds what a drill may cost
     */
    record Finish(Drill drill, Outcome outcome, Snapshot ledgerCopy, Map<String, String> ledgerTags,
                  List<TargetDatabase> deletes, boolean pastCap) implements DrillAction {
        @Override
        public String dbIdentifier() {
            return drill.dbIdentifier();
        }

        /** The same finish with another outcome. */
        public Finish withOutcome(Outcome other) {
            return new Finish(drill, other, ledgerCopy, ledgerTags, deletes, pastCap);
        }
    }

    /**
     * Delete what is left of a drill whose outcome is already recorded.
     *
     * @param drill   the drill
     * @param deletes its databases not yet being deleted, instances first
     */
    record Cleanup(Drill drill, List<TargetDatabase> deletes) implements DrillAction {
        @Override
        public String dbIdentifier() {
            return drill.dbIdentifier();
        }
    }

    /**
     * Write a database's drill ledger on its newest copy: a round's request, or history carried to a newer copy.
     *
     * @param kind         the source database's kind
     * @param dbIdentifier the source database
     * @param copy         its newest available copy
     * @param tags         the ledger tags the copy lacks
     * @param why          {@code round} or {@code carry-forward}
     */
    record WriteLedger(SnapshotKind kind, String dbIdentifier, Snapshot copy, Map<String, String> tags, String why)
            implements DrillAction {
    }

    /**
     * How a drill ended.
     *
     * @param passed          true when every database came up and every check passed
     * @param cause           why it failed, or {@code null}
     * @param problems        what failed, in words
     * @param restoreDuration from the restore request until every database was up; {@code null} when they never were
     */
    record Outcome(boolean passed, DrillFailure cause, List<String> problems, Duration restoreDuration) {

        /** Copies the list. */
        public Outcome {
            problems = List.copyOf(problems);
        }

        static Outcome passed(Duration restoreDuration) {
            return new Outcome(true, null, List.of(), restoreDuration);
        }

        /** A failed drill. */
        public static Outcome failed(DrillFailure cause, List<String> problems, Duration restoreDuration) {
            return new Outcome(false, cause, problems, restoreDuration);
        }
    }
}
