package io.github.snapshotreplication.cdk;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.snapshotreplication.contract.Setting;
import io.github.snapshotreplication.contract.Settings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;

/**
 * Synth-time checks of {@link RestoreDrillOptions}, into the problems and warnings of the props validator: each
 * message names the option as {@code restoreDrill.<option>}, with the bounds of the contract's {@code DRILL_*}
 * settings. Unresolved tokens are not checked.
 */
final class RestoreDrillChecks {

    static final String UNKNOWN_DRILL_SCHEDULE_INTERVAL = "snapshot-replication:unknown-drill-schedule-interval";

    private static final Pattern ENGINE = Pattern.compile("^[a-z][a-z0-9-]{0,49}$");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("^db\\.[a-z0-9-]+\\.[a-z0-9]+$");
    private static final String SERVERLESS = "db.serverless";

    private final PropChecks v;

    RestoreDrillChecks(PropChecks v) {
        this.v = v;
    }

    void check(RestoreDrillOptions drill) {
        checkSubnetGroup(drill.getSubnetGroupName());
        checkSecurityGroups(drill);
        checkInstanceClasses(drill.getInstanceClasses());
        v.checkSetting(Settings.DRILL_MAX_CONCURRENT, drill.getMaxConcurrentDrills());
        v.checkSetting(Settings.DRILL_MAX_DURATION, drill.getMaxDrillDuration());
        if (drill.getDatabasesPerRound() != null) {
            v.checkSetting(Settings.DRILL_DATABASES_PER_ROUND, drill.getDatabasesPerRound());
        }
        v.checkPatterns(Settings.DRILL_DB_IDENTIFIERS.prop(), drill.getDatabases());
        v.checkMap(Settings.DRILL_SOURCE_TAG_FILTER.prop(), drill.getSourceTagFilter(), 128, 256);
        v.checkSetting(Settings.DRILL_SUCCESS_WINDOW, drill.getSuccessWindow());
        checkSuccessWindowAgainstRounds(drill);
    }

    private void checkSubnetGroup(String name) {
        if (!Token.isUnresolved(name) && !Settings.DRILL_SUBNET_GROUP.format().accepts(name)) {
            v.problems.add(prop(Settings.DRILL_SUBNET_GROUP) + " must be " + Settings.DRILL_SUBNET_GROUP.format()
                    .description() + " (got '" + name + "'); name a DB subnet group of the target region");
        }
    }

    private void checkSecurityGroups(RestoreDrillOptions drill) {
        Setting setting = Settings.DRILL_SECURITY_GROUPS;
        if (Token.isUnresolved(drill.getSecurityGroupIds())) {
            return;
        }
        setting.checkSize(setting.prop(), drill.getSecurityGroupIds().size()).ifPresent(v.problems::add);
        for (String id : drill.getSecurityGroupIds()) {
            if (!Token.isUnresolved(id) && !setting.format().accepts(id)) {
                v.problems.add(setting.prop() + " entry '" + id + "' must be a security group id: sg- and 8 or 17"
                        + " lower-case hex digits, such as sg-0123456789abcdef0");
            }
        }
    }

    private void checkInstanceClasses(Map<String, String> classes) {
        String prop = prop(Settings.DRILL_INSTANCE_CLASSES);
        classes.forEach((engine, instanceClass) -> {
            if (!Token.isUnresolved(engine) && !ENGINE.matcher(engine).matches()) {
                v.problems.add(prop + " key '" + engine + "' must be an engine name or family in lower case, such"
                        + " as postgres, aurora-mysql or sqlserver-se");
            }
            if (Token.isUnresolved(instanceClass)) {
                return;
            }
            if (SERVERLESS.equals(instanceClass)) {
                v.problems.add(prop + " value of '" + engine + "' must not be db.serverless: the drill configures no"
                        + " Aurora Serverless v2 scaling; name a provisioned class such as db.t4g.medium");
            } else if (!INSTANCE_CLASS.matcher(instanceClass).matches()) {
                v.problems.add(prop + " value of '" + engine + "' must be a DB instance class such as db.t4g.micro"
                        + " (got '" + instanceClass + "')");
            }
        });
    }

    /** A window no longer than the rounds' interval would count every database overdue between two rounds. */
    private void checkSuccessWindowAgainstRounds(RestoreDrillOptions drill) {
        Duration window = drill.getSuccessWindow();
        Optional<Duration> interval = ScheduleInterval.of(drill.getSchedule());
        if (interval.isEmpty()) {
            v.warnings.put(UNKNOWN_DRILL_SCHEDULE_INTERVAL, "cannot tell how often restoreDrill.schedule runs, so"
                    + " synth cannot check that restoreDrill.successWindow is longer than it; make sure it is");
            return;
        }
        if (window.isUnresolved()) {
            return;
        }
        double rounds = interval.get().toSeconds().doubleValue();
        if (window.toSeconds().doubleValue() <= rounds) {
            v.problems.add(prop(Settings.DRILL_SUCCESS_WINDOW) + " must be longer than the interval of"
                    + " restoreDrill.schedule (" + interval.get().toHumanString() + "; got "
                    + window.toHumanString() + "), or every database counts as overdue between two rounds;"
                    + " lengthen the window or run rounds more often");
        }
    }

    private static String prop(Setting setting) {
        return setting.prop();
    }
}
