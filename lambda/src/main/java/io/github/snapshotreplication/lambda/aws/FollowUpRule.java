package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

import java.util.Optional;

/**
 * The EventBridge rule that starts a follow-up sweep every few minutes while copies wait for a slot. The function
 * enables it when a run leaves copies waiting and disables it when a follow-up finds none, so an idle installation
 * runs no follow-ups and makes no extra call. One rule: follow-ups can never pile up into concurrent runs.
 * EnableRule / DisableRule, and DescribeRule: while the rule is on, copies wait, and an event leaves the next free
 * slot to the follow-up sweep, which gives it to the database furthest behind.
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

    /**
     * Whether follow-up sweeps are coming, i.e. copies wait for a slot.
     *
     * @return the rule's state, or the error if it could not be read
     */
    public Result<Boolean> isEnabled() {
        try {
            return Result.of(client.describeRule(r -> r.name(ruleName)).state() == RuleState.ENABLED);
        } catch (SdkException e) {
            return Result.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A value or the reason there is none. */
    public record Result<T>(T value, String error) {

        static <T> Result<T> of(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> failed(String error) {
            return new Result<>(null, error);
        }
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
