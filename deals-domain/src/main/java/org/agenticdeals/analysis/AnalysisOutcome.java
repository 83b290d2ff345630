package org.agenticdeals.analysis;

/**
 * What a provider answered.
 *
 * @param result     the analysis: a JSON object of at most {@value Analysis#MAX_RESULT} characters
 * @param tokensUsed the model tokens the call used, prompt and answer together
 */
public record AnalysisOutcome(String result, int tokensUsed) {
}
