package io.github.snapshotreplication.fakerds;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge rules as the replication function uses them: {@code EnableRule}, {@code DisableRule} and
 * {@code DescribeRule} (its {@code Name} and {@code State}, {@code ENABLED} or {@code DISABLED}) on rules that test
 * code sets up, over the JSON 1.1 protocol ({@code X-Amz-Target: AWSEvents.<Operation>}) on the same endpoint
 * as the RDS fake. Calls are kept apart from the RDS request log: they are not RDS calls.
 */
public final class FakeEventBridge {

    /** One call: who, which operation, which rule, and the HTTP status answered. */
    public record Call(String region, String accessKeyId, String operation, String ruleName, int status) {
    }

    private static final Pattern NAME = Pattern.compile("\"Name\"\\s*:\\s*\"([^\"]*)\"");

    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    FakeEventBridge() {
    }

    /** Adds a rule of any region, enabled or not. */
    public FakeEventBridge addRule(String name, boolean isEnabled) {
        enabled.put(name, isEnabled);
        return this;
    }

    /** @return whether the rule is enabled; false for an unknown rule */
    public boolean isEnabled(String name) {
        return enabled.getOrDefault(name, false);
    }

    /** The next {@code times} calls fail with a 500 {@code InternalException} (the SDK retries them). */
    public void failNext(int times) {
        failures.set(times);
    }

    /** @return every call, oldest first */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the calls, keeps the rules. */
    public void clearCalls() {
        calls.clear();
    }

    /** Answers one request: HTTP status and JSON body. */
    Reply handle(String target, String body, CredentialScope scope) {
        String operation = target.substring(target.indexOf('.') + 1);
        Matcher m = NAME.matcher(body);
        String name = m.find() ? m.group(1) : null;
        Reply reply = answer(operation, name, scope);
        calls.add(new Call(scope == null ? null : scope.region(), scope == null ? null : scope.accessKeyId(),
                operation, name, reply.status()));
        return reply;
    }

    private Reply answer(String operation, String name, CredentialScope scope) {
        if (scope == null) {
            return Reply.error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Reply.error(500, "InternalException", "Injected failure");
        }
        if (!operation.equals("EnableRule") && !operation.equals("DisableRule") && !operation.equals("DescribeRule")) {
            return Reply.error(400, "UnknownOperationException", "The fake supports EnableRule, DisableRule and"
                    + " DescribeRule");
        }
        if (name == null || !enabled.containsKey(name)) {
            return Reply.error(400, "ResourceNotFoundException", "Rule " + name + " does not exist.");
        }
        if (operation.equals("DescribeRule")) {
            return new Reply(200, "{\"Name\":\"" + name + "\",\"State\":\"" + (enabled.get(name) ? "ENABLED"
                    : "DISABLED") + "\",\"EventBusName\":\"default\"}", null);
        }
        enabled.put(name, operation.equals("EnableRule"));
        return new Reply(200, "{}", null);
    }

    /** An HTTP answer. */
    record Reply(int status, String body, String errorType) {

        static Reply error(int status, String type, String message) {
            return new Reply(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", type);
        }
    }
}
