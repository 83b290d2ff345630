package org.agenticdeals.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads on which a call does part of its work on a second pooled connection: ingestion's search vectors
 * (decisions.md D53) and matching's goal shards (D56). Created on demand, ended after 30 idle seconds; the work
 * never depends on getting one.
 */
public final class HelperThreads {

    private static final ThreadPoolExecutor THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new Named());

    private HelperThreads() {
    }

    /** Starts {@code task} on a helper thread; false if no thread could be had (the caller then does the work itself). */
    public static boolean start(Runnable task) {
        try {
            THREADS.execute(task);
            return true;
        } catch (RejectedExecutionException noThread) {
            return false;
        }
    }

    private static final class Named implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "deals-helper-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
