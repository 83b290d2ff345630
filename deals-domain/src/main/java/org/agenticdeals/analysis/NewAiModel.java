package org.agenticdeals.analysis;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A model to register, or the new values of one ({@code analysis().updateModel}).
 *
 * @param name           unique, at most 100 characters
 * @param provider       who serves it, e.g. {@code openai}; at most 100 characters
 * @param version        at most 100 characters
 * @param tokenCostPer1k what 1,000 model tokens cost in the library's tokens: 0 to 9999.999999, at most 6 decimals
 * @param maxTokens      one request's budget of model tokens: 1 to 10,000,000, and a request's charge
 *                       ({@code maxTokens × tokenCostPer1k / 1000}) may not exceed {@code TokenLedger.MAX_TOKENS}
 * @param capabilities   the usage types it serves (each like {@code deal_analysis}), at most 50
 */
public record NewAiModel(String name, String provider, String version, BigDecimal tokenCostPer1k, int maxTokens, Set<String> capabilities) {

    /**
     * This model with another name.
     *
     * @param value unique, at most 100 characters
     * @return the changed copy
     */
    public NewAiModel withName(String value) {
        return new NewAiModel(value, provider, version, tokenCostPer1k, maxTokens, capabilities);
    }

    /**
     * This model with another provider.
     *
     * @param value at most 100 characters
     * @return the changed copy
     */
    public NewAiModel withProvider(String value) {
        return new NewAiModel(name, value, version, tokenCostPer1k, maxTokens, capabilities);
    }

    /**
     * This model with another version.
     *
     * @param value at most 100 characters
     * @return the changed copy
     */
    public NewAiModel withVersion(String value) {
        return new NewAiModel(name, provider, value, tokenCostPer1k, maxTokens, capabilities);
    }

    /**
     * This model with another price.
     *
     * @param value what 1,000 model tokens cost in the library's tokens
     * @return the changed copy
     */
    public NewAiModel withTokenCostPer1k(BigDecimal value) {
        return new NewAiModel(name, provider, version, value, maxTokens, capabilities);
    }

    /**
     * This model with another budget per request.
     *
     * @param value model tokens, 1 to 10,000,000
     * @return the changed copy
     */
    public NewAiModel withMaxTokens(int value) {
        return new NewAiModel(name, provider, version, tokenCostPer1k, value, capabilities);
    }

    /**
     * This model with other capabilities.
     *
     * @param value usage types, at most 50
     * @return the changed copy
     */
    public NewAiModel withCapabilities(Set<String> value) {
        return new NewAiModel(name, provider, version, tokenCostPer1k, maxTokens, value);
    }

    static NewAiModel of(AiModel model) {
        return new NewAiModel(model.name(), model.provider(), model.version(), model.tokenCostPer1k(), model.maxTokens(), model.capabilities());
    }
}
