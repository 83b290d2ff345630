package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal a goal matched, with the deal's current figures.
 *
 * @param relevance 0 to 100, see docs/goals.md
 * @param matchedAt when the match was made (or made again after it had lapsed)
 */
public record GoalMatch(UUID goalId, UUID dealId, String title, BigDecimal currentPrice, BigDecimal originalPrice, BigDecimal discountPercentage,
                        String url, BigDecimal relevance, Instant matchedAt) {
}
