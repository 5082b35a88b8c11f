package io.github.snapshotreplication.lambda.plan;

import java.util.Map;

/**
 * One decision of the planner about one snapshot, with the reason in words an operator understands.
 */
public sealed interface Decision {

    /** The snapshot the decision is about: a source snapshot for copies, a copy for retention. */
    Snapshot snapshot();

    /** Why: shown in the log line and in the {@code plan} command. */
    String reason();

    /**
     * Start a cross-region copy.
     *
     * @param snapshot         the source snapshot
     * @param targetIdentifier identifier of the copy in the target region
     * @param attempt          1 for a first copy, more for a retry after a failed copy
     * @param kmsKeyId         target-region key for an encrypted source, else {@code null}
     * @param optionGroupName  target option group for a mapped source option group, else {@code null}
     * @param tags             every tag of the copy, ownership tags first ({@link CopyTags})
     * @param replaces         this installation's failed copy to delete once this copy has started, or {@code null}
     * @param reason           why
     */
    record Copy(Snapshot snapshot, String targetIdentifier, int attempt, String kmsKeyId, String optionGroupName,
                Map<String, String> tags, Snapshot replaces, String reason) implements Decision {
    }

    /**
     * Delete an expired copy made by this installation.
     *
     * @param snapshot the copy in the target region
     * @param reason   the retention rule that expired it
     */
    record Delete(Snapshot snapshot, String reason) implements Decision {
    }

    /**
     * The target region already holds a copy of this source snapshot (or one is in flight).
     *
     * @param snapshot the source snapshot
     * @param copy     the existing copy
     * @param reason   why
     */
    record AlreadyCopied(Snapshot snapshot, Snapshot copy, String reason) implements Decision {
    }

    /**
     * A copy that waits for a later run.
     *
     * @param snapshot the source snapshot
     * @param waitsFor what it waits for
     * @param reason   why
     */
    record Deferred(Snapshot snapshot, Wait waitsFor, String reason) implements Decision {

        /** What a deferred copy waits for. */
        public enum Wait {
            /** A cross-region copy slot of its kind: the backlog. */
            COPY_SLOT,
            /** The copy of an earlier snapshot of the same database, which RDS would queue this one behind. */
            DATABASE_COPY_IN_PROGRESS,
            /** The source snapshot to become available. */
            SOURCE_NOT_READY,
            /** The backoff after a failed copy attempt. */
            RETRY_BACKOFF
        }
    }

    /**
     * A copy that cannot be made until someone fixes the configuration or the target region.
     *
     * @param snapshot the source snapshot
     * @param reason   what is wrong and what to change
     */
    record Rejected(Snapshot snapshot, String reason) implements Decision {
    }

    /**
     * A snapshot named by an event that is not copied (out of scope, of a type not copied, itself a copy).
     *
     * @param snapshot the source snapshot
     * @param reason   why
     */
    record Skipped(Snapshot snapshot, String reason) implements Decision {
    }

    /**
     * A snapshot of the target region that carries this installation's managed-by tag but is not its copy
     * ({@link OwnershipProof}): never deleted, never counted as a copy, reported on every sweep.
     *
     * @param snapshot the look-alike
     * @param reason   which fact of ownership it lacks
     */
    record LookAlike(Snapshot snapshot, String reason) implements Decision {
    }

    /**
     * Share an available copy with the vault account, which copies it into its own account.
     *
     * @param snapshot     this installation's copy
     * @param vaultAccount the vault account
     * @param reason       why
     */
    record ShareWithVault(Snapshot snapshot, String vaultAccount, String reason) implements Decision {
    }

    /**
     * Stop sharing a copy with the vault account: the vault's own copy of it exists.
     *
     * @param snapshot     this installation's copy
     * @param vaultAccount the vault account
     * @param reason       why
     */
    record StopSharingWithVault(Snapshot snapshot, String vaultAccount, String reason) implements Decision {
    }

    /**
     * A vault's receipt: share the vault's available copy back with the account it came from, which sees RDS name
     * its own copy as the source and stops keeping it for the vault. The account can copy nothing it could not before:
     * the vault's key is not shared.
     *
     * @param snapshot      the vault's copy
     * @param sourceAccount the account whose shared copy it was made from
     * @param reason        why
     */
    record SendReceipt(Snapshot snapshot, String sourceAccount, String reason) implements Decision {
    }

    /**
     * An expired copy that retention keeps for now (a newer copy of the database is still in progress).
     *
     * @param snapshot the copy in the target region
     * @param reason   why it is kept
     */
    record Kept(Snapshot snapshot, String reason) implements Decision {
    }
}
