package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.Settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for each candidate source snapshot, whether to copy it now, later, never, or not at all because a copy
 * exists. Candidates are decided in the order given; the in-flight quota is filled in that order.
 */
final class CopyPlanner {

    private final ReplicationPolicy policy;
    private final TargetIndex target;
    private final Instant now;
    private final Map<SnapshotKind, Integer> started = new EnumMap<>(SnapshotKind.class);

    CopyPlanner(ReplicationPolicy policy, TargetIndex target, Instant now) {
        this.policy = policy;
        this.target = target;
        this.now = now;
    }

    List<Decision> decide(List<Snapshot> candidates) {
        List<Decision> decisions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Snapshot candidate : candidates) {
            if (seen.add(candidate.arn())) {
                decisions.add(decide(candidate));
            }
        }
        return decisions;
    }

    private Decision decide(Snapshot source) {
        Optional<SnapshotArn> arn = SnapshotArn.parse(source.arn());
        if (arn.isEmpty()) {
            return new Decision.Rejected(source, "source ARN " + source.arn() + " is not an RDS snapshot ARN");
        }
        Decision existing = existingCopy(source, arn.get());
        if (existing != null) {
            return existing;
        }
        if (!source.isAvailable()) {
            return new Decision.Deferred(source, "source snapshot is " + source.status()
                    + ", not available yet; a later sweep copies it");
        }
        if (policy.retentionMaxAge() != null && source.createdAt().isBefore(now.minus(policy.retentionMaxAge()))) {
            return new Decision.Skipped(source, "source snapshot is older than RETENTION_MAX_AGE "
                    + policy.retentionMaxAge() + ": its copy would be deleted at once");
        }
        String kmsKeyId = null;
        if (source.encrypted()) {
            if (policy.targetKmsKeyArn() == null) {
                return new Decision.Rejected(source, "source snapshot is encrypted but "
                        + Settings.TARGET_KMS_KEY_ARN.label() + " is not set; set it to the ARN of a KMS key in "
                        + policy.targetRegion());
            }
            kmsKeyId = policy.targetKmsKeyArn();
        }
        String optionGroup = null;
        if (source.kind() == SnapshotKind.DB_SNAPSHOT && isCustomOptionGroup(source.optionGroupName())) {
            optionGroup = policy.optionGroupMapping().get(source.optionGroupName());
            if (optionGroup == null) {
                return new Decision.Rejected(source, "source option group " + source.optionGroupName()
                        + " has no entry in " + Settings.OPTION_GROUP_MAPPING.label() + "; add {\""
                        + source.optionGroupName() + "\": \"<option group in " + policy.targetRegion() + ">\"}");
            }
        }
        int inFlight = target.inFlight(source.kind()) + started.getOrDefault(source.kind(), 0);
        if (inFlight >= policy.maxConcurrentCopies()) {
            return new Decision.Deferred(source, inFlight + " " + plural(source.kind()) + " already in flight into "
                    + policy.targetRegion() + " (" + Settings.MAX_CONCURRENT_COPIES.label() + " is "
                    + policy.maxConcurrentCopies() + "); a later sweep starts this copy");
        }
        started.merge(source.kind(), 1, Integer::sum);
        return new Decision.Copy(source, TargetIdentifiers.forSource(arn.get()), kmsKeyId, optionGroup,
                Ownership.tagsFor(source, policy.replicationId()), "no copy in " + policy.targetRegion());
    }

    /** A decision when the target region already holds something for this source, else {@code null}. */
    private Decision existingCopy(Snapshot source, SnapshotArn arn) {
        for (Snapshot copy : target.copiesOf(source.arn())) {
            Ownership owner = copy.ownership().orElseThrow();
            if (!policy.replicationId().equals(owner.managedBy())) {
                continue;
            }
            if ("failed".equals(copy.status())) {
                return new Decision.Rejected(source, "the earlier copy " + copy.identifier()
                        + " failed; delete it in " + policy.targetRegion() + " so that the next sweep copies again");
            }
            return new Decision.AlreadyCopied(source, copy, "copy " + copy.identifier() + " exists ("
                    + copy.status() + ")");
        }
        String targetId = TargetIdentifiers.forSource(arn);
        Snapshot taken = target.byIdentifier(source.kind(), targetId);
        if (taken != null) {
            return new Decision.Rejected(source, "identifier " + targetId + " in " + policy.targetRegion()
                    + " is taken by a snapshot that is not a copy of this source made by replication "
                    + policy.replicationId() + "; rename or delete that snapshot");
        }
        return null;
    }

    private static boolean isCustomOptionGroup(String name) {
        return name != null && !name.isBlank() && !name.startsWith("default:");
    }

    private static String plural(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? "DB snapshot copies" : "DB cluster snapshot copies";
    }
}
