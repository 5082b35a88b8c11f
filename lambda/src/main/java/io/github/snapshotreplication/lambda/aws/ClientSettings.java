package io.github.snapshotreplication.lambda.aws;

import java.net.URI;
import java.time.Duration;

/**
 * How the RDS clients are built: retries, timeouts and, for tests and benchmarks, a local endpoint.
 *
 * @param endpointOverride  a local RDS-compatible endpoint, or {@code null} for the real service
 * @param maxAttempts       attempts per call, first one included (standard retry mode)
 * @param baseDelay         base delay of the exponential backoff
 * @param maxBackoff        longest backoff between attempts
 * @param attemptTimeout    time limit of one HTTP attempt
 * @param apiCallTimeout    time limit of one call with all its retries
 * @param testAccessKeyId   sign with fixed fake credentials of this access key id (local endpoints only; a fake
 *                          tells callers apart by it), or {@code null} for the default credential chain
 */
public record ClientSettings(URI endpointOverride, int maxAttempts, Duration baseDelay, Duration maxBackoff,
                             Duration attemptTimeout, Duration apiCallTimeout, String testAccessKeyId) {

    /** The access key id of the fake credentials: AWS's documented example key, never a real one. */
    public static final String TEST_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    /**
     * The Lambda's settings: the SDK's standard retry mode with 5 attempts (RDS throttles describe calls at
     * fleet scale), 10 s per attempt, 30 s per call.
     */
    public static ClientSettings production() {
        return new ClientSettings(null, 5, Duration.ofMillis(100), Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(30), null);
    }

    /** Settings for a local fake endpoint: same retry policy, millisecond backoff, fake credentials. */
    public static ClientSettings localEndpoint(URI endpoint) {
        return new ClientSettings(endpoint, 4, Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofSeconds(5), Duration.ofSeconds(15), TEST_ACCESS_KEY_ID);
    }

    /** A copy with another attempt timeout, e.g. to provoke timeouts against a slow fake. */
    public ClientSettings withAttemptTimeout(Duration timeout) {
        return new ClientSettings(endpointOverride, maxAttempts, baseDelay, maxBackoff, timeout, apiCallTimeout,
                testAccessKeyId);
    }

    /** A copy that signs as another caller: the fake records who created and deleted what by access key id. */
    public ClientSettings withTestAccessKeyId(String accessKeyId) {
        return new ClientSettings(endpointOverride, maxAttempts, baseDelay, maxBackoff, attemptTimeout, apiCallTimeout,
                accessKeyId);
    }
}
