package io.github.snapshotreplication.lambda.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code --help} answers without settings, credentials or RDS, and exits 0. */
class PlanCommandHelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PlanCommand.run(List.of(args), Map.of(), null, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        assertThat(run("plan", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(PlanCommand.USAGE).contains("--set NAME=VALUE",
                "--drill ", "--round ", "--json ", "Exit status");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpWorksWithoutTheSubcommandAndInShortForm() {
        assertThat(run("--help")).isZero();
        assertThat(run("-h")).isZero();
    }

    @Test
    void anUnknownArgumentStillFailsWithTheUsage() {
        assertThat(run("plan", "--jsn")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--jsn'", PlanCommand.USAGE);
    }
}
