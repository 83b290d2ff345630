package org.agenticdeals.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A language model the host can call.
 *
 * @param tokenCostPer1k what 1,000 model tokens cost in the library's tokens (the ledger's currency)
 * @param maxTokens      the most model tokens, prompt and answer together, one request may use with this model;
 *                       a request is charged for that many up front and refunded what it did not use
 * @param capabilities   the usage types the model serves, e.g. {@code deal_analysis}
 * @param fallback       whether this is the model to use when no other has a capability, or when the model a
 *                       request was given fails
 */
public record AiModel(UUID id, String name, String provider, String version, boolean active, boolean fallback, BigDecimal tokenCostPer1k,
                      int maxTokens, SortedSet<String> capabilities, Instant createdAt, Instant updatedAt) {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    /**
     * Copies the capabilities into a sorted, unmodifiable set.
     *
     * @param id the model's id
     * @param name its unique name
     * @param provider who serves it
     * @param version its version
     * @param active whether requests may select it
     * @param fallback whether it is the fallback model
     * @param tokenCostPer1k what 1,000 model tokens cost in the library's tokens
     * @param maxTokens one request's budget of model tokens
     * @param capabilities the usage types it serves
     * @param createdAt when it was registered
     * @param updatedAt when it last changed
     */
    public AiModel {
        capabilities = Collections.unmodifiableSortedSet(new TreeSet<>(capabilities));
    }

    /**
     * Whether the model serves {@code capability}.
     *
     * @param capability a usage type, e.g. {@code deal_analysis}
     * @return true if it is one of {@link #capabilities()}
     */
    public boolean can(String capability) {
        return capabilities.contains(capability);
    }

    /**
     * What {@code modelTokens} cost in the library's tokens: {@code ceil(modelTokens × tokenCostPer1k / 1000)}.
     *
     * @param modelTokens model tokens, at least 0
     * @return the library's tokens they cost, rounded up
     */
    public int cost(int modelTokens) {
        return BigDecimal.valueOf(modelTokens).multiply(tokenCostPer1k).divide(THOUSAND, 0, RoundingMode.CEILING).intValueExact();
    }

    /** {@return the charge for one request}: the cost of {@link #maxTokens}. */
    public int charge() {
        return cost(maxTokens);
    }

    /**
     * The most model tokens {@code tokens} of the library's pay for with this model, at most {@link #maxTokens}: the
     * budget a request charged {@code tokens} may spend on it.
     *
     * @param tokens the library's tokens charged
     * @return model tokens, 0 to {@link #maxTokens}
     */
    public int budget(int tokens) {
        if (tokenCostPer1k.signum() == 0) {
            return maxTokens;
        }
        BigDecimal affordable = BigDecimal.valueOf(tokens).multiply(THOUSAND).divide(tokenCostPer1k, 0, RoundingMode.FLOOR);
        return affordable.compareTo(BigDecimal.valueOf(maxTokens)) >= 0 ? maxTokens : affordable.intValueExact();
    }
}
