package org.agenticdeals.goals;

import java.time.Instant;

/**
 * A goal to create.
 *
 * @param title       1 to 255 characters
 * @param description optional, at most 10,000 characters
 * @param parameters  what the goal looks for
 * @param priority    1 (most important) to 10
 * @param targetDate  optional; past it the goal expires (see {@link Goals#expireDue()})
 */
public record NewGoal(String title, String description, GoalParameters parameters, int priority, Instant targetDate) {

    /**
     * A goal of default priority (5) without description or target date.
     *
     * @param title 1 to 255 characters
     * @param parameters what the goal looks for
     * @return the goal to create
     */
    public static NewGoal of(String title, GoalParameters parameters) {
        return new NewGoal(title, null, parameters, Goal.DEFAULT_PRIORITY, null);
    }
}
