package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.rds.RdsClient;

import java.time.Duration;

/**
 * Builds SDK clients ({@link RdsClient} and the follow-up rule's EventBridge client): URL-connection HTTP client
 * (no Netty, no Apache: a smaller jar and a faster cold start), the SDK's standard retry mode with bounded attempts,
 * and timeouts on every call.
 */
final class RdsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private RdsClients() {
    }

    static RdsClient build(String region, ClientSettings settings) {
        return build(region, settings, httpClient(settings));
    }

    /**
     * A client configured like {@link #build} whose HTTP client answers offline (see {@link OfflineRdsHttpClient}),
     * signing with fixed fake keys: priming must neither reach the network nor resolve the function's credentials.
     */
    static RdsClient buildOffline(String region, ClientSettings settings) {
        ClientSettings fakeKeys = new ClientSettings(null, settings.maxAttempts(), settings.baseDelay(),
                settings.maxBackoff(), settings.attemptTimeout(), settings.apiCallTimeout(),
                ClientSettings.TEST_ACCESS_KEY_ID);
        return build(region, fakeKeys, new OfflineRdsHttpClient(region));
    }

    private static RdsClient build(String region, ClientSettings settings, SdkHttpClient httpClient) {
        return configure(RdsClient.builder(), region, settings, httpClient).build();
    }

    /**
     * Applies the project's client settings to any SDK client builder: region, HTTP client, the standard retry mode
     * with bounded attempts, timeouts, and for local endpoints the endpoint and fixed test credentials.
     */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, String region,
                                                                                          ClientSettings settings,
                                                                                          SdkHttpClient httpClient) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
        // Throttled calls back off ten times longer, as the SDK's own standard mode does (100 ms vs 1 s).
        BackoffStrategy throttlingBackoff = BackoffStrategy.exponentialDelay(settings.baseDelay().multipliedBy(10),
                settings.maxBackoff());
        builder.region(Region.of(region))
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
        if (settings.testAccessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.testAccessKeyId(),
                            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        }
        return builder;
    }

    /** An HTTP client on the JDK's URL connection: no Netty, no Apache, a smaller jar and a faster cold start. */
    static SdkHttpClient httpClient(ClientSettings settings) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(settings.attemptTimeout())
                .build();
    }
}
