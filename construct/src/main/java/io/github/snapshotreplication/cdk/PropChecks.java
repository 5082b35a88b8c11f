package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Setting;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.kms.IAlias;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The synth-time checks both props validators share: problems are gathered and thrown once, naming each prop, the
 * value it got and the fix; soft findings become warnings with stable ids. Unresolved tokens are never checked.
 */
abstract class PropChecks {

    static final String ENVIRONMENT_AGNOSTIC = "snapshot-replication:environment-agnostic";

    static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");
    /** DB identifiers are letters, digits and hyphens; the engine's globs add only {@code *} and {@code ?}. */
    private static final Pattern GLOB = Pattern.compile("^[A-Za-z0-9*?-]{1,63}$");
    private static final Pattern KEY_ARN = Pattern.compile("^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+$");

    /** The stack's region, or {@code null} when it is a token (environment-agnostic stack). */
    final String stackRegion;
    /** The stack's account, or {@code null} when it is a token. */
    final String stackAccount;
    final List<String> problems = new ArrayList<>();
    final Map<String, String> warnings = new LinkedHashMap<>();

    PropChecks(Construct construct) {
        Stack stack = Stack.of(construct);
        this.stackRegion = Token.isUnresolved(stack.getRegion()) ? null : stack.getRegion();
        this.stackAccount = Token.isUnresolved(stack.getAccount()) ? null : stack.getAccount();
    }

