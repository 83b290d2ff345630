package org.agenticdeals.goals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RelevanceTest {

    @Test
    void everyComponentCountsWithItsWeight() {
        // headroom (100 - 50) / 100 = 0.5 (30), discount 0.2 (25), keywords (2*1 + 1) / (2*2) = 0.75 (30), reliability 0.9 (15):
        // (15 + 5 + 22.5 + 13.5) / 100 * 100 = 56.00
        assertThat(Relevance.score(new BigDecimal("50"), new BigDecimal("100"), new BigDecimal("20"), 2, 1, 1, new BigDecimal("0.9")))
                .isEqualByComparingTo("56.00");
    }

    @Test
    void componentsThatDoNotApplyLeaveTheMeanOfTheOthers() {
        // Without a maximum price and keywords: (25 * 0.4 + 15 * 1) / 40 * 100 = 62.50
        assertThat(Relevance.score(new BigDecimal("80"), null, new BigDecimal("40"), 0, 0, 0, BigDecimal.ONE)).isEqualByComparingTo("62.50");
    }

    @Test
    void theScoreStaysBetweenZeroAndAHundredAndRoundsHalfUp() {
        assertThat(Relevance.score(new BigDecimal("0.01"), new BigDecimal("999999.99"), new BigDecimal("100"), 3, 3, 0, BigDecimal.ONE))
                .isEqualByComparingTo("100.00");
        assertThat(Relevance.score(new BigDecimal("100"), new BigDecimal("100"), BigDecimal.ZERO, 1, 0, 0, null)).isEqualByComparingTo("0.00");
        // 25 * 0.0001 / 40 * 100 = 0.00625 -> 0.01
        assertThat(Relevance.score(BigDecimal.ONE, null, new BigDecimal("0.01"), 0, 0, 0, BigDecimal.ZERO)).isEqualByComparingTo("0.01");
        assertThat(Relevance.score(BigDecimal.ONE, null, new BigDecimal("0.01"), 0, 0, 0, BigDecimal.ZERO).scale()).isEqualTo(2);
    }

    @Test
    void titleHitsWeighTwiceWhatDescriptionHitsDo() {
        BigDecimal inTitle = Relevance.score(BigDecimal.TEN, null, BigDecimal.ZERO, 1, 1, 0, BigDecimal.ZERO);
        BigDecimal inDescription = Relevance.score(BigDecimal.TEN, null, BigDecimal.ZERO, 1, 0, 1, BigDecimal.ZERO);
        assertThat(inTitle).isEqualByComparingTo("42.86");
        assertThat(inDescription).isEqualByComparingTo("21.43");
    }
}
