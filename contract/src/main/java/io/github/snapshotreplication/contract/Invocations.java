package io.github.snapshotreplication.contract;

/**
 * The inputs the construct's own triggers send the function, besides the events of SNS and EventBridge.
 */
public final class Invocations {

    /** Key of the manual and follow-up inputs: {@code {"action": "sweep"}}. */
    public static final String ACTION = "action";

    /** Value of {@link #ACTION} that starts a sweep. */
    public static final String SWEEP = "sweep";

    /** Key naming why a sweep was asked for. */
    public static final String TRIGGER = "trigger";

    /** Value of {@link #TRIGGER} of the follow-up rule: a sweep started because copies were waiting. */
    public static final String FOLLOW_UP = "follow-up";

    /** The input of the follow-up rule, as JSON. */
    public static final String FOLLOW_UP_INPUT = "{\"" + ACTION + "\":\"" + SWEEP + "\",\"" + TRIGGER + "\":\""
            + FOLLOW_UP + "\"}";

    /** Minutes between follow-up sweeps while copies wait: a freed slot is refilled within this and one sweep. */
    public static final int FOLLOW_UP_INTERVAL_MINUTES = 10;

    private Invocations() {
    }
}
