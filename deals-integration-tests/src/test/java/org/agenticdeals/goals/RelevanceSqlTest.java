package org.agenticdeals.goals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
        var random = new SplittableRandom(5);
        int samples = 20_000;
        var prices = new BigDecimal[samples];
        var maxPrices = new BigDecimal[samples];
        var discounts = new BigDecimal[samples];
        var keywords = new Integer[samples];
        var titleHits = new Integer[samples];
        var descriptionHits = new Integer[samples];
        var reliabilities = new BigDecimal[samples];
        for (int index = 0; index < samples; index++) {
            prices[index] = BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
            maxPrices[index] = random.nextInt(3) == 0 ? null : BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
            discounts[index] = BigDecimal.valueOf(random.nextInt(10_001), 2);
            keywords[index] = random.nextInt(6);
            titleHits[index] = keywords[index] == 0 ? 0 : random.nextInt(keywords[index] + 1);
            descriptionHits[index] = keywords[index] == 0 ? 0 : random.nextInt(keywords[index] - titleHits[index] + 1);
            reliabilities[index] = random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(101), 2);
        }
        var rows = test.ownerDsl().fetch("select deals.goal_deal_relevance(p, m, d, k, t, h, r) from unnest(?::numeric[], ?::numeric[], ?::numeric[],"
                + " ?::int[], ?::int[], ?::int[], ?::numeric[]) with ordinality as input (p, m, d, k, t, h, r, position) order by position",
                prices, maxPrices, discounts, keywords, titleHits, descriptionHits, reliabilities);
        assertThat(rows).hasSize(samples);
        for (int index = 0; index < samples; index++) {
            Record row = rows.get(index);
            assertThat(row.get(0, BigDecimal.class)).as("sample %d", index)
                    .isEqualTo(Relevance.score(prices[index], maxPrices[index], discounts[index], keywords[index], titleHits[index],
                            descriptionHits[index], reliabilities[index]));
        }
    }
}
