package org.agenticdeals.analysis;

/**
 * Where an analysis request is: {@code PENDING} until a worker claims it, {@code PROCESSING} while the worker holds
 * it, then {@code COMPLETED} or {@code FAILED} for good. A request held too long goes back to {@code PENDING}.
 */
public enum AnalysisStatus {
    /** Queued, charged, waiting for a worker. */
    PENDING,
    /** Claimed by a worker, which holds it until it completes or fails it. */
    PROCESSING,
    /** Answered: the result is stored and the unused part of the charge refunded. */
    COMPLETED,
    /** Given up: the error is stored and the charge refunded in full. */
    FAILED
}
