package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The relevance formula in Java, the mirror of the SQL function {@code goal_deal_relevance} that matching uses
 * (tests check the two agree). 0 to 100: the weighted mean of the components that apply to the goal, rounded half
 * up to two decimals.
 *
 * <table>
 *   <caption>Components</caption>
 *   <tr><th>Component</th><th>Value</th><th>Weight</th></tr>
 *   <tr><td>price headroom</td><td>(max price - price) / max price</td><td>30, if the goal has a maximum price</td></tr>
 *   <tr><td>discount</td><td>discount percentage / 100</td><td>25</td></tr>
 *   <tr><td>keywords</td><td>(2 x keywords in the title + keywords only in the description) / (2 x keywords)</td>
 *       <td>30, if the goal has keywords or any-of keywords</td></tr>
 *   <tr><td>source reliability</td><td>the source's score, 0 to 1</td><td>15</td></tr>
 * </table>
 * Each component is clamped to 0..1.
 */
final class Relevance {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Relevance() {
    }

    /**
     * @param maxPrice        the goal's maximum price, or null
     * @param keywordCount    the goal's keywords and any-of keywords
     * @param titleHits       of them, those found in the deal's title
     * @param descriptionHits of them, those found only in the description
     * @param reliability     the source's reliability, or null (counts as 0)
     */
    static BigDecimal score(BigDecimal price, BigDecimal maxPrice, BigDecimal discount, int keywordCount, int titleHits, int descriptionHits,
                            BigDecimal reliability) {
        // The mean as one fraction of exact decimals over the common denominator max * 2 * keywords, rounded by
        // integer division: exactly what goal_deal_relevance computes, so both give the same digits.
        boolean priced = maxPrice != null && maxPrice.signum() > 0;
        BigDecimal priceScale = priced ? maxPrice : BigDecimal.ONE;
        BigDecimal keywordScale = BigDecimal.valueOf(keywordCount > 0 ? 2L * keywordCount : 1);
        BigDecimal numerator = BigDecimal.valueOf(25).multiply(clamp(discount == null ? BigDecimal.ZERO : discount, HUNDRED)).movePointLeft(2)
                .add(BigDecimal.valueOf(15).multiply(clamp(reliability == null ? BigDecimal.ZERO : reliability, BigDecimal.ONE)))
                .multiply(priceScale).multiply(keywordScale);
        int weights = 40;
        if (priced) {
            numerator = numerator.add(BigDecimal.valueOf(30).multiply(maxPrice.subtract(price.min(maxPrice))).multiply(keywordScale));
            weights += 30;
        }
        if (keywordCount > 0) {
            long hits = Math.min(2L * keywordCount, 2L * titleHits + descriptionHits);
            numerator = numerator.add(BigDecimal.valueOf(30 * hits).multiply(priceScale));
            weights += 30;
        }
        BigDecimal denominator = BigDecimal.valueOf(weights).multiply(priceScale).multiply(keywordScale);
        return BigDecimal.valueOf(20_000).multiply(numerator).add(denominator)
                .divideToIntegralValue(denominator.multiply(BigDecimal.valueOf(2)))
                .movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal clamp(BigDecimal value, BigDecimal max) {
        return value.max(BigDecimal.ZERO).min(max);
    }
}
