package io.github.snapshotreplication.lambda.aws;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local endpoint that answers each RDS action with the next canned XML fixture of {@code fixtures/rds/}: for
 * checking how the gateway reads real-shaped responses and errors, apart from the stateful fake.
 */
final class CannedRdsEndpoint implements AutoCloseable {

    /** A canned answer: HTTP status and fixture file. */
    record Answer(int status, String fixture) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    CannedRdsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Answer answer;
            synchronized (this) {
                requests.add(params);
                Deque<Answer> queue = answers.get(params.get("Action"));
                answer = queue == null || queue.isEmpty() ? new Answer(400, "error-throttling.xml") : queue.poll();
            }
            byte[] body = fixture(answer.fixture());
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Queues answers for an action, served in order. */
    synchronized CannedRdsEndpoint on(String action, int status, String fixture) {
        answers.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Answer(status, fixture));
        return this;
    }

    synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = CannedRdsEndpoint.class.getResourceAsStream("/fixtures/rds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
