package io.github.snapshotreplication.lambda.plan.vault;

import io.github.snapshotreplication.lambda.plan.OwnershipTags;
import io.github.snapshotreplication.lambda.plan.Snapshot;
import io.github.snapshotreplication.lambda.plan.SnapshotArn;
import io.github.snapshotreplication.lambda.plan.TargetIdentifiers;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether a snapshot of the vault account is the vault's own copy, from the same kinds of facts as the source side:
 * a manual snapshot of the vault's region whose RDS source field names a snapshot that an accepted source account
 * owns in this region (a cross-account copy, docs/aws-references.md#o1, #o3), named with the identifier the vault
 * derives for that source, and carrying the vault's managed-by tag. Other snapshots with the vault's tag are
 * look-alikes: never deleted, reported.
 */
final class VaultProof {

    /** The verdict on one snapshot. */
    sealed interface Verdict {
    }

    /** The vault's own copy. */
    record Ours(VaultCopy copy) implements Verdict {
    }

    /** Carries the vault's managed-by tag but is not its copy. */
    record LookAlike(String reason) implements Verdict {
    }

    /** Makes no claim. */
    record NotOurs() implements Verdict {
    }

    private final VaultPolicy policy;

    VaultProof(VaultPolicy policy) {
        this.policy = policy;
    }

    Verdict judge(Snapshot snapshot) {
        Optional<OwnershipTags> tags = snapshot.ownershipTags().filter(t -> policy.vaultId().equals(t.managedBy()));
        if (tags.isEmpty()) {
            return new NotOurs();
        }
        if (!snapshot.isManual()) {
            return lookAlike("it is an " + snapshot.snapshotType() + " snapshot");
        }
        Optional<SnapshotArn> self = SnapshotArn.parse(snapshot.arn());
        Optional<SnapshotArn> source = SnapshotArn.parse(snapshot.sourceSnapshotArn())
                .filter(a -> a.kind() == snapshot.kind());
        if (self.isEmpty() || source.isEmpty()) {
            return lookAlike("RDS names no cross-account source for it");
        }
        SnapshotArn from = source.get();
        if (!from.region().equals(policy.region()) || !policy.sourceAccounts().contains(from.accountId())
                || from.accountId().equals(self.get().accountId())) {
            return lookAlike("RDS says it was copied from " + from + ", not from a snapshot an accepted source account"
                    + " shares in " + policy.region());
        }
        OptionalInt attempt = TargetIdentifiers.attemptOf(policy.copyIdentifierPrefix(), from, snapshot.identifier());
        if (attempt.isEmpty()) {
            return lookAlike("its identifier is not the one the vault gives a copy of " + from);
        }
        String db = snapshot.dbIdentifier() != null ? snapshot.dbIdentifier() : tags.get().sourceDbIdentifier();
        Instant taken = snapshot.originalCreatedAt() != null ? snapshot.originalCreatedAt()
                : tags.get().sourceCreatedAt();
        return new Ours(new VaultCopy(snapshot, from, db, attempt.getAsInt(), taken, tags.get().copyStartedAt()));
    }

    private static LookAlike lookAlike(String why) {
        return new LookAlike("carries the vault's managed-by tag but is not its copy: " + why);
    }
}
