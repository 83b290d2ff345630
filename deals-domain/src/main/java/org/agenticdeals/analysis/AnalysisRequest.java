package org.agenticdeals.analysis;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's request for an AI analysis, and what became of it.
 *
 * @param model          the name of the model the request was charged for
 * @param modelUsed      the model that answered (the fallback if the first one failed); null until completed
 * @param tokensCharged  what the request was charged up front, in the library's tokens
 * @param tokensUsed     the model tokens the answer used; null until completed
 * @param tokensRefunded what was given back: the unused part of the charge on completion, all of it on failure
 * @param attempts       how often a worker claimed it
 * @param result         the analysis, a JSON object; null unless completed
 * @param errorMessage   why it failed; null unless failed
 * @param replayed       true if an earlier request with the same idempotency key was returned instead of a new one
 */
public record AnalysisRequest(UUID id, UUID userId, AnalysisSubject subject, String usageType, AnalysisStatus status, String model,
                              String modelUsed, int tokensCharged, Integer tokensUsed, int tokensRefunded, int attempts, Instant requestedAt,
                              Instant completedAt, String result, String errorMessage, boolean replayed) {

    /** {@return what the request cost in the end}: the charge less the refund. */
    public int tokensSpent() {
        return tokensCharged - tokensRefunded;
    }
}
