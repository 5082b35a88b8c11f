package io.github.snapshotreplication.lambda.config;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;

/**
 * Reads {@link ReplicationSettings} from environment variables, collecting every problem before failing.
 */
final class SettingsParser {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern KMS_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:(key|alias)/.+");
    /** Characters RDS accepts in a tag value. */
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    SettingsParser(Map<String, String> env) {
        this.env = env;
    }

    ReplicationSettings parse() {
        ReplicationSettings settings = parseReplication();
        throwIfProblems();
        return settings;
    }

    DrillSettings parseDrill() {
        ReplicationSettings replication = parseReplication();
        String subnetGroup = required(Settings.DRILL_SUBNET_GROUP.variable(), Settings.DRILL_SUBNET_GROUP.label(),
                "name the DB subnet group of the target region the drill databases go into");
        if (subnetGroup != null && !Settings.DRILL_SUBNET_GROUP.format().accepts(subnetGroup)) {
            problems.add(Settings.DRILL_SUBNET_GROUP.label() + " must be "
                    + Settings.DRILL_SUBNET_GROUP.format().description() + " (got '" + subnetGroup + "')");
        }
        List<String> securityGroups = securityGroups(Settings.DRILL_SECURITY_GROUPS);
        Map<String, String> classes = new LinkedHashMap<>(Settings.DEFAULT_DRILL_INSTANCE_CLASSES);
        classes.putAll(stringMap(Settings.DRILL_INSTANCE_CLASSES));
        int maxConcurrent = integer(Settings.DRILL_MAX_CONCURRENT);
        Duration maxDuration = durationOrDefault(Settings.DRILL_MAX_DURATION);
        Integer perRound = value(Settings.DRILL_DATABASES_PER_ROUND.variable()) == null ? null
                : integer(Settings.DRILL_DATABASES_PER_ROUND);
        List<String> databases = stringList(Settings.DRILL_DB_IDENTIFIERS);
        Map<String, String> tagFilter = stringMap(Settings.DRILL_SOURCE_TAG_FILTER);
        Duration window = durationOrDefault(Settings.DRILL_SUCCESS_WINDOW);
        throwIfProblems();
        return new DrillSettings(replication, subnetGroup, securityGroups, classes, maxConcurrent, maxDuration,
                perRound, databases, tagFilter, window);
    }

    private void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private ReplicationSettings parseReplication() {
        String source = region(Settings.AWS_REGION, Settings.AWS_REGION,
                "the Lambda runtime sets it; when running plan locally, export it");
        String target = region(Settings.TARGET_REGION.variable(), Settings.TARGET_REGION.label(),
                "set it to the region the copies go to, e.g. eu-central-1");
        if (source != null && source.equals(target)) {
            problems.add(Settings.TARGET_REGION.label() + " must differ from " + Settings.AWS_REGION + " (both are "
                    + source + "); pick another region");
        }
        String kmsKey = kmsKey(target);
        String replicationId = required(Settings.REPLICATION_ID.variable(), Settings.REPLICATION_ID.label(),
                "set it to a name for this installation, e.g. orders-dr");
        if (replicationId != null && !TAG_VALUE.matcher(replicationId).matches()) {
            problems.add(Settings.REPLICATION_ID.label() + " must be " + Settings.REPLICATION_ID.format().description()
                    + " (got '" + replicationId + "')");
        }
        boolean aurora = bool(Settings.INCLUDE_AURORA);
        boolean manual = bool(Settings.COPY_MANUAL_SNAPSHOTS);
        boolean dryRun = bool(Settings.DRY_RUN);
        boolean replicas = bool(Settings.INCLUDE_READ_REPLICAS);
        int keepLast = integer(Settings.RETENTION_KEEP_LAST);
        int dbCopies = integer(Settings.MAX_CONCURRENT_DB_SNAPSHOT_COPIES);
        int clusterCopies = integer(Settings.MAX_CONCURRENT_CLUSTER_SNAPSHOT_COPIES);
        String followUpRule = resourceName(Settings.FOLLOW_UP_RULE_NAME);
        String vaultAccount = account(Settings.VAULT_ACCOUNT);
        Duration maxAge = duration(Settings.RETENTION_MAX_AGE);
        List<String> include = stringList(Settings.INCLUDE_DB_IDENTIFIERS);
        List<String> exclude = stringList(Settings.EXCLUDE_DB_IDENTIFIERS);
        Map<String, String> tagFilter = stringMap(Settings.SOURCE_TAG_FILTER);
        Map<String, String> optionGroups = stringMap(Settings.OPTION_GROUP_MAPPING);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ReplicationSettings(source, target, kmsKey, replicationId, aurora, manual, keepLast, maxAge,
                include, exclude, tagFilter, optionGroups, dbCopies, clusterCopies, dryRun, replicas, followUpRule,
                vaultAccount);
    }

