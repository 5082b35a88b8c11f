package io.github.snapshotreplication.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Schedule;

class ScheduleIntervalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cron(0 12 * * ? *)    | 1440",
        "cron(30 4 ? * * *)    | 1440",
        "cron(0 5 ? * SUN *)   | 10080",
        "cron(0 5 ? * 2 *)     | 10080",
        "cron(0 */6 * * ? *)   | 360",
        "cron(0 0/4 * * ? *)   | 240",
        "cron(15 2,14 * * ? *) | 720",
        "rate(1 day)           | 1440",
        "rate(12 hours)        | 720",
        "rate(90 minutes)      | 90",
        "cron(0 3 1 * ? *)     | -1",
        "cron(0-30 3 * * ? *)  | -1",
        "cron(0 3 ? * MON-FRI *) | -1"})
    void estimatesIntervalInMinutes(String expression, long minutes) {
        Optional<Duration> interval = ScheduleInterval.of(Schedule.expression(expression));
        assertThat(interval.map(d -> d.toMinutes().longValue()).orElse(-1L)).isEqualTo(minutes);
    }
}
