package io.github.snapshotreplication.lambda.engine;

import io.github.snapshotreplication.contract.TagKeys;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.aws.RdsSnapshotGateway;
import io.github.snapshotreplication.lambda.plan.Decision;
import io.github.snapshotreplication.lambda.plan.OwnershipProof;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.output.RunRecorder;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Carries out a plan in the target region: copies first, then deletes. One action's failure never stops the
 * others; each outcome is recorded. Copy and delete are idempotent, so a rerun after a cut-off converges.
 */
final class PlanExecutor {

    private final String region;
    private final String presignFrom;
    private final BiPredicate<Snapshot, String> isOwnCopyOf;
    private final RdsSnapshotGateway target;
    private final boolean dryRun;

    /** The executor of a replication: cross-region copies presigned in the source region. */
    PlanExecutor(ReplicationPolicy policy, RdsSnapshotGateway target, boolean dryRun) {
        this(policy.targetRegion(), policy.sourceRegion(), target, dryRun, new OwnershipProof(policy)::isCopyOf);
    }

    /**
     * An executor acting in {@code region}.
     *
     * @param presignFrom the region of cross-region sources (the SDK presigns there), or {@code null}: same-region
     * @param isOwnCopyOf whether a snapshot is proven to be this installation's copy of a source ARN
     */
    PlanExecutor(String region, String presignFrom, RdsSnapshotGateway target, boolean dryRun,
                 BiPredicate<Snapshot, String> isOwnCopyOf) {
        this.region = region;
        this.presignFrom = presignFrom;
        this.target = target;
        this.dryRun = dryRun;
        this.isOwnCopyOf = isOwnCopyOf;
    }

    /** Carries out the plan; returns how many actions were not started because time ran low. */
    int execute(Plan plan, RunRecorder recorder, TimeBudget budget) {
        int notStarted = 0;
        for (Decision decision : plan.decisions()) {
            boolean acts = decision instanceof Decision.Copy || decision instanceof Decision.Delete
                    || decision instanceof Decision.ShareWithVault || decision instanceof Decision.StopSharingWithVault
                    || decision instanceof Decision.SendReceipt;
            if (!acts || dryRun) {
                recorder.planned(decision);
            } else if (budget.isLow()) {
                recorder.notStarted(decision);
                notStarted++;
            } else if (decision instanceof Decision.Copy copy) {
                copy(copy, recorder);
            } else if (decision instanceof Decision.ShareWithVault share) {
                shareWithVault(share.snapshot(), share.vaultAccount(), true, decision, recorder);
            } else if (decision instanceof Decision.StopSharingWithVault stop) {
                shareWithVault(stop.snapshot(), stop.vaultAccount(), false, decision, recorder);
            } else if (decision instanceof Decision.SendReceipt receipt) {
                sendReceipt(receipt, recorder);
            } else {
                delete((Decision.Delete) decision, recorder);
            }
        }
        return notStarted;
    }

    private void copy(Decision.Copy copy, RunRecorder recorder) {
        try {
            recorder.copyStarted(copy, target.copy(copy, presignFrom));
            if (copy.replaces() != null) {
                // Only once the retry has started: the failed copy holds the attempt count until then.
                delete(new Decision.Delete(copy.replaces(), "copy failed; replaced by attempt " + copy.attempt()
                        + ", " + copy.targetIdentifier()), recorder);
            }
        } catch (RdsCallException e) {
            switch (e.failure()) {
                case ALREADY_EXISTS -> alreadyExists(copy, e, recorder);
                case KMS_KEY_NOT_ACCESSIBLE -> recorder.copyFailed(copy, "KMS key " + copy.kmsKeyId()
                        + " in " + region + " cannot be used: the Lambda role needs kms:CreateGrant and"
                        + " kms:DescribeKey on it, and on the source key " + copy.snapshot().kmsKeyId()
                        + "; check both key policies and that the keys are enabled (" + e.getMessage() + ")",
                        e.errorCode(), false);
                case QUOTA_EXCEEDED -> recorder.copyFailed(copy, "the manual snapshot quota of "
                        + region + " is reached: every manual snapshot of the region counts, copies"
                        + " included. Request a higher 'Manual DB instance snapshots' or 'Manual DB cluster snapshots'"
                        + " quota in Service Quotas, or delete manual snapshots that are no longer needed. Nothing is"
                        + " deleted to make room (" + e.getMessage() + ")", e.errorCode(), false);
                case COPY_SLOTS_FULL -> recorder.copyDeferredByRds(copy, "RDS refused the copy: its cross-region"
                        + " copy slots into " + region + " are full (copies of other tools count);"
                        + " a follow-up run starts it (" + e.getMessage() + ")", false);
                case QUOTA_UNCLEAR -> recorder.copyDeferredByRds(copy, "RDS refused the copy with a quota error that"
                        + " names neither of its causes: too many copies in progress into " + region
                        + " (a follow-up run retries) or the manual snapshot quota (raise it in Service Quotas)"
                        + " (" + e.getMessage() + ")", true);
                default -> recorder.copyFailed(copy, e.getMessage(), e.errorCode(), e.isTransient());
            }
        }
    }

