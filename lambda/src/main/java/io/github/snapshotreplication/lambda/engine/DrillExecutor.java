package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.aws.RdsDrillGateway;
import io.github.snapshotreplication.lambda.output.DrillRecorder;
import io.github.snapshotreplication.lambda.plan.drill.DrillAction;
import io.github.snapshotreplication.lambda.plan.drill.DrillFailure;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;
import io.github.snapshotreplication.lambda.plan.drill.DrillPolicy;
import io.github.snapshotreplication.lambda.plan.drill.TargetDatabase;

import java.util.List;
import java.util.Set;

/**
 * Carries out a drill plan, step by step, each step on its own: a failed call is logged and the run goes on, and the
 * next run decides again from what RDS shows. A finished drill's outcome is written to the ledger before any of its
 * databases is deleted, and if that write fails nothing is deleted, so no outcome is lost and none counted twice.
 */
final class DrillExecutor {

    /** What RDS answers a delete of a database in a state that forbids it, deleting included. */
    private static final Set<String> INVALID_STATE_CODES = Set.of("InvalidDBInstanceState",
            "InvalidDBClusterStateFault");

    private final RdsDrillGateway rds;
    private final DrillPolicy policy;
    private final boolean dryRun;

    DrillExecutor(RdsDrillGateway rds, DrillPolicy policy, boolean dryRun) {
        this.rds = rds;
        this.policy = policy;
        this.dryRun = dryRun;
    }

    void execute(DrillPlan plan, DrillRecorder recorder, TimeBudget budget) {
        List<DrillAction> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            DrillAction action = actions.get(i);
            if (!(action instanceof DrillAction.Wait) && budget.isLow()) {
                recorder.stoppedEarly(actions.size() - i);
                return;
            }
            if (dryRun) {
                recorder.step(action, "drill_planned");
                continue;
            }
            if (action instanceof DrillAction.WriteLedger l) {
                writeLedger(l, recorder);
            } else if (action instanceof DrillAction.Restore r) {
                restore(r, recorder);
            } else if (action instanceof DrillAction.Refuse r) {
                refuse(r, recorder);
            } else if (action instanceof DrillAction.CreateClusterInstance c) {
                createClusterInstance(c, recorder);
            } else if (action instanceof DrillAction.Finish f) {
                finish(f, recorder);
            } else if (action instanceof DrillAction.Cleanup c) {
                delete(c, c.deletes(), recorder);
            } else {
                recorder.step(action, "drill_waiting");
            }
        }
    }

    private void restore(DrillAction.Restore restore, DrillRecorder recorder) {
        try {
            rds.restore(restore, policy);
            recorder.step(restore, "drill_restore_started");
        } catch (RdsCallException e) {
            if (e.isTransient() || DrillFailure.meansCopyGone(e.errorCode())
                    || e.failure() == RdsCallException.Failure.ALREADY_EXISTS) {
                // Throttled, the copy went away under us (retention), or a run alongside started this drill: the
                // next run decides again from what RDS shows.
                recorder.failed(restore, "drill_restore_deferred", e.getMessage(), e.errorCode(), e.isTransient());
                return;
            }
            refuse(new DrillAction.Refuse(restore.dbIdentifier(), restore.copy(), restore.identifier(), refusal(e),
                    restore.refusedLedger()), recorder);
        }
    }

    /** Records a drill that ended before it started: its ledger first, then its outcome. */
    private void refuse(DrillAction.Refuse refuse, DrillRecorder recorder) {
        try {
            rds.tag(refuse.copy().arn(), refuse.ledger());
        } catch (RdsCallException e) {
            // Nothing was created: counting the failure now and asking again next round costs nothing.
            recorder.failed(refuse, "drill_ledger_failed", e.getMessage(), e.errorCode(), e.isTransient());
        }
        recorder.refused(refuse);
    }

    private void createClusterInstance(DrillAction.CreateClusterInstance create, DrillRecorder recorder) {
        try {
            rds.createClusterInstance(create);
            recorder.step(create, "drill_instance_created");
        } catch (RdsCallException e) {
            if (e.isTransient() || e.failure() == RdsCallException.Failure.ALREADY_EXISTS) {
                recorder.failed(create, "drill_instance_deferred", e.getMessage(), e.errorCode(), e.isTransient());
                return;
            }
            // A cluster without an instance proves nothing: the drill failed for the reason RDS gives.
            finish(create.ifRefused().withOutcome(refusal(e)), recorder);
        }
    }

    private static DrillAction.Outcome refusal(RdsCallException e) {
        return DrillAction.Outcome.failed(DrillFailure.ofError(e.errorCode(), e.getMessage()),
                List.of(e.getMessage()), null);
    }

    private void finish(DrillAction.Finish finish, DrillRecorder recorder) {
        if (finish.ledgerCopy() != null && !finish.ledgerTags().isEmpty()) {
            try {
                rds.tag(finish.ledgerCopy().arn(), finish.ledgerTags());
            } catch (RdsCallException e) {
                if (!finish.pastCap()) {
                    // Without the outcome in the ledger the next run would check the drill again: keep its databases.
                    recorder.failed(finish, "drill_ledger_failed", "the outcome of " + finish.drill().label()
                            + " could not be recorded, so its databases are kept for the next run: "
                            + e.getMessage(), e.errorCode(), e.isTransient());
                    return;
                }
                recorder.failed(finish, "drill_ledger_failed", "the outcome of " + finish.drill().label()
                        + " could not be recorded; its databases are past the maximum drill duration and deleted"
                        + " anyway: " + e.getMessage(), e.errorCode(), e.isTransient());
                // Without the ledger, only the deletes mark the drill as ended: count it once they all went through,
                // or the next run, which finishes it again, counts it.
                if (delete(finish, finish.deletes(), recorder)) {
                    recorder.outcome(finish);
                }
                return;
            }
        }
        recorder.outcome(finish);
        delete(finish, finish.deletes(), recorder);
    }

    /** @return true when every database is deleted, being deleted or gone */
    private boolean delete(DrillAction action, List<TargetDatabase> databases, DrillRecorder recorder) {
        boolean all = true;
        for (TargetDatabase database : databases) {
            try {
                rds.delete(database);
                recorder.deleted(action, database);
            } catch (RdsCallException e) {
                if (e.failure() == RdsCallException.Failure.NOT_FOUND || isAlreadyBeingDeleted(database, e)) {
                    continue;
                }
                all = false;
                recorder.failed(action, "drill_cleanup_failed", database.label() + " could not be deleted; the next"
                        + " run tries again: " + e.getMessage(), e.errorCode(), e.isTransient());
            }
        }
        return all;
    }

    /** RDS refuses to delete what it is deleting already (a run alongside did): that is done, not a failure. */
    private boolean isAlreadyBeingDeleted(TargetDatabase database, RdsCallException e) {
        if (!INVALID_STATE_CODES.contains(e.errorCode())) {
            return false;
        }
        try {
            return rds.statusOf(database).map("deleting"::equals).orElse(true);
        } catch (RdsCallException describe) {
            return false;
        }
    }

    private void writeLedger(DrillAction.WriteLedger write, DrillRecorder recorder) {
        try {
            rds.tag(write.copy().arn(), write.tags());
            recorder.step(write, "ledger_written");
        } catch (RdsCallException e) {
            recorder.failed(write, "drill_ledger_failed", e.getMessage(), e.errorCode(), e.isTransient());
        }
    }
}
