package io.github.snapshotreplication.cdk;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.Schedule;

/**
 * Estimates how often an EventBridge schedule fires, to derive alarm windows from it.
 *
 * <p>Understands {@code rate(...)} and the common cron shapes (daily, weekly, every N hours); anything else yields
 * empty, and the caller falls back to a daily assumption and warns.
 */
final class ScheduleInterval {

    private static final Pattern RATE = Pattern.compile("^rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)$");
    private static final Pattern CRON = Pattern.compile("^cron\\((\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)\\)$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    private static final Pattern EVERY_N_HOURS = Pattern.compile("^(\\*|\\d+)/(\\d+)$");

    private ScheduleInterval() {
    }

    /**
     * @param schedule the schedule
     * @return the interval between two runs, when it can be told from the expression
     */
    static Optional<Duration> of(Schedule schedule) {
        String expression = schedule.getExpressionString();
        if (expression == null || Token.isUnresolved(expression)) {
            return Optional.empty();
        }
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            int n = Integer.parseInt(rate.group(1));
            String unit = rate.group(2);
            return Optional.of(unit.startsWith("minute") ? Duration.minutes(n)
                    : unit.startsWith("hour") ? Duration.hours(n) : Duration.days(n));
        }
        Matcher cron = CRON.matcher(expression.trim());
        return cron.matches() ? ofCron(cron.group(1), cron.group(2), cron.group(3), cron.group(5)) : Optional.empty();
    }

    private static Optional<Duration> ofCron(String minute, String hour, String dayOfMonth, String dayOfWeek) {
        boolean everyDay = isAny(dayOfMonth) && isAny(dayOfWeek);
        if (!NUMBER.matcher(minute).matches() || !(everyDay || isOneWeekday(dayOfMonth, dayOfWeek))) {
            return Optional.empty();
        }
        int days = everyDay ? 1 : 7;
        if (NUMBER.matcher(hour).matches()) {
            return Optional.of(Duration.days(days));
        }
        Matcher everyN = EVERY_N_HOURS.matcher(hour);
        if (everyDay && everyN.matches()) {
            return Optional.of(Duration.hours(Integer.parseInt(everyN.group(2))));
        }
        if (everyDay && hour.matches("^\\d+(,\\d+)+$")) {
            return Optional.of(Duration.hours(24 / hour.split(",").length));
        }
        return Optional.empty();
    }

    private static boolean isAny(String field) {
        return "*".equals(field) || "?".equals(field);
    }

    private static boolean isOneWeekday(String dayOfMonth, String dayOfWeek) {
        return isAny(dayOfMonth) && dayOfWeek.toUpperCase(Locale.ROOT).matches("^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)$");
    }
}
