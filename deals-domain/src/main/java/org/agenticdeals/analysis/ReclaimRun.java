package org.agenticdeals.analysis;

/**
 * What one run of the reclaim job did.
 *
 * @param requeued        requests taken back from workers that held them too long, pending again
 * @param failed          requests that had used up their attempts: failed and refunded
 * @param tokensRefunded  what those refunds gave back, in the library's tokens
 */
public record ReclaimRun(int requeued, int failed, int tokensRefunded) {
}
