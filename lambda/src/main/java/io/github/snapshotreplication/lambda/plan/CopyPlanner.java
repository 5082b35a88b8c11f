package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    /** Wait before the second attempt after a failed copy; each further attempt waits four times longer. */
    static final Duration FIRST_RETRY_DELAY = Duration.ofHours(1);
    private static final int RETRY_DELAY_FACTOR = 4;

    private final ReplicationPolicy policy;
    private final TargetIndex target;
    private final Map<String, OptionGroup> optionGroups;
    private final Instant now;
    private final Map<SnapshotKind, Integer> started = new EnumMap<>(SnapshotKind.class);
    private final Map<String, String> startedForDatabase = new HashMap<>();

    CopyPlanner(ReplicationPolicy policy, TargetIndex target, Map<String, OptionGroup> optionGroups, Instant now) {
        this.policy = policy;
        this.target = target;
        this.optionGroups = optionGroups;
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
        Optional<SnapshotArn> parsed = SnapshotArn.parse(source.arn());
        if (parsed.isEmpty()) {
            return new Decision.Rejected(source, "source ARN " + source.arn() + " is not an RDS snapshot ARN");
        }
        SnapshotArn arn = parsed.get();
        String notCopyable = SourceDatabase.whyNotCopyable(source.kind(), source.engine());
        if (notCopyable != null) {
            return new Decision.Skipped(source, "not copied: " + notCopyable);
        }
        List<OwnedCopy> attempts = target.oursOf(arn);
        int attempt = 1;
        Snapshot replaces = null;
        if (!attempts.isEmpty()) {
            OwnedCopy current = attempts.get(attempts.size() - 1);
            if (!current.isFailed()) {
                return new Decision.AlreadyCopied(source, current.snapshot(), "copy " + current.snapshot().identifier()
                        + " exists (" + current.snapshot().status() + ")");
            }
            if (current.attempt() >= TargetIdentifiers.MAX_ATTEMPTS) {
                return new Decision.Rejected(source, "all " + TargetIdentifiers.MAX_ATTEMPTS + " copy attempts failed,"
                        + " the last one is " + current.snapshot().identifier() + " in " + policy.targetRegion()
                        + "; check the RDS events and the KMS keys of both regions, then delete that copy so that the"
                        + " next sweep starts again");
            }
            Instant retryAt = retryAt(current);
            if (now.isBefore(retryAt)) {
                return new Decision.Deferred(source, Decision.Deferred.Wait.RETRY_BACKOFF, "copy "
                        + current.snapshot().identifier() + " failed; attempt " + (current.attempt() + 1)
                        + " starts after " + retryAt);
            }
            attempt = current.attempt() + 1;
            replaces = current.snapshot();
        }
        String targetId = TargetIdentifiers.forSource(policy.copyIdentifierPrefix(), arn, attempt);
        Snapshot taken = target.byIdentifier(source.kind(), targetId);
        if (taken != null) {
            return new Decision.Rejected(source, "identifier " + targetId + " in " + policy.targetRegion()
                    + " is taken by a snapshot that is not this installation's copy of this source; rename or delete"
                    + " that snapshot");
        }
        return decideNewCopy(source, targetId, attempt, replaces);
    }

    private Decision decideNewCopy(Snapshot source, String targetId, int attempt, Snapshot replaces) {
        if (!source.isAvailable()) {
            return new Decision.Deferred(source, Decision.Deferred.Wait.SOURCE_NOT_READY, "source snapshot is "
                    + source.status() + ", not available yet; a later run copies it");
        }
        if (policy.retentionMaxAge() != null && source.createdAt().isBefore(now.minus(policy.retentionMaxAge()))) {
            return new Decision.Skipped(source, "source snapshot is older than " + Settings.RETENTION_MAX_AGE.label()
                    + " " + policy.retentionMaxAge() + ": its copy would be deleted at once");
        }
        String kmsKeyId = null;
        if (source.encrypted()) {
            if (policy.targetKmsKeyArn() == null) {
                return new Decision.Rejected(source, "source snapshot is encrypted but "
                        + Settings.TARGET_KMS_KEY_ARN.label() + " is not set; set it to a KMS key of "
                        + policy.targetRegion());
            }
            kmsKeyId = policy.targetKmsKeyArn();
        }
        StringBuilder reason = new StringBuilder(attempt == 1 ? "no copy in " + policy.targetRegion()
                : "attempt " + attempt + " after the failed copy " + replaces.identifier());
        String optionGroup = null;
        if (source.kind() == SnapshotKind.DB_SNAPSHOT && !OptionGroup.isDefault(source.optionGroupName())
                && !SourceDatabase.isCustomEngine(source.engine())) {
            String name = source.optionGroupName();
            optionGroup = policy.optionGroupMapping().get(name);
            OptionGroup known = optionGroups.get(name);
            if (optionGroup == null && known != null && known.hasPersistentOrPermanent()) {
                return new Decision.Rejected(source, "source option group " + name + " has persistent or permanent"
                        + " options (such as TDE) that a copy must keep; add {\"" + name + "\": \"<option group in "
                        + policy.targetRegion() + ">\"} to " + Settings.OPTION_GROUP_MAPPING.label());
            }
            if (optionGroup == null) {
                reason.append("; option group ").append(name).append(" is not mapped, so a restore of the copy gets")
                        .append(" the default option group of ").append(policy.targetRegion());
            }
        }
        String database = OwnedCopy.groupKey(source.kind(), source.dbIdentifier());
        OwnedCopy running = target.inProgressCopyOf(source.kind(), source.dbIdentifier());
        String busy = running != null ? running.snapshot().identifier() : startedForDatabase.get(database);
        if (busy != null) {
            // RDS queues copies of one database behind each other, each holding a slot; a newer snapshot replaces
            // this one as the candidate by the time the running copy ends.
            return new Decision.Deferred(source, Decision.Deferred.Wait.DATABASE_COPY_IN_PROGRESS, "copy " + busy
                    + " of " + source.dbIdentifier() + " is still in progress; this snapshot waits for it");
        }
        int inFlight = target.inFlight(source.kind()) + started.getOrDefault(source.kind(), 0);
        int slots = policy.copySlots(source.kind());
        if (inFlight >= slots) {
            return new Decision.Deferred(source, Decision.Deferred.Wait.COPY_SLOT, inFlight + " "
                    + plural(source.kind()) + " already in flight into " + policy.targetRegion() + " ("
                    + slotSetting(source.kind()).label() + " is " + slots + "); a follow-up run starts this copy");
        }
        started.merge(source.kind(), 1, Integer::sum);
        startedForDatabase.put(database, targetId);
        CopyTags tags = CopyTags.forCopy(source, policy.replicationId(), now);
        if (tags.dropped() > 0) {
            reason.append("; ").append(tags.dropped()).append(" of the source's tags are not copied (RDS allows ")
                    .append(CopyTags.MAX_TAGS).append(" tags per snapshot, and reserved or empty ones cannot be set)");
        }
        return new Decision.Copy(source, targetId, attempt, kmsKeyId, optionGroup, tags.tags(), replaces,
                reason.toString());
    }

    /** When the attempt after {@code failed} may start: one hour after it started, then four times longer each. */
    private Instant retryAt(OwnedCopy failed) {
        Instant startedAt = failed.copyStartedAt();
        if (startedAt == null) {
            return now;
        }
        Duration delay = FIRST_RETRY_DELAY;
        for (int i = 1; i < failed.attempt(); i++) {
            delay = delay.multipliedBy(RETRY_DELAY_FACTOR);
        }
        return startedAt.plus(delay);
    }

    private static Setting slotSetting(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES
                : Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES;
    }

    private static String plural(SnapshotKind kind) {
        return kind == SnapshotKind.DB_SNAPSHOT ? "DB snapshot copies" : "DB cluster snapshot copies";
    }
}
