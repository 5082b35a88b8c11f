package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Synth-time checks of {@link CrossRegionSnapshotReplicationProps}: every independent problem is gathered, then one
 * {@link IllegalArgumentException} names each prop, the value it got and the fix. Unresolved tokens are not checked.
 *
 * <p>One mistake gives one message: a check that depends on another value (the target key's region on the target
 * region) runs only when that value passed its own check, so a wrong region is not followed by wrong advice about
 * the key. Soft findings (a region name aws-cdk-lib does not know, checks an environment-agnostic stack cannot run)
 * become warnings with stable ids.
 */
final class PropsValidator extends PropChecks {

    static final String UNKNOWN_TARGET_REGION = "snapshot-replication:unknown-target-region";

    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");

    private PropsValidator(Construct construct) {
        super(construct);
    }

    /**
     * Checks the props against the stack of {@code construct}, and adds the warnings to {@code construct}.
     *
     * @param construct the construct being defined
     * @param props     the props
     * @throws IllegalArgumentException listing every problem found
     */
    static void validate(Construct construct, CrossRegionSnapshotReplicationProps props) {
        PropsValidator v = new PropsValidator(construct);
        boolean targetRegionUsable = v.checkTargetRegion(props.getTargetRegion());
        v.checkTargetKey(props.getTargetKey(), props.getTargetRegion(), targetRegionUsable);
        v.checkLogKey(props.getLogEncryptionKey());
        v.warnIfEnvironmentAgnostic(props);
        v.checkSetting(Settings.RETENTION_KEEP_LAST, props.getRetentionKeepLast());
        v.checkSetting(Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES, props.getMaxConcurrentDbSnapshotCopies());
        v.checkSetting(Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES, props.getMaxConcurrentClusterSnapshotCopies());
        v.checkSetting(Settings.RETENTION_MAX_AGE, props.getRetentionMaxAge());
        v.checkLimits(props);
        v.checkNetwork(props);
        v.checkVaultAccount(props.getVaultAccount());
        v.checkRecoveryPointAgeThreshold(props.getRecoveryPointAgeThreshold());
        v.checkPatterns("includeDbIdentifiers", props.getIncludeDbIdentifiers());
        v.checkPatterns("excludeDbIdentifiers", props.getExcludeDbIdentifiers());
        v.checkContradiction(props.getIncludeDbIdentifiers(), props.getExcludeDbIdentifiers());
        v.checkMap("sourceTagFilter", props.getSourceTagFilter(), 128, 256);
        v.checkMap("optionGroupMapping", props.getOptionGroupMapping(), 255, 255);
        if (props.getRestoreDrill() != null) {
            new RestoreDrillChecks(v).check(props.getRestoreDrill());
        }
        v.finish(construct, "CrossRegionSnapshotReplicationProps");
    }

    /** @return whether the target region is a known-shaped value that checks of the target key may rely on */
    private boolean checkTargetRegion(String targetRegion) {
        if (Token.isUnresolved(targetRegion)) {
            return false;
        }
        if (!REGION.matcher(targetRegion).matches()) {
            problems.add("targetRegion must be a region name like eu-central-1 (got '" + targetRegion + "')");
            return false;
        }
        if (!isKnownRegion(targetRegion)) {
            warnings.put(UNKNOWN_TARGET_REGION, "targetRegion '" + targetRegion + "' is not a region this"
                    + " aws-cdk-lib knows: check the spelling; if the region is newer than the library, acknowledge"
                    + " this warning");
        }
        if (stackRegion == null) {
            return true;
        }
        if (targetRegion.equals(stackRegion)) {
            problems.add("targetRegion must differ from the stack region (got " + targetRegion
                    + "); pick another region to copy snapshots to");
            return false;
        }
        String targetPartition = partitionOf(targetRegion);
        String sourcePartition = partitionOf(stackRegion);
        if (targetPartition != null && sourcePartition != null && !targetPartition.equals(sourcePartition)) {
            problems.add("targetRegion must be in the partition of the stack region " + stackRegion + " ("
                    + sourcePartition + "), but " + targetRegion + " is in " + targetPartition
                    + "; snapshots cannot be copied between partitions");
            return false;
        }
        return true;
    }

    private void checkTargetKey(IKey key, String targetRegion, boolean targetRegionUsable) {
        if (!isPlainKey("targetKey", key)) {
            return;
        }
        String region = regionOf(key);
        if (targetRegionUsable && region != null && !region.equals(targetRegion)) {
            problems.add("targetKey must be a key in targetRegion " + targetRegion + " (got a key in " + region
                    + "); import the key of " + targetRegion + " with Key.fromKeyArn");
        }
    }

    private void warnIfEnvironmentAgnostic(CrossRegionSnapshotReplicationProps props) {
        if (stackRegion != null) {
            return;
        }
        List<String> skipped = new ArrayList<>(List.of("that targetRegion differs from the source region",
                "that both regions are in one partition"));
        if (props.getLogEncryptionKey() != null) {
            skipped.add("that logEncryptionKey is a key of the source region");
        }
        warnings.put(ENVIRONMENT_AGNOSTIC, "the stack has no region (environment-agnostic), so synth cannot check "
                + String.join(", nor ", skipped) + "; give the stack an env with account and region to check them");
    }

    private void checkVaultAccount(String vaultAccount) {
        if (vaultAccount == null || Token.isUnresolved(vaultAccount)) {
            return;
        }
        if (!ACCOUNT.matcher(vaultAccount).matches()) {
            problems.add("vaultAccount must be a 12-digit AWS account id (got '" + vaultAccount + "')");
        } else if (vaultAccount.equals(stackAccount)) {
            problems.add("vaultAccount must be another account than the stack's (got " + vaultAccount + "): a vault"
                    + " protects copies from the loss of this account; remove vaultAccount to keep copies here");
        }
    }

    private void checkContradiction(List<String> include, List<String> exclude) {
        Set<String> included = new HashSet<>();
        include.forEach(p -> included.add(p.toLowerCase(Locale.ROOT)));
        for (String pattern : exclude) {
            if (!Token.isUnresolved(pattern) && included.contains(pattern.toLowerCase(Locale.ROOT))) {
                problems.add("includeDbIdentifiers and excludeDbIdentifiers both contain '" + pattern
                        + "'; exclude wins, so remove it from one of them");
            }
        }
    }
}