    /** The identifier is taken: success when the snapshot there is our copy of this source, an error otherwise. */
    private void alreadyExists(Decision.Copy copy, RdsCallException cause, RunRecorder recorder) {
        Optional<Snapshot> existing;
        try {
            existing = target.describeSnapshot(copy.snapshot().kind(), copy.targetIdentifier());
        } catch (RdsCallException e) {
            recorder.copyFailed(copy, "copy target exists, and describing it failed: " + e.getMessage(),
                    e.errorCode(), e.isTransient());
            return;
        }
        boolean ours = existing.filter(s -> isOwnCopyOf.test(s, copy.snapshot().arn())).isPresent();
        if (ours) {
            recorder.copyAlreadyPresent(copy, "copy " + copy.targetIdentifier() + " already exists ("
                    + existing.get().status() + ")");
        } else {
            recorder.copyFailed(copy, "identifier " + copy.targetIdentifier() + " in " + region
                    + " is taken by a snapshot that is not this installation's copy of " + copy.snapshot().arn()
                    + "; rename or delete it (" + cause.getMessage() + ")", cause.errorCode(), false);
        }
    }

    /** Shares a copy with the vault account or stops sharing it, then notes the state on the copy. */
    private void shareWithVault(Snapshot copy, String vaultAccount, boolean share, Decision decision,
                                RunRecorder recorder) {
        try {
            target.setShared(copy, vaultAccount, share);
            target.tag(copy, TagKeys.VAULT, share ? "shared" : "received");
            recorder.vaultShared(decision, share);
        } catch (RdsCallException e) {
            recorder.vaultShareFailed(decision, (share ? "sharing " : "no longer sharing ") + copy.identifier()
                    + " with the vault account " + vaultAccount + " failed; the copy is kept and the next sweep tries"
                    + " again: " + e.getMessage(), e.errorCode(), e.isTransient());
        }
    }

    /** The vault shares its copy back with the source account, then notes it on the copy. */
    private void sendReceipt(Decision.SendReceipt receipt, RunRecorder recorder) {
        try {
            target.setShared(receipt.snapshot(), receipt.sourceAccount(), true);
            target.tag(receipt.snapshot(), TagKeys.RECEIPT, "sent");
            recorder.vaultShared(receipt, true);
        } catch (RdsCallException e) {
            recorder.vaultShareFailed(receipt, "sharing the receipt " + receipt.snapshot().identifier() + " with "
                    + receipt.sourceAccount() + " failed; the source account keeps its copy until the next sweep"
                    + " sends it: " + e.getMessage(), e.errorCode(), e.isTransient());
        }
    }

    private void delete(Decision.Delete delete, RunRecorder recorder) {
        try {
            target.delete(delete.snapshot());
            recorder.deleted(delete);
        } catch (RdsCallException e) {
            if (e.failure() == RdsCallException.Failure.NOT_FOUND) {
                recorder.deleted(delete);
            } else if (e.failure() == RdsCallException.Failure.INVALID_STATE
                    && "failed".equals(delete.snapshot().status())) {
                // The API documents deletes of available snapshots only (docs/aws-references.md#o9): a failed copy
                // that RDS keeps is reported, not counted as a failure on every sweep; retries use new identifiers.
                recorder.deleteRefused(delete, "RDS does not delete the failed copy " + delete.snapshot().identifier()
                        + "; it counts against the manual snapshot quota until deleted in the console ("
                        + e.getMessage() + ")");
            } else {
                recorder.deleteFailed(delete, e.getMessage(), e.errorCode(), e.isTransient());
            }
        }
    }
}
