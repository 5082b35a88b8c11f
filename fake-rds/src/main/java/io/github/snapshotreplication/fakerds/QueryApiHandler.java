package io.github.snapshotreplication.fakerds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The HTTP side of the fake: decodes the form, finds the region and the caller's access key in the SigV4 credential
 * scope (the key names the account), sleeps the injected latency, asks the {@link FaultInjector}, then routes on
 * {@code Action} and wraps the result in the Query API envelope. Records every request before answering, so a caller
 * sees it as soon as its call returns.
 */
final class QueryApiHandler implements HttpHandler {

    /** A handler for one action: writes the content of {@code <ActionResult>}, or throws {@link QueryError}. */
    @FunctionalInterface
    interface Action {
        void handle(QueryRequest request, XmlWriter result);
    }

    private final Map<String, Action> actions;
    private final FaultInjector faults;
    private final RequestLog log;
    private final LongSupplier latencyNanos;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Accounts accounts;

    QueryApiHandler(Map<String, Action> actions, FaultInjector faults, RequestLog log, LongSupplier latencyNanos,
                    Accounts accounts) {
        this.actions = Map.copyOf(actions);
        this.faults = faults;
        this.log = log;
        this.latencyNanos = latencyNanos;
        this.accounts = accounts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith("AWSEvents.")) {
                answerEventBridge(exchange, target, body);
                return;
            }
            Map<String, String> params = QueryRequest.decodeForm(body);
            if (params.isEmpty() && exchange.getRequestURI().getRawQuery() != null) {
                params = QueryRequest.decodeForm(exchange.getRequestURI().getRawQuery());
            }
            CredentialScope scope = CredentialScope.of(exchange.getRequestHeaders().getFirst("Authorization"), params);
            String region = scope == null ? null : scope.region();
            String accessKeyId = scope == null ? null : scope.accessKeyId();
            String accountId = accounts.accountOf(accessKeyId);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Reply reply;
            try {
                sleep(latencyNanos.getAsLong());
                reply = answer(new QueryRequest(region, accessKeyId, accountId, params));
            } finally {
                inFlight.decrementAndGet();
            }
            log.record(new RecordedRequest(region, accessKeyId, accountId, params.get("Action"), params, reply.status,
                    reply.errorCode));
            byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("x-amzn-RequestId", reply.requestId);
            exchange.sendResponseHeaders(reply.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The most RDS requests that were being answered at the same time. */
    int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    private void answerEventBridge(HttpExchange exchange, String target, String body) throws IOException {
        CredentialScope scope = CredentialScope.of(exchange.getRequestHeaders().getFirst("Authorization"), Map.of());
        // EventBridge rules belong to an account: the caller's key picks whose rules it sees.
        FakeEventBridge eventBridge = accounts.account(accounts.accountOf(scope == null ? null : scope.accessKeyId()))
                .eventBridge();
        FakeEventBridge.Reply reply = eventBridge.handle(target, body, scope);
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", nextRequestId());
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply answer(QueryRequest request) {
        String requestId = nextRequestId();
        String action = request.action();
        if (request.region() == null) {
            return error(requestId, FakeError.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication"
                    + " Token: expected an Authorization header with a SigV4 credential scope");
        }
        if (action == null) {
            return error(requestId, FakeError.MISSING_ACTION, "The request must contain the parameter Action");
        }
        Optional<FakeError> fault = faults.nextFault(action);
        if (fault.isPresent()) {
            return error(requestId, fault.get(), fault.get().defaultMessage());
        }
        Action handler = actions.get(action);
        if (handler == null) {
            return error(requestId, FakeError.INVALID_ACTION, "Could not find operation " + action
                    + " for version 2014-10-31 (the fake supports " + String.join(", ", actions.keySet().stream()
                    .sorted().toList()) + ")");
        }
        try {
            XmlWriter result = new XmlWriter();
            handler.handle(request, result);
            XmlWriter xml = new XmlWriter().root(action + "Response");
            if (!result.isEmpty()) {
                xml.start(action + "Result").raw(result.toString()).end();
            }
            xml.start("ResponseMetadata").element("RequestId", requestId).end().end();
            return new Reply(200, null, xml.toString(), requestId);
        } catch (QueryError e) {
            return error(requestId, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            return error(requestId, FakeError.INTERNAL_FAILURE, "Fake RDS bug: " + e);
        }
    }

    private static Reply error(String requestId, FakeError error, String message) {
        String body = new XmlWriter().root("ErrorResponse")
                .start("Error")
                .element("Type", error.type())
                .element("Code", error.code())
                .element("Message", message)
                .end()
                .element("RequestId", requestId)
                .end()
                .toString();
        return new Reply(error.status(), error.code(), body, requestId);
    }

    /** Deterministic request ids: a UUID-shaped counter. */
    private String nextRequestId() {
        return String.format("00000000-0000-4000-8000-%012x", requestIds.incrementAndGet());
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Reply(int status, String errorCode, String body, String requestId) {
    }
}
