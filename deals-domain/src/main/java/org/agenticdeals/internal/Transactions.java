package org.agenticdeals.internal;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each facade method in one transaction: sets the security context and the timeouts transaction-locally
 * (one statement, sent in the same round trip as {@code BEGIN}), runs the work on the transaction's
 * {@link DSLContext}, retries the whole transaction a bounded number of times when PostgreSQL aborts it for a
 * serialization failure or deadlock, and translates database failures into the library's exceptions.
 *
 * <p>Inside {@code Deals.inTransaction} the instance is bound to the enclosing transaction: each call becomes a
 * savepoint of it, with its own security context, and only the outermost transaction retries.
 */
public final class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final String SET_CONTEXT = "select set_config('app.current_user_id', ?, true), set_config('app.system_context', ?, true),"
            + " set_config('app.actor_id', ?, true), set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true),"
            // JIT compiles a statement whose estimated cost passes jit_above_cost: seconds for the matching
            // statements, whose costs are inflated by the planner settings they need (D55). Nothing here gains.
            + " set_config('jit', 'off', true)";
    private static final String SET_CONTEXT_CUSTOM_PLANS = SET_CONTEXT + ", set_config('plan_cache_mode', 'force_custom_plan', true)";

    private final DSLContext root;
    private final Configuration enclosing;
    private final int maxRetries;
    private final String statementTimeout;
    private final String lockTimeout;

    public Transactions(DSLContext root, int maxRetries, Duration statementTimeout, Duration lockTimeout) {
        this(root, null, maxRetries, String.valueOf(statementTimeout.toMillis()), String.valueOf(lockTimeout.toMillis()));
    }

    private Transactions(DSLContext root, Configuration enclosing, int maxRetries, String statementTimeout, String lockTimeout) {
        this.root = root;
        this.enclosing = enclosing;
        this.maxRetries = maxRetries;
        this.statementTimeout = statementTimeout;
        this.lockTimeout = lockTimeout;
    }

    /** The same settings, bound to an enclosing transaction: calls become its savepoints. */
    public Transactions boundTo(Configuration transaction) {
        return new Transactions(root, transaction, maxRetries, statementTimeout, lockTimeout);
    }

    /** Whether calls run inside an enclosing transaction. */
    public boolean nested() {
        return enclosing != null;
    }

    /** Runs {@code work} in its own transaction (or savepoint) in {@code context}. */
    public <T> T run(SecurityContext context, TransactionWork<T> work) {
        return run(contextStatement(context, SET_CONTEXT), work);
    }

    /**
     * Like {@link #run}, for statements whose best plan depends on their values (a search whose filters may match
     * ten deals or half the catalog): each statement is planned for its values, never with a cached generic plan.
     * The setting is transaction-local; in a composed transaction it holds until the transaction ends.
     */
    public <T> T runPlannedPerCall(SecurityContext context, TransactionWork<T> work) {
        return run(contextStatement(context, SET_CONTEXT_CUSTOM_PLANS), work);
    }

    private <T> T run(ContextStatement context, TransactionWork<T> work) {
        if (enclosing != null) {
            return inSavepoint(transaction -> {
                transaction.execute(context.sql(), context.parameters().toArray());
                return work.execute(transaction);
            });
        }
        return withRetries(() -> root.transactionResult(configuration -> {
            DSLContext transaction = configuration.dsl();
            transaction.execute(context.sql(), context.parameters().toArray());
            return work.execute(transaction);
        }));
    }

    /**
     * Runs {@code work} in its own transaction (or savepoint) without setting {@code context} first: the work sends
     * {@link ContextStatement} itself, in the same round trip as its first statement. For hot paths, where one
     * network round trip less is a third of the time.
     */
    public <T> T runFused(SecurityContext context, FusedWork<T> work) {
        ContextStatement statement = contextStatement(context, SET_CONTEXT);
        if (enclosing != null) {
            return inSavepoint(transaction -> work.execute(transaction, statement));
        }
        return withRetries(() -> root.transactionResult(configuration -> work.execute(configuration.dsl(), statement)));
    }

    /** The SQL and parameters that set a security context and the timeouts, to be sent ahead of other work. */
    public record ContextStatement(String sql, java.util.List<String> parameters) {
    }

    /** Work that sends the {@link ContextStatement} together with its own first statement. */
    @FunctionalInterface
    public interface FusedWork<T> {
        T execute(DSLContext transaction, ContextStatement context);
    }

    /** Runs {@code work} as the outermost transaction, retried as a whole; for {@code Deals.inTransaction}. */
    public <T> T runComposed(Function<Configuration, T> work) {
        if (enclosing != null) {
            return inSavepoint(transaction -> work.apply(transaction.configuration()));
        }
        return withRetries(() -> root.transactionResult(work::apply));
    }

    /**
     * Runs {@code work} in a savepoint of the enclosing transaction: released if it returns, rolled back to if it
     * throws. Not jOOQ's nested {@code transactionResult}, which ignores a failure to release the savepoint: when that
     * failure is a lost connection, a pool like HikariCP has closed the connection by the time the enclosing
     * transaction's next statement runs, and that statement fails with no SQLSTATE ("Connection is closed"), which
     * reads as a non-retryable {@code DATA_ACCESS} failure instead of the retryable {@code UNAVAILABLE} it is. Here the
     * release failure itself is thrown, with its SQLSTATE (57P01, 08006).
     */
    private <T> T inSavepoint(Function<DSLContext, T> work) {
        DSLContext transaction = DSL.using(enclosing);
        return translated(() -> transaction.connectionResult(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            T result;
            try {
                result = work.apply(transaction);
            } catch (RuntimeException | Error failed) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollbackFailed) {
                    failed.addSuppressed(rollbackFailed);
                }
                throw failed;
            }
            connection.releaseSavepoint(savepoint);
            return result;
        }));
    }

    private ContextStatement contextStatement(SecurityContext context, String sql) {
        // Anonymous sets nothing: row-level security then shows no user-owned row.
        String user = context instanceof SecurityContext.AsUser asUser ? asUser.userId().toString() : "";
        String system = context instanceof SecurityContext.AsSystem ? "on" : "off";
        String actor = context instanceof SecurityContext.AsSystem asSystem && asSystem.actorId() != null ? asSystem.actorId().toString() : "";
        return new ContextStatement(sql, java.util.List.of(user, system, actor, statementTimeout, lockTimeout));
    }

    private <T> T withRetries(java.util.function.Supplier<T> transaction) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction.get();
            } catch (DataAccessException | DealsDataAccessException failed) {
                if (Errors.isTransient(failed) && attempt < maxRetries) {
                    log.debug("retrying a transaction after SQLSTATE {} (attempt {} of {})", Errors.sqlState(failed), attempt + 1, maxRetries);
                    backOff(attempt);
                    continue;
                }
                if (Errors.isTransient(failed)) {
                    throw new DealsDataAccessException(ErrorCode.CONCURRENT_UPDATE, "concurrent transactions kept conflicting after "
                            + (maxRetries + 1) + " attempts (SQLSTATE " + Errors.sqlState(failed) + "); try again", Errors.sqlState(failed), failed);
                }
                throw failed instanceof DataAccessException dataAccess ? Errors.translate(dataAccess) : (DealsDataAccessException) failed;
            }
        }
    }

    /**
     * A savepoint's failure, translated. A serialization failure or deadlock aborted the whole enclosing
     * transaction's chance, so it surfaces as a retryable {@code CONCURRENT_UPDATE} that the outermost
     * transaction recognizes and retries.
     */
    private static <T> T translated(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException failed) {
            if (Errors.isTransient(failed)) {
                throw new DealsDataAccessException(ErrorCode.CONCURRENT_UPDATE, "the transaction collided with a concurrent one (SQLSTATE "
                        + Errors.sqlState(failed) + "); the outermost transaction is retried", Errors.sqlState(failed), failed);
            }
            throw Errors.translate(failed);
        }
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(100, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DealsDataAccessException(ErrorCode.CONCURRENT_UPDATE, "interrupted while retrying a transaction", null, interrupted);
        }
    }
}
