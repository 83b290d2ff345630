package org.agenticdeals.analysis;

/**
 * Where an analysis request is: {@code PENDING} until a worker claims it, {@code PROCESSING} while the worker holds
 * it, then {@code COMPLETED} or {@code FAILED} for good. A request held too long goes back to {@code PENDING}.
 */
public enum AnalysisStatus {
    PENDING, PROCESSING, COMPLETED, FAILED
}
