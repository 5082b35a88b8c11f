package io.github.snapshotreplication.lambda.cli;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.config.InvalidSettingsException;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.plan.Plan;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jar's command line: {@code java -jar snapshot-replication-lambda.jar plan [--json] [--set NAME=VALUE]...}
 * prints what the next sweep would copy, defer and delete, and why, using read-only RDS calls only. It reads the
 * same environment variables as the Lambda (see docs/lambda-configuration.md); {@code --set} overrides one.
 * Credentials and the endpoint come from the SDK's usual sources ({@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL}...).
 */
public final class PlanCommand {

    static final String USAGE = "usage: java -jar snapshot-replication-lambda.jar plan [--json] [--set NAME=VALUE]...";
    static final String HELP = USAGE + "\n\n"
            + "Prints what the next sweep would copy, defer and delete, and why, with read-only RDS calls.\n"
            + "Settings come from the same environment variables as the Lambda's (docs/lambda-configuration.md),\n"
            + "credentials and region from the AWS SDK's usual sources (AWS_PROFILE, AWS_REGION...).\n\n"
            + "  --json             print the plan as JSON\n"
            + "  --set NAME=VALUE   override one setting, e.g. --set RETENTION_KEEP_LAST=3\n"
            + "  --help, -h         print this help\n\n"
            + "Exit status: 0 printed, 1 RDS failed, 2 bad arguments or settings.";

    private PlanCommand() {
    }

    /** Entry point of {@code java -jar}. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), ClientSettings.production(), Clock.systemUTC(), System.out,
                System.err));
    }

    /**
     * Runs the command.
     *
     * @return the exit status: 0 printed (or help asked for), 1 RDS failed, 2 bad arguments or settings
     */
    static int run(List<String> args, Map<String, String> environment, ClientSettings clients, Clock clock,
                   PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(HELP);
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("plan")) {
            err.println(USAGE);
            return 2;
        }
        boolean json = false;
        Map<String, String> env = new HashMap<>(environment);
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--set") && i + 1 < args.size() && args.get(i + 1).contains("=")) {
                String pair = args.get(++i);
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                err.println("unknown argument '" + arg + "'\n" + USAGE);
                return 2;
            }
        }
        ReplicationSettings settings;
        try {
            settings = ReplicationSettings.fromEnvironment(env);
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            ReplicationEngine engine = ReplicationEngine.create(settings, clients, new JsonLines(err), clock);
            Plan plan = engine.planSweep();
            out.print(json ? PlanFormatter.json(settings, plan, clock.instant()) + "\n"
                    : PlanFormatter.table(settings, plan, clock.instant()));
            return 0;
        } catch (RdsCallException e) {
            err.println("reading RDS failed: " + e.getMessage());
            return 1;
        }
    }
}
