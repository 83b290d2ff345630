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

    public static final int DEFAULT_PRIORITY = 5;

    /** A goal's life: active goals are matched; paused ones wait; the other three are final. */
    public enum Status {
        ACTIVE, PAUSED, COMPLETED, CANCELLED, EXPIRED;

        /** Whether the goal can still change status (active or paused). */
        public boolean isOpen() {
            return this == ACTIVE || this == PAUSED;
        }
    }

    public Goal withTitle(String value) {
        return new Goal(id, userId, value, description, parameters, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    public Goal withDescription(String value) {
        return new Goal(id, userId, title, value, parameters, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    public Goal withParameters(GoalParameters value) {
        return new Goal(id, userId, title, description, value, status, priority, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    public Goal withPriority(int value) {
        return new Goal(id, userId, title, description, parameters, status, value, targetDate, completionDate, progress, createdAt, updatedAt);
    }

    public Goal withTargetDate(Instant value) {
        return new Goal(id, userId, title, description, parameters, status, priority, value, completionDate, progress, createdAt, updatedAt);
    }
}
