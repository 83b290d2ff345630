package org.agenticdeals.analysis;

/**
 * The host's bridge to a language model: the library never calls one itself. {@link AnalysisWorker} calls
 * {@link #analyse} with a claimed task; when it throws for the task's model, the worker tries the fallback model once,
 * and fails the request (refunding it) if that throws too.
 *
 * <p>Implementations are called from the worker's thread, one call at a time per worker; several workers may share
 * one provider, so it should be thread-safe. A call should finish well within {@code DealsConfig.analysisClaimTimeout}:
 * a request held longer is handed to another worker, and the late answer is refused.
 */
@FunctionalInterface
public interface AnalysisProvider {

    /**
     * Runs {@code call.task().prompt()} on {@code call.model()} within {@code call.tokenBudget()} model tokens.
     *
     * @param call the task, the model and the budget of model tokens
     * @return the answer and the model tokens it used
     * @throws Exception when the model cannot answer; the message is stored with the failed request (shown to its
     *                   user), so it should not contain secrets
     */
    AnalysisOutcome analyse(AnalysisCall call) throws Exception;
}
