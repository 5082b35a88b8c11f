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
 * @param useTestCredentials sign with fixed fake credentials (local endpoints only)
 */
public record ClientSettings(URI endpointOverride, int maxAttempts, Duration baseDelay, Duration maxBackoff,
                             Duration attemptTimeout, Duration apiCallTimeout, boolean useTestCredentials) {

    /**
     * The Lambda's settings: the SDK's standard retry mode with 5 attempts (RDS throttles describe calls at
     * fleet scale), 10 s per attempt, 30 s per call.
     */
    public static ClientSettings production() {
        return new ClientSettings(null, 5, Duration.ofMillis(100), Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(30), false);
    }

    /** Settings for a local fake endpoint: same retry policy, millisecond backoff, fake credentials. */
    public static ClientSettings localEndpoint(URI endpoint) {
        return new ClientSettings(endpoint, 4, Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofSeconds(5), Duration.ofSeconds(15), true);
    }

    /** A copy with another attempt timeout, e.g. to provoke timeouts against a slow fake. */
    public ClientSettings withAttemptTimeout(Duration timeout) {
        return new ClientSettings(endpointOverride, maxAttempts, baseDelay, maxBackoff, timeout, apiCallTimeout,
                useTestCredentials);
    }
}
