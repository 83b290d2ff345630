package org.agenticdeals.goals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SQL function matching scores with, {@code goal_deal_relevance}, and its Java mirror agree on random inputs. */
class RelevanceSqlTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty();

    @Test
    void theSqlFormulaAndItsJavaMirrorAgreeOnRandomDeals(TestDatabase test) {
        Inputs inputs = Inputs.random(new SplittableRandom(5), 20_000);
        var rows = test.ownerDsl().fetch("select deals.goal_deal_relevance(p, m, d, k, t, h, r) from " + Inputs.UNNEST + " order by position",
                inputs.parameters());
        inputs.assertScores(rows);
    }

    /** Matching rounds the floating-point mean, and computes exactly only near a rounding tie: it still gets every digit right. */
    @Test
    void theRoundedApproximateRelevanceMatchingUsesIsExact(TestDatabase test) {
        Inputs inputs = Inputs.random(new SplittableRandom(6), 50_000);
        String approximate = MatchingQueries.approximateRelevance("p::float8", "m::float8", MatchingQueries.basePoints("d", "coalesce(r, 0)"), "k", "t", "h");
        var rows = test.ownerDsl().fetch("select " + MatchingQueries.relevance("deals", approximate, "p", "m", "d", "k", "t", "h", "r")
                + ", abs(" + approximate + " * 100 - floor(" + approximate + " * 100) - 0.5) <= 1e-6 from " + Inputs.UNNEST + " order by position",
                inputs.parameters());
        inputs.assertScores(rows);
        assertThat(rows.stream().filter(row -> row.get(1, Boolean.class)).count()).as("ties computed exactly").isGreaterThan(1_000);
    }

    /** Random goals and deals as {@code goal_deal_relevance} takes them. */
    private record Inputs(BigDecimal[] prices, BigDecimal[] maxPrices, BigDecimal[] discounts, Integer[] keywords, Integer[] titleHits,
                          Integer[] descriptionHits, BigDecimal[] reliabilities) {

        static final String UNNEST = "unnest(?::numeric[], ?::numeric[], ?::numeric[], ?::int[], ?::int[], ?::int[], ?::numeric[])"
                + " with ordinality as input (p, m, d, k, t, h, r, position)";

        static Inputs random(SplittableRandom random, int samples) {
            var inputs = new Inputs(new BigDecimal[samples], new BigDecimal[samples], new BigDecimal[samples], new Integer[samples],
                    new Integer[samples], new Integer[samples], new BigDecimal[samples]);
            for (int index = 0; index < samples; index++) {
                inputs.prices[index] = BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
                inputs.maxPrices[index] = random.nextInt(3) == 0 ? null : BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
                inputs.discounts[index] = BigDecimal.valueOf(random.nextInt(10_001), 2);
                inputs.keywords[index] = random.nextInt(6);
                inputs.titleHits[index] = inputs.keywords[index] == 0 ? 0 : random.nextInt(inputs.keywords[index] + 1);
                inputs.descriptionHits[index] = inputs.keywords[index] == 0 ? 0 : random.nextInt(inputs.keywords[index] - inputs.titleHits[index] + 1);
                inputs.reliabilities[index] = random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(101), 2);
            }
            return inputs;
        }

        Object[] parameters() {
            return new Object[] {prices, maxPrices, discounts, keywords, titleHits, descriptionHits, reliabilities};
        }

        /** Each row's first column is its sample's relevance as the Java mirror computes it. */
        void assertScores(List<? extends Record> rows) {
            assertThat(rows).hasSize(prices.length);
            for (int index = 0; index < prices.length; index++) {
                assertThat(rows.get(index).get(0, BigDecimal.class)).as("sample %d", index)
                        .isEqualTo(Relevance.score(prices[index], maxPrices[index], discounts[index], keywords[index], titleHits[index],
                                descriptionHits[index], reliabilities[index]));
            }
        }
    }
}
