package org.agenticdeals.analysis;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agenticdeals.DealsException;
import org.agenticdeals.IllegalTransitionException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analysis queue for a host: claims a request, calls the {@link AnalysisProvider} with the request's model,
 * retries once on the fallback model when that call throws, and completes the request with the answer or fails it
 * (refunding it) when no model answered.
 *
 * <pre>{@code
 * try (AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), provider).workerId("worker-1").build()) {
 *     worker.start();      // polls on a thread of its own until closed
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #runOnce()} and {@link #drain()} run on the caller's thread instead, for hosts with their own scheduler.
 * Several workers, in one process or many, may run over the same database: each request goes to one of them. A worker
 * that dies mid-request leaves it to {@code analysis().reclaimStuck()}.
 */
public final class AnalysisWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);

    private final Analysis analysis;
    private final AnalysisProvider provider;
    private final String workerId;
    private final Duration pollInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread thread;

    private AnalysisWorker(Builder builder) {
        this.analysis = builder.analysis;
        this.provider = builder.provider;
        this.workerId = builder.workerId.strip();
        this.pollInterval = builder.pollInterval;
    }

    /**
     * A worker over {@code analysis}'s queue that calls {@code provider}; see {@link Builder} for its settings.
     *
     * @param analysis the queue, {@code deals.analysis()}
     * @param provider what calls the model
     * @return a builder
     */
    public static Builder builder(Analysis analysis, AnalysisProvider provider) {
        return new Builder(analysis, provider);
    }

    /** {@return the name this worker's claims carry} (a request's {@code worker_id} while it holds it). */
    public String workerId() {
        return workerId;
    }

    /**
     * Claims and runs one request, if one is pending.
     *
     * @return false if no request was pending
     * @throws DealsException if the database fails; the claimed request, if any, is then left to the reclaim job
     */
    public boolean runOnce() {
        Optional<AnalysisTask> claimed = analysis.claimNext(workerId);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get());
        return true;
    }

    /**
     * Runs requests until none is pending.
     *
     * @return how many it ran
     */
    public int drain() {
        int ran = 0;
        while (runOnce()) {
            ran++;
        }
        return ran;
    }

    /**
     * Starts polling on a daemon thread of its own: runs requests while any are pending, then waits the poll interval.
     * A database failure is logged and waited out the same way.
     *
     * @throws IllegalStateException if the worker is running already
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("worker " + workerId + " is running already");
        }
        Thread poller = new Thread(this::poll, "analysis-worker-" + workerId);
        poller.setDaemon(true);
        thread = poller;
        poller.start();
    }

    /** Stops polling and waits for the request in hand, if any, to finish. */
    @Override
    public void close() {
        running.set(false);
        Thread poller = thread;
        if (poller != null) {
            // Unparked, not interrupted: a provider call in flight finishes (an interrupt could fail it).
            LockSupport.unpark(poller);
            try {
                poller.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void poll() {
        while (running.get()) {
            try {
                if (runOnce()) {
                    continue;
                }
            } catch (DealsException failure) {
                log.warn("analysis worker {} could not reach the queue ({}); retrying in {}", workerId, failure.code(), pollInterval);
            } catch (RuntimeException failure) {
                // A bug must not end the polling thread silently; the request in hand, if any, is left to the reclaim job.
                log.error("analysis worker {} failed; retrying in {}", workerId, pollInterval, failure);
            }
            if (running.get()) {
                LockSupport.parkNanos(this, pollInterval.toNanos());
            }
        }
    }

    private void run(AnalysisTask task) {
        AnalysisCall primary = new AnalysisCall(task, task.model(), task.budget(task.model()), false);
        Attempt first = attempt(primary);
        if (first.outcome() != null) {
            finish(task, primary, first.outcome());
            return;
        }
        log.warn("analysis request {} attempt {}: model {} failed ({}), trying the fallback", task.requestId(), task.attempt(), task.model().name(),
                first.failure());
        Optional<AiModel> fallback = analysis.fallbackModel().filter(model -> !model.id().equals(task.model().id()))
                .filter(model -> task.budget(model) > 0);
        if (fallback.isEmpty()) {
            fail(task, first.failure() + "; no fallback model to try");
            return;
        }
        AnalysisCall second = new AnalysisCall(task, fallback.get(), task.budget(fallback.get()), true);
        Attempt retry = attempt(second);
        if (retry.outcome() != null) {
            finish(task, second, retry.outcome());
            return;
        }
        log.warn("analysis request {} attempt {}: fallback model {} failed too ({})", task.requestId(), task.attempt(), fallback.get().name(),
                retry.failure());
        fail(task, first.failure() + "; " + retry.failure());
    }

    /** The provider's answer, or why there is none. Only the provider's call is guarded: the library's own failures propagate. */
    private Attempt attempt(AnalysisCall call) {
        try {
            AnalysisOutcome outcome = provider.analyse(call);
            return outcome == null ? new Attempt(null, "model " + call.model().name() + " failed: the provider returned no outcome")
                    : new Attempt(outcome, null);
        } catch (Exception failure) {
            String message = failure.getMessage();
            return new Attempt(null, "model " + call.model().name() + " failed: " + failure.getClass().getSimpleName()
                    + (message == null ? "" : ": " + message));
        }
    }

    private record Attempt(AnalysisOutcome outcome, String failure) {
    }

    /** Completes with the answer; an answer the library refuses (not a JSON object, over budget) fails the request. */
    private void finish(AnalysisTask task, AnalysisCall call, AnalysisOutcome outcome) {
        try {
            analysis.complete(task, outcome.result(), call.model().name(), outcome.tokensUsed());
        } catch (ValidationException refused) {
            fail(task, "model " + call.model().name() + " gave an answer the library refused: " + refused.getMessage());
        } catch (IllegalTransitionException lost) {
            log.warn("analysis request {} attempt {} was taken from worker {} before it finished: {}", task.requestId(), task.attempt(), workerId,
                    lost.getMessage());
        }
    }

    private void fail(AnalysisTask task, String error) {
        try {
            analysis.fail(task, error);
        } catch (IllegalTransitionException lost) {
            log.warn("analysis request {} attempt {} was taken from worker {} before it failed: {}", task.requestId(), task.attempt(), workerId,
                    lost.getMessage());
        }
    }

    /** Collects the worker's settings. */
    public static final class Builder {

        private final Analysis analysis;
        private final AnalysisProvider provider;
        private String workerId = defaultWorkerId();
        private Duration pollInterval = Duration.ofSeconds(1);

        private Builder(Analysis analysis, AnalysisProvider provider) {
            this.analysis = Objects.requireNonNull(analysis, "analysis");
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * Names the worker in the requests it claims; default: the process's name and a random suffix. At most 100 characters.
         *
         * @param value at most 100 characters
         * @return this builder
         */
        public Builder workerId(String value) {
            this.workerId = value;
            return this;
        }

        /**
         * How long to wait when no request is pending; 10 ms to 1 hour, default 1 second.
         *
         * @param value 10 ms to 1 hour
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /**
         * @return the worker, not started
         * @throws IllegalArgumentException naming the setting that breaks its rule
         */
        public AnalysisWorker build() {
            // The rules claimNext applies: a worker id it would refuse would fail every poll.
            try {
                Checks.text("workerId", workerId, 100);
            } catch (ValidationException refused) {
                throw new IllegalArgumentException(refused.getMessage(), refused);
            }
            if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(10)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("pollInterval must be between 10 ms and 1 hour, was " + pollInterval);
            }
            return new AnalysisWorker(this);
        }

        private static String defaultWorkerId() {
            String process = ManagementFactory.getRuntimeMXBean().getName();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            return (process.length() > 80 ? process.substring(0, 80) : process) + "-" + suffix;
        }
    }
}
