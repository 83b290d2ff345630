package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.math.MathContext;
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

    private static final MathContext PRECISION = MathContext.DECIMAL128;
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
        boolean priced = maxPrice != null && maxPrice.signum() > 0;
        BigDecimal sum = BigDecimal.ZERO;
        int weights = 40;
        if (priced) {
            sum = sum.add(BigDecimal.valueOf(30).multiply(clamp(maxPrice.subtract(price).divide(maxPrice, PRECISION))));
            weights += 30;
        }
        sum = sum.add(BigDecimal.valueOf(25).multiply(clamp(discount == null ? BigDecimal.ZERO : discount.divide(HUNDRED, PRECISION))));
        if (keywordCount > 0) {
            BigDecimal hits = BigDecimal.valueOf(2L * titleHits + descriptionHits).divide(BigDecimal.valueOf(2L * keywordCount), PRECISION);
            sum = sum.add(BigDecimal.valueOf(30).multiply(hits.min(BigDecimal.ONE)));
            weights += 30;
        }
        sum = sum.add(BigDecimal.valueOf(15).multiply(clamp(reliability == null ? BigDecimal.ZERO : reliability)));
        return sum.multiply(HUNDRED).divide(BigDecimal.valueOf(weights), PRECISION).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal clamp(BigDecimal value) {
        return value.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }
}
