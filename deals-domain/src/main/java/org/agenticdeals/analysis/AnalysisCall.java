package org.agenticdeals.analysis;

/**
 * What a worker asks an {@link AnalysisProvider}: run the task's prompt on this model, within this many model tokens.
 *
 * @param tokenBudget the most model tokens, prompt and answer together, the call may use; an answer reporting more
 *                    is refused
 * @param fallback    whether this is the second try, on the fallback model, after the task's model failed
 */
public record AnalysisCall(AnalysisTask task, AiModel model, int tokenBudget, boolean fallback) {
}
