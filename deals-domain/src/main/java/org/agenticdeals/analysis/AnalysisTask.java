package org.agenticdeals.analysis;

import java.time.Instant;
import java.util.UUID;

/**
 * An analysis request a worker has claimed: everything the worker needs to run it, and the claim that
 * {@code complete} and {@code fail} check (a request taken back from a worker that took too long refuses the old
 * claim).
 *
 * @param prompt        rendered when the request was made, from the template version active then
 * @param model         the model the request was charged for
 * @param tokensCharged what the request was charged, in the library's tokens: the answer may cost at most this
 * @param attempt       which claim of the request this is, from 1
 */
public record AnalysisTask(UUID requestId, UUID userId, AnalysisSubject subject, String usageType, String prompt, AiModel model,
                           int tokensCharged, int attempt, String workerId, Instant claimedAt) {

    /**
     * The most model tokens this task may spend on {@code model} without costing more than it was charged.
     *
     * @param model the model the task runs on
     * @return model tokens, at most the model's {@code maxTokens}
     */
    public int budget(AiModel model) {
        return model.budget(tokensCharged);
    }
}
