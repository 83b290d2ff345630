package org.agenticdeals.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AiModelTest {

    @Test
    void aRequestIsChargedTheCostOfTheWholeBudgetRoundedUp() {
        assertThat(model("2.5", 4096).charge()).isEqualTo(11);      // 10.24
        assertThat(model("0.2", 2048).charge()).isEqualTo(1);       // 0.4096
        assertThat(model("0", 2048).charge()).isZero();
        assertThat(model("3", 1000).charge()).isEqualTo(3);
        assertThat(model("0.000001", 1).cost(1)).isEqualTo(1);
    }

    @Test
    void theBudgetIsTheMostTokensTheChargeCoversAndNeverMoreThanTheModelTakes() {
        assertThat(model("2.5", 4096).budget(11)).isEqualTo(4096);  // 11 tokens buy 4,400 but the model takes 4,096
        assertThat(model("3", 4096).budget(11)).isEqualTo(3666);
        assertThat(model("0", 512).budget(0)).isEqualTo(512);
        assertThat(model("20", 2048).budget(0)).isZero();
    }

    @Test
    void spendingTheBudgetNeverCostsMoreThanTheChargeAndOneTokenMoreWould() {
        var random = new SplittableRandom(7);
        for (int trial = 0; trial < 10_000; trial++) {
            AiModel model = model(BigDecimal.valueOf(random.nextLong(1, 10_000_000), 6).toPlainString(), random.nextInt(1, 200_000));
            int charged = random.nextInt(0, 5_000);
            int budget = model.budget(charged);
            assertThat(model.cost(budget)).as("%s charged %d", model, charged).isLessThanOrEqualTo(charged);
            if (budget < model.maxTokens()) {
                assertThat(model.cost(budget + 1)).as("%s charged %d", model, charged).isGreaterThan(charged);
            }
        }
    }

    private static AiModel model(String costPer1k, int maxTokens) {
        return new AiModel(UUID.randomUUID(), "m", "p", "1", true, false, new BigDecimal(costPer1k), maxTokens, new TreeSet<>(), Instant.EPOCH,
                Instant.EPOCH);
    }
}
