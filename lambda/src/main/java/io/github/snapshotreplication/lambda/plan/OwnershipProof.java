package io.github.snapshotreplication.lambda.plan;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides whether a snapshot of the target region is this installation's copy, from facts that tags cannot carry.
 *
 * <p>A snapshot is ours only if all hold: it is a manual snapshot of the target region; RDS's own source field
 * ({@code SourceDBSnapshotIdentifier} for DB snapshots, {@code SourceDBClusterSnapshotArn} for cluster snapshots)
 * names a snapshot of the source region in the same account, and for DB snapshots {@code SourceRegion} agrees;
 * its identifier is one this installation derives for that source ({@link TargetIdentifiers}); and its managed-by
 * tag is this installation's id. A missing field means "not ours". Anything else that carries our managed-by tag is
 * a look-alike: a user's copy of a copy (same-region copies carry no cross-region source), a database restored from
 * a copy and its snapshots (docs/aws-references.md#o1, #o3, #o8). Look-alikes are never deleted, never counted as a
 * copy, and reported.
 */
public final class OwnershipProof {

    /** The verdict on one snapshot. */
    sealed interface Verdict {
    }

    /** Proven to be this installation's copy. */
    record Ours(OwnedCopy copy) implements Verdict {
    }

    /** Carries this installation's managed-by tag but is not its copy. */
    record LookAlike(Snapshot snapshot, String reason) implements Verdict {
    }

    /** Makes no claim to be this installation's copy. */
    record NotOurs() implements Verdict {
    }

    private static final NotOurs NOT_OURS = new NotOurs();

    private final ReplicationPolicy policy;

    /** A proof for this installation's policy. */
    public OwnershipProof(ReplicationPolicy policy) {
        this.policy = policy;
    }

    /** True when {@code snapshot} is proven to be this installation's copy of {@code sourceArn}. */
    public boolean isCopyOf(Snapshot snapshot, String sourceArn) {
        return judge(snapshot) instanceof Ours o && o.copy().sourceArn().value().equals(sourceArn);
    }

    Verdict judge(Snapshot snapshot) {
        Optional<OwnershipTags> claim = snapshot.ownershipTags()
                .filter(t -> policy.replicationId().equals(t.managedBy()));
        if (claim.isEmpty()) {
            return NOT_OURS;
        }
        if (!snapshot.isManual()) {
            return lookAlike(snapshot, "it is an " + snapshot.snapshotType() + " snapshot, e.g. of a database restored"
                    + " from a copy: copies are manual snapshots");
        }
        Optional<SnapshotArn> self = SnapshotArn.parse(snapshot.arn());
        if (self.isEmpty() || !policy.targetRegion().equals(self.get().region())) {
            return lookAlike(snapshot, "it is not a snapshot of " + policy.targetRegion());
        }
        Optional<SnapshotArn> source = SnapshotArn.parse(snapshot.sourceSnapshotArn())
                .filter(arn -> arn.kind() == snapshot.kind());
        if (source.isEmpty()) {
            return lookAlike(snapshot, "RDS names no cross-region source for it ("
                    + (snapshot.kind() == SnapshotKind.DB_SNAPSHOT ? "SourceDBSnapshotIdentifier"
                    : "SourceDBClusterSnapshotArn") + " is " + snapshot.sourceSnapshotArn()
                    + "): it is not a cross-region copy, e.g. a copy made inside " + policy.targetRegion());
        }
        SnapshotArn from = source.get();
        if (!policy.sourceRegion().equals(from.region()) || !self.get().accountId().equals(from.accountId())) {
            return lookAlike(snapshot, "RDS says it was copied from " + from
                    + ", not from a snapshot of this account in "
                    + policy.sourceRegion());
        }
        if (snapshot.kind() == SnapshotKind.DB_SNAPSHOT && !policy.sourceRegion().equals(snapshot.sourceRegion())) {
            return lookAlike(snapshot, "RDS gives its SourceRegion as " + snapshot.sourceRegion() + ", not "
                    + policy.sourceRegion());
        }
        OptionalInt attempt = TargetIdentifiers.attemptOf(policy.copyIdentifierPrefix(), from,
                snapshot.identifier());
        if (attempt.isEmpty()) {
            return lookAlike(snapshot, "its identifier is not the one this installation gives a copy of " + from
                    + " (" + TargetIdentifiers.forSource(policy.copyIdentifierPrefix(), from) + ")");
        }
        OwnershipTags tags = claim.get();
        String db = snapshot.dbIdentifier() != null ? snapshot.dbIdentifier() : tags.sourceDbIdentifier();
        // A DB snapshot's OriginalSnapshotCreateTime is RDS's record of when the source was taken (#o4); cluster
        // snapshots have no such field, so the tag written at copy time is used.
        Instant sourceCreatedAt = snapshot.originalCreatedAt() != null ? snapshot.originalCreatedAt()
                : tags.sourceCreatedAt();
        return new Ours(new OwnedCopy(snapshot, from, db, attempt.getAsInt(), sourceCreatedAt, tags.copyStartedAt()));
    }

    private static LookAlike lookAlike(Snapshot snapshot, String why) {
        return new LookAlike(snapshot, "carries this installation's managed-by tag but is not its copy: " + why);
    }
}
