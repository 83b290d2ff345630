package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How a goal is doing, kept current by every matching run.
 *
 * @param matchesFound  the goal's active matches
 * @param bestPrice     the lowest current price among them, null without matches
 * @param bestScore     the highest relevance among them, null without matches
 * @param lastMatchedAt when the newest of them was matched, null if none ever was
 */
public record GoalProgress(int matchesFound, BigDecimal bestPrice, BigDecimal bestScore, Instant lastMatchedAt) {

    /** {@return the progress of a goal nothing was matched to yet} */
    public static GoalProgress none() {
        return new GoalProgress(0, null, null, null);
    }
}
