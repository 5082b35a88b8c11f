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

    /** Value of {@link #ACTION} of the drill's round schedule: pick the databases of a new round, then advance. */
    public static final String DRILL_ROUND = "drill-round";

    /** Value of {@link #ACTION} of the drill's advance schedule: move every drill in progress one step on. */
    public static final String DRILL_ADVANCE = "drill-advance";

    /** The input of the drill's round schedule, as JSON. */
    public static final String DRILL_ROUND_INPUT = "{\"" + ACTION + "\":\"" + DRILL_ROUND + "\"}";

    /** The input of the drill's advance schedule, as JSON. */
    public static final String DRILL_ADVANCE_INPUT = "{\"" + ACTION + "\":\"" + DRILL_ADVANCE + "\"}";

    /**
     * Minutes between the drill's advance runs: how soon a drill moves on after RDS finishes a step, and so the
     * resolution of the measured restore duration.
     */
    public static final int DRILL_ADVANCE_INTERVAL_MINUTES = 5;

    private Invocations() {
    }
}