    VaultSettings parseVault() {
        String region = region(Settings.AWS_REGION, Settings.AWS_REGION,
                "the Lambda runtime sets it; when running plan locally, export it");
        String vaultId = required(Settings.REPLICATION_ID.variable(), Settings.REPLICATION_ID.label(),
                "set it to a name for this vault, e.g. orders-vault");
        if (vaultId != null && !TAG_VALUE.matcher(vaultId).matches()) {
            problems.add(Settings.REPLICATION_ID.label() + " must be " + Settings.REPLICATION_ID.format().description()
                    + " (got '" + vaultId + "')");
        }
        List<String> accounts = accounts(Settings.VAULT_SOURCE_ACCOUNTS);
        if (accounts.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(
                Settings.VAULT_SOURCE_ACCOUNTS.label()))) {
            problems.add(Settings.VAULT_SOURCE_ACCOUNTS.label() + " is not set; name the accounts whose copies this"
                    + " vault accepts");
        }
        String key = kmsKeyIn(Settings.VAULT_KMS_KEY_ARN, region);
        if (key == null && problems.stream().noneMatch(p -> p.startsWith(Settings.VAULT_KMS_KEY_ARN.label()))) {
            problems.add(Settings.VAULT_KMS_KEY_ARN.label() + " is not set; the vault encrypts its copies with its"
                    + " own key");
        }
        boolean aurora = bool(Settings.INCLUDE_AURORA);
        boolean dryRun = bool(Settings.DRY_RUN);
        Duration retention = durationOrDefault(Settings.VAULT_RETENTION);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new VaultSettings(region, vaultId, accounts, key, aurora, retention, dryRun);
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String required(String variable, String label, String fix) {
        String v = value(variable);
        if (v == null) {
            problems.add(label + " is not set; " + fix);
        }
        return v;
    }

    private String region(String variable, String label, String fix) {
        String v = required(variable, label, fix);
        if (v != null && !REGION.matcher(v).matches()) {
            problems.add(label + " must be " + Setting.Format.REGION.description() + " (got '" + v + "')");
            return null;
        }
        return v;
    }

    private String kmsKey(String targetRegion) {
        return kmsKeyIn(Settings.TARGET_KMS_KEY_ARN, targetRegion);
    }

    private String kmsKeyIn(Setting setting, String targetRegion) {
        String v = value(setting.variable());
        if (v == null) {
            return null;
        }
        var m = KMS_ARN.matcher(v);
        if (!m.matches()) {
            problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + v + "')");
        } else if (targetRegion != null && !m.group(1).equals(targetRegion)) {
            problems.add(setting.label() + " must be a key in " + targetRegion + " (got a key in " + m.group(1)
                    + "); KMS keys cannot be used across regions");
        }
        return v;
    }

    private String account(Setting setting) {
        String v = value(setting.variable());
        if (v != null && !ACCOUNT.matcher(v).matches()) {
            problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + v + "')");
            return null;
        }
        return v;
    }

    private List<String> accounts(Setting setting) {
        List<String> accounts = stringList(setting);
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + account
                        + "')");
                return List.of();
            }
        }
        return accounts;
    }

    private String resourceName(Setting setting) {
        String v = value(setting.variable());
        if (v != null && !RESOURCE_NAME.matcher(v).matches()) {
            problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + v + "')");
            return null;
        }
        return v;
    }

    private boolean bool(Setting setting) {
        String v = value(setting.variable());
        if (v == null) {
            return setting.defaultBoolean();
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(setting.label() + " must be true or false (got '" + v + "')");
                yield setting.defaultBoolean();
            }
        };
    }

    private int integer(Setting setting) {
        String v = value(setting.variable());
        if (v == null) {
            return setting.defaultInt();
        }
        try {
            long n = Long.parseLong(v);
            var problem = setting.checkWholeNumber(setting.label(), n);
            if (problem.isEmpty()) {
                return (int) n;
            }
            problems.add(problem.get());
        } catch (NumberFormatException e) {
            problems.add(setting.label() + " must be a whole number from " + setting.min() + " to " + setting.max()
                    + " (got '" + v + "')");
        }
        return setting.defaultInt();
    }

    private Duration duration(Setting setting) {
        String v = value(setting.variable());
        if (v == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(v);
            var problem = setting.checkDuration(setting.label(), d.getSeconds(), v);
            if (problem.isEmpty()) {
                return d;
            }
            problems.add(problem.get());
            return null;
        } catch (DateTimeParseException e) {
            problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + v + "')");
            return null;
        }
    }

    private Duration durationOrDefault(Setting setting) {
        if (value(setting.variable()) == null) {
            return Duration.parse(setting.defaultValue().orElseThrow());
        }
        return duration(setting);
    }

    private List<String> securityGroups(Setting setting) {
        if (value(setting.variable()) == null) {
            problems.add(setting.label() + " is not set; name the security groups of the drill databases");
            return List.of();
        }
        List<String> groups = stringList(setting);
        setting.checkSize(setting.label(), groups.size()).ifPresent(problems::add);
        for (String group : groups) {
            if (!setting.format().accepts(group)) {
                problems.add(setting.label() + " must be " + setting.format().description() + " (got '" + group
                        + "')");
            }
        }
        return groups;
    }

    private List<String> stringList(Setting setting) {
        String v = value(setting.variable());
        if (v == null) {
            return List.of();
        }
        try {
            List<Object> items = JSON.std.listFrom(v);
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw new IOException("not a string");
                }
                out.add(s);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            problems.add(setting.label() + " must be " + setting.format().description() + " of non-empty strings"
                    + " (got '" + v + "')");
            return List.of();
        }
    }

    private Map<String, String> stringMap(Setting setting) {
        String v = value(setting.variable());
        if (v == null) {
            return Map.of();
        }
        try {
            Map<String, Object> items = JSON.std.mapFrom(v);
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : items.entrySet()) {
                if (e.getKey().isBlank() || !(e.getValue() instanceof String s) || s.isBlank()) {
                    throw new IOException("not a string");
                }
                out.put(e.getKey(), s);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            problems.add(setting.label() + " must be " + setting.format().description() + ", non-empty"
                    + " (got '" + v + "')");
            return Map.of();
        }
    }
}
