package org.agenticdeals;

import java.util.UUID;

/**
 * A state change the thing's current state does not allow: completing an analysis request that is not being
 * processed, or that another worker has claimed since. Nothing was written.
 */
public final class IllegalTransitionException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The id of the thing whose state refused the change. */
    private final UUID id;
    /** Its state when the change was refused. */
    private final String state;
    /** The change asked for. */
    private final String transition;

    /**
     * A refused change of state.
     *
     * @param kind what the thing is, e.g. {@code "analysis request"}
     * @param id its id
     * @param state its state, e.g. {@code "completed"}
     * @param transition the change asked for, e.g. {@code "complete"}
     * @param reason why, or null
     */
    public IllegalTransitionException(String kind, UUID id, String state, String transition, String reason) {
        super(ErrorCode.ILLEGAL_TRANSITION, "cannot " + transition + " " + kind + " " + id + ": it is " + state + (reason == null ? "" : ", " + reason));
        this.id = id;
        this.state = state;
        this.transition = transition;
    }

    /** {@return the id of the thing whose state refused the change} */
    public UUID id() {
        return id;
    }

    /** {@return its state when the change was refused}, e.g. {@code "completed"}. */
    public String state() {
        return state;
    }

    /** {@return the change asked for}, e.g. {@code "complete"}. */
    public String transition() {
        return transition;
    }
}
