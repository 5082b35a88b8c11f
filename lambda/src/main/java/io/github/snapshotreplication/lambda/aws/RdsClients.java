package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.RdsClientBuilder;

import java.time.Duration;

/**
 * Builds {@link RdsClient}s: URL-connection HTTP client (no Netty, no Apache: a smaller jar and a faster cold
 * start), the SDK's standard retry mode with bounded attempts, and timeouts on every call.
 */
final class RdsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private RdsClients() {
    }

    static RdsClient build(String region, ClientSettings settings) {
        return build(region, settings, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(settings.attemptTimeout())
                .build());
    }

    /**
     * A client configured like {@link #build} whose HTTP client answers offline (see {@link OfflineRdsHttpClient}),
     * signing with fixed fake keys: priming must neither reach the network nor resolve the function's credentials.
     */
    static RdsClient buildOffline(String region, ClientSettings settings) {
        ClientSettings fakeKeys = new ClientSettings(null, settings.maxAttempts(), settings.baseDelay(),
                settings.maxBackoff(), settings.attemptTimeout(), settings.apiCallTimeout(), true);
        return build(region, fakeKeys, new OfflineRdsHttpClient(region));
    }

    private static RdsClient build(String region, ClientSettings settings, SdkHttpClient httpClient) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
        // Throttled calls back off ten times longer, as the SDK's own standard mode does (100 ms vs 1 s).
        BackoffStrategy throttlingBackoff = BackoffStrategy.exponentialDelay(settings.baseDelay().multipliedBy(10),
                settings.maxBackoff());
        RdsClientBuilder builder = RdsClient.builder()
                .region(Region.of(region))
                .httpClient(httpClient)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(backoff)
                                .throttlingBackoffStrategy(throttlingBackoff)
                                .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.apiCallTimeout()));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        if (settings.useTestCredentials()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        }
        return builder.build();
    }
}
