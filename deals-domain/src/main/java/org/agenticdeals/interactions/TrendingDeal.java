package org.agenticdeals.interactions;

import java.util.UUID;

/**
 * A deal among the most popular of the last 24 hours.
 *
 * @param score        the sum over its interactions of their type's weight, halved for every 6 hours of age
 * @param interactions how many interactions the score sums
 */
public record TrendingDeal(UUID dealId, String title, double score, long interactions) {
}
