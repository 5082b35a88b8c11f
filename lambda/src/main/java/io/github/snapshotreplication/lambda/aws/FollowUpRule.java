package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.util.Optional;

/**
 * The EventBridge rule that starts a follow-up sweep every few minutes while copies wait for a slot. The function
 * enables it when a run leaves copies waiting and disables it when a follow-up finds none, so an idle installation
 * runs no follow-ups and makes no extra call. One rule: follow-ups can never pile up into concurrent runs.
 * EnableRule / DisableRule.
 */
public final class FollowUpRule implements AutoCloseable {

    private final EventBridgeClient client;
    private final String ruleName;

    FollowUpRule(EventBridgeClient client, String ruleName) {
        this.client = client;
        this.ruleName = ruleName;
    }

    /** The rule {@code ruleName} of {@code region}, reached with a client built from {@code settings}. */
    public static FollowUpRule create(String region, String ruleName, ClientSettings settings) {
        EventBridgeClient client = RdsClients.configure(EventBridgeClient.builder(), region, settings,
                RdsClients.httpClient(settings)).build();
        return new FollowUpRule(client, ruleName);
    }

    /** The rule's name. */
    public String name() {
        return ruleName;
    }

    /**
     * Makes sure follow-up sweeps come. Idempotent.
     *
     * @return the error, if the rule could not be enabled (the next scheduled sweep still finds the waiting copies)
     */
    public Optional<String> enable() {
        return call(() -> client.enableRule(r -> r.name(ruleName)));
    }

    /**
     * Stops the follow-up sweeps. Idempotent.
     *
     * @return the error, if the rule could not be disabled (the next follow-up tries again)
     */
    public Optional<String> disable() {
        return call(() -> client.disableRule(r -> r.name(ruleName)));
    }

    @Override
    public void close() {
        client.close();
    }

    private static Optional<String> call(Runnable call) {
        try {
            call.run();
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
