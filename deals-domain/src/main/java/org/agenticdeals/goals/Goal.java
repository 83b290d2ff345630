package org.agenticdeals.goals;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's goal: what they want, how important it is, and how matching is doing.
 *
 * <p>The {@code with} methods give the changed copy that {@link Goals#update} stores; status, progress and times
 * change only through {@link Goals}.
 */
public record Goal(UUID id, UUID userId, String title, String description, GoalParameters parameters, Status status, int priority,
                   Instant targetDate, Instant completionDate, GoalProgress progress, Instant createdAt, Instant updatedAt) {

    /** The priority of a goal created without one: the middle of 1 (most important) to 10. */
    public static final int DEFAULT_PRIORITY = 5;

    /** A goal's life: active goals are matched; paused ones wait; the other three are final. */
    public enum Status {
        /** Matched against new deals. */
        ACTIVE,
        /** Kept with its matches, not matched until resumed. */
        PAUSED,
        /** The user got what they wanted. Final. */
        COMPLETED,
        /** The user gave up on it. Final. */
        CANCELLED,
        /** Past its target date (the expiry job). Final. */
        EXPIRED;

        /** {@return whether the goal can still change status} (active or paused). */
        public boolean isOpen() {
            return this == ACTIVE || this == PAUSED;
        }
    }

    /**
     * This goal with another title, for {@link Goals#update}.
     *
     * @param value 1 to 255 characters
     * @return the changed copy
     */
    public Goal withTitle(String value) {
        return new Goal(id, userId, value, description, parameters, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    /**
     * This goal with another description, for {@link Goals#update}.
     *
     * @param value at most 10,000 characters, or null
     * @return the changed copy
     */
    public Goal withDescription(String value) {
        return new Goal(id, userId, title, value, parameters, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    /**
     * This goal with other parameters, for {@link Goals#update}; rematch it afterwards.
     *
     * @param value what the goal looks for
     * @return the changed copy
     */
    public Goal withParameters(GoalParameters value) {
        return new Goal(id, userId, title, description, value, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    /**
     * This goal with another priority, for {@link Goals#update}.
     *
     * @param value 1 (most important) to 10
     * @return the changed copy
     */
    public Goal withPriority(int value) {
        return new Goal(id, userId, title, description, parameters, status, value, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    /**
     * This goal with another target date, for {@link Goals#update}.
     *
     * @param value a future instant, or null for none
     * @return the changed copy
     */
    public Goal withTargetDate(Instant value) {
        return new Goal(id, userId, title, description, parameters, status, priority, value, completionDate, progress, createdAt, updatedAt);
    }
}