    /**
     * Throws every problem found in one exception, or adds the warnings to {@code construct}.
     *
     * @param construct the construct being defined
     * @param propsName the props class, named in the message
     */
    final void finish(Construct construct, String propsName) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + propsName + ":\n  - " + String.join("\n  - ", problems));
        }
        warnings.forEach((id, message) -> Annotations.of(construct).addWarningV2(id, message));
    }

    /** Memory and concurrency of the function. */
    final void checkLimits(FunctionOptions options) {
        checkRange("memorySize", options.getMemorySize(), 128, 10240, "Lambda memory is 128 to 10240 MiB");
        if (options.getReservedConcurrentExecutions() != null) {
            checkRange("reservedConcurrentExecutions", options.getReservedConcurrentExecutions(), 1,
                    Integer.MAX_VALUE, "0 would throttle every invocation; leave it unset to reserve nothing");
        }
    }

    /** The log key: a key, not an alias, of the stack's region. */
    final void checkLogKey(IKey key) {
        checkKeyInStackRegion("logEncryptionKey", key, "CloudWatch Logs only uses keys of its own region");
    }

    /** A key, not an alias, of the stack's region when both regions are known. */
    final void checkKeyInStackRegion(String prop, IKey key, String why) {
        if (!isPlainKey(prop, key)) {
            return;
        }
        String region = regionOf(key);
        if (stackRegion != null && region != null && !region.equals(stackRegion)) {
            problems.add(prop + " must be a key in the stack region " + stackRegion + " (got a key in " + region
                    + "); " + why);
        }
    }

    /** {@code vpcSubnets} and {@code securityGroups} need {@code vpc}; an empty list of groups is a mistake. */
    final void checkNetwork(FunctionOptions options) {
        if (options.getVpc() == null) {
            if (options.getVpcSubnets() != null) {
                problems.add("vpcSubnets needs vpc: set vpc to the VPC of those subnets, or remove vpcSubnets");
            }
            if (options.getSecurityGroups() != null) {
                problems.add("securityGroups needs vpc: set vpc to the VPC of those groups, or remove"
                        + " securityGroups");
            }
        } else if (options.getSecurityGroups() != null && options.getSecurityGroups().isEmpty()) {
            problems.add("securityGroups must not be empty; leave it unset to get a security group that allows"
                    + " outbound HTTPS only");
        }
    }

    /** The recovery-point alarm is evaluated hourly, so a threshold below an hour cannot be met. */
    final void checkRecoveryPointAgeThreshold(Duration threshold) {
        checkMinimum("recoveryPointAgeThreshold", threshold, Duration.hours(1), "the alarm is evaluated hourly");
    }

    /** @return whether {@code key} is set and may be checked further: a key, not an alias or a malformed ARN */
    final boolean isPlainKey(String prop, IKey key) {
        if (key == null) {
            return false;
        }
        if (key instanceof IAlias) {
            problems.add(prop + " must be a KMS key, not an alias: IAM statements and log groups cannot name an"
                    + " alias; import the key with Key.fromKeyArn");
            return false;
        }
        String arn = key.getKeyArn();
        if (!Token.isUnresolved(arn) && !KEY_ARN.matcher(arn).matches()) {
            problems.add(prop + " must be a KMS key ARN like arn:aws:kms:eu-central-1:123456789012:key/<id>, not an"
                    + " alias or key id (got '" + arn + "')");
            return false;
        }
        return true;
    }

    final void checkSetting(Setting setting, Number value) {
        if (!Token.isUnresolved(value)) {
            setting.checkWholeNumber(setting.prop(), value.doubleValue()).ifPresent(problems::add);
        }
    }

    final void checkSetting(Setting setting, Duration value) {
        if (value != null && !value.isUnresolved()) {
            setting.checkDuration(setting.prop(), value.toSeconds().doubleValue(), value.toHumanString())
                    .ifPresent(problems::add);
        }
    }

    final void checkRange(String prop, Number value, int min, int max, String why) {
        if (Token.isUnresolved(value)) {
            return;
        }
        double d = value.doubleValue();
        if (d < min || d > max || d != Math.rint(d)) {
            String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                    : "a whole number between " + min + " and " + max;
            problems.add(prop + " must be " + range + " (got " + value + "): " + why);
        }
    }

    final void checkMinimum(String prop, Duration value, Duration min, String why) {
        if (value == null || value.isUnresolved()) {
            return;
        }
        if (value.toSeconds().doubleValue() < min.toSeconds().doubleValue()) {
            problems.add(prop + " must be at least " + min.toHumanString() + " (got " + value.toHumanString()
                    + "): " + why);
        }
    }

    /** Identifier globs of the engine: letters, digits, hyphens, {@code *} and {@code ?}. */
    final void checkPatterns(String prop, List<String> patterns) {
        for (String pattern : patterns) {
            if (!Token.isUnresolved(pattern) && !GLOB.matcher(pattern).matches()) {
                problems.add(prop + " pattern '" + pattern + "' may only contain letters, digits, hyphens and the"
                        + " wildcards * and ? (1 to 63 characters)");
            }
        }
    }

    /** Tag filters and mappings: keys and values within RDS's lengths. */
    final void checkMap(String prop, Map<String, String> map, int maxKey, int maxValue) {
        map.forEach((key, value) -> {
            if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
                return;
            }
            if (key.isBlank() || key.length() > maxKey) {
                problems.add(prop + " key '" + key + "' must be 1 to " + maxKey + " characters");
            }
            if (value.length() > maxValue || ("optionGroupMapping".equals(prop) && value.isBlank())) {
                problems.add(prop + " value '" + value + "' of key '" + key + "' must be at most " + maxValue
                        + " characters" + ("optionGroupMapping".equals(prop) ? " and not blank" : ""));
            }
        });
    }

    /** Region of a key when synth knows it: its environment's region, which import methods take from the ARN. */
    static String regionOf(IKey key) {
        String region = key.getEnv().getRegion();
        return region == null || Token.isUnresolved(region) ? null : region;
    }

    static boolean isKnownRegion(String region) {
        return RegionInfo.getRegions().stream().anyMatch(r -> r.getName().equals(region));
    }

    /** @return the partition of a region aws-cdk-lib knows, or {@code null} for a name it does not know */
    static String partitionOf(String region) {
        return isKnownRegion(region) ? RegionInfo.get(region).getPartition() : null;
    }
}
