package io.github.snapshotreplication.lambda.cli;

import io.github.snapshotreplication.lambda.aws.ClientSettings;
import io.github.snapshotreplication.lambda.aws.RdsCallException;
import io.github.snapshotreplication.lambda.config.DrillSettings;
import io.github.snapshotreplication.lambda.config.InvalidSettingsException;
import io.github.snapshotreplication.lambda.config.ReplicationSettings;
import io.github.snapshotreplication.lambda.engine.DrillEngine;
import io.github.snapshotreplication.lambda.engine.ReplicationEngine;
import io.github.snapshotreplication.lambda.output.JsonLines;
import io.github.snapshotreplication.lambda.plan.Plan;
import io.github.snapshotreplication.lambda.plan.drill.DrillPlan;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jar's command line: {@code java -jar snapshot-replication-lambda.jar plan [--drill [--round]] [--json]
 * [--set NAME=VALUE]...} prints what the next sweep would copy, defer and delete, and why, or with {@code --drill}
 * what the restore drill's next run would do, using read-only RDS calls only. It reads the same environment
 * variables as the Lambda (see docs/lambda-configuration.md); {@code --set} overrides one. Credentials and the
 * endpoint come from the SDK's usual sources ({@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL}...).
 */
public final class PlanCommand {

    static final String USAGE = "usage: java -jar snapshot-replication-lambda.jar plan [--drill [--round]] [--json]"
            + " [--set NAME=VALUE]...";
    static final String HELP = USAGE + "\n\n"
            + "Prints what the next sweep would copy, defer and delete, and why, with read-only RDS calls.\n"
            + "With --drill, what the restore drill's next run would do instead: the selected and overdue databases,\n"
            + "each drill alive and its next step, the restores it would start, refusals, ledger writes and\n"
            + "look-alike databases, also with read-only RDS calls (Describe* only).\n"
            + "Settings come from the same environment variables as the Lambda's (docs/lambda-configuration.md;\n"
            + "with --drill, the drill function's), credentials and region from the AWS SDK's usual sources\n"
            + "(AWS_PROFILE, AWS_REGION...).\n\n"
            + "  --drill            plan the restore drill's next advance run (every 5 minutes)\n"
            + "  --round            with --drill: plan a round run instead (the drill's schedule), with its picks\n"
            + "  --json             print the plan as JSON\n"
            + "  --set NAME=VALUE   override one setting, e.g. --set RETENTION_KEEP_LAST=3 or\n"
            + "                     --set DRILL_DATABASES_PER_ROUND=2\n"
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
        boolean drill = false;
        boolean round = false;
        Map<String, String> env = new HashMap<>(environment);
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--drill")) {
                drill = true;
            } else if (arg.equals("--round")) {
                round = true;
            } else if (arg.equals("--set") && i + 1 < args.size() && args.get(i + 1).contains("=")) {
                String pair = args.get(++i);
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                err.println("unknown argument '" + arg + "'\n" + USAGE);
                return 2;
            }
        }
        if (round && !drill) {
            err.println("--round plans a restore drill round: give --drill too\n" + USAGE);
            return 2;
        }
        try {
            out.print(drill ? drillPlan(env, round, json, clients, clock, err) : sweepPlan(env, json, clients, clock,
                    err));
            return 0;
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RdsCallException e) {
            err.println("reading RDS failed: " + e.getMessage());
            return 1;
        }
    }

    private static String sweepPlan(Map<String, String> env, boolean json, ClientSettings clients, Clock clock,
                                    PrintStream err) {
        ReplicationSettings settings = ReplicationSettings.fromEnvironment(env);
        Plan plan = ReplicationEngine.create(settings, clients, new JsonLines(err), clock).planSweep();
        return json ? PlanFormatter.json(settings, plan, clock.instant()) + "\n"
                : PlanFormatter.table(settings, plan, clock.instant());
    }

    private static String drillPlan(Map<String, String> env, boolean round, boolean json, ClientSettings clients,
                                    Clock clock, PrintStream err) {
        DrillSettings settings = DrillSettings.fromEnvironment(env);
        // plan() only describes; run(), which would act on the plan, is never called here.
        DrillPlan plan = DrillEngine.create(settings, clients, new JsonLines(err), clock).plan(round);
        return json ? DrillPlanFormatter.json(settings, plan, round, clock.instant()) + "\n"
                : DrillPlanFormatter.table(settings, plan, round, clock.instant());
    }
}
