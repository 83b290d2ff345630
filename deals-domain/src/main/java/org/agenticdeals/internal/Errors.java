package org.agenticdeals.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.function.Supplier;
import org.agenticdeals.ConflictException;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.DealsException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns database failures into the library's exceptions. A violated constraint with a known meaning becomes
 * the refusal it means; anything else keeps its SQLSTATE in a {@link DealsDataAccessException} whose message
 * names the failure class but never echoes SQL, values or server detail (they can contain user data).
 */
public final class Errors {

    /** Constraint name to the refusal its violation means. */
    private static final Map<String, Supplier<DealsException>> CONSTRAINTS = Map.ofEntries(
            Map.entry("idx_users_email", () -> new ConflictException("email", "email is registered already")),
            Map.entry("token_redemption_codes_code_key", () -> new ConflictException("code", "code exists already")),
            Map.entry("token_transaction_keys_pkey", () -> new ConflictException("idempotencyKey", "idempotencyKey is in use by another operation")),
            Map.entry("markets_name_key", () -> new ConflictException("name", "a market has this name already")),
            Map.entry("sources_name_key", () -> new ConflictException("name", "a source has this name already")),
            Map.entry("unique_name_per_parent", () -> new ConflictException("name", "the parent has a category of this name already")),
            Map.entry("uq_categories_root_name", () -> new ConflictException("name", "a root category has this name already")),
            // A user id that names no user, in a user's own context (row-level security lets the row through; the key does not).
            Map.entry("social_interactions_user_id_fkey", () -> new NotFoundException("user", "of the interaction")),
            Map.entry("ai_analysis_requests_user_id_fkey", () -> new NotFoundException("user", "of the analysis request")),
            Map.entry("token_transaction_keys_user_id_fkey", () -> new NotFoundException("user", "of the token movement")),
            Map.entry("token_transactions_user_id_fkey", () -> new NotFoundException("user", "of the token movement")),
            Map.entry("token_code_redemptions_user_id_fkey", () -> new NotFoundException("user", "of the redemption")),
            Map.entry("token_expiring_credits_user_id_fkey", () -> new NotFoundException("user", "of the token credit")),
            Map.entry("saved_deals_user_id_fkey", () -> new NotFoundException("user", "of the saved deal")),
            Map.entry("user_goals_user_id_fkey", () -> new NotFoundException("user", "of the goal")),
            Map.entry("shared_deals_user_id_fkey", () -> new NotFoundException("user", "of the share")),
            Map.entry("notifications_user_id_fkey", () -> new NotFoundException("user", "of the notification")),
            Map.entry("ai_models_name_key", () -> new ConflictException("name", "an AI model has this name already")),
            Map.entry("unique_template_version", () -> new ConflictException("version", "the template has this version already")),
            // Both are kept by the library's locking; a host writing the tables directly can still break them.
            Map.entry("one_active_template_per_usage", () -> new ConflictException("usageType", "a usage type must keep one active template version")),
            Map.entry("uq_ai_models_fallback", () -> new ConflictException("fallback", "another model is the fallback already")));

    private Errors() {
    }

    /** The SQLSTATE of {@code failure} or of its cause chain, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Whether the transaction failed only because it collided with a concurrent one, so running it again may pass. */
    public static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return "40001".equals(state) || "40P01".equals(state);
    }

    public static DealsException translate(DataAccessException failure) {
        String state = sqlState(failure);
        String constraint = constraintName(failure);
        if (constraint != null && CONSTRAINTS.containsKey(constraint)) {
            return CONSTRAINTS.get(constraint).get();
        }
        if (state == null) {
            return lostConnection(failure)
                    ? new DealsDataAccessException(ErrorCode.UNAVAILABLE, "the database is unavailable (no connection)", null, failure)
                    : new DealsDataAccessException(ErrorCode.DATA_ACCESS, "database access failed", null, failure);
        }
        if (state.startsWith("23") && constraint != null) {
            return switch (state) {
                case "23514" -> new ValidationException(constraint, "is violated (database check)");
                case "23505" -> new ConflictException(constraint, constraint + " is taken");
                default -> new DealsDataAccessException(ErrorCode.DATA_ACCESS, "integrity constraint " + constraint + " violated (" + state + ")",
                        state, failure);
            };
        }
        ErrorCode code = switch (state.substring(0, 2)) {
            case "40" -> ErrorCode.CONCURRENT_UPDATE;
            case "08", "53", "57" -> state.equals("57014") ? ErrorCode.TIMEOUT : ErrorCode.UNAVAILABLE;
            case "55" -> state.equals("55P03") ? ErrorCode.TIMEOUT : ErrorCode.DATA_ACCESS;
            default -> ErrorCode.DATA_ACCESS;
        };
        return new DealsDataAccessException(code, describe(code, state), state, failure);
    }

    private static String describe(ErrorCode code, String state) {
        return switch (code) {
            case CONCURRENT_UPDATE -> "concurrent transactions kept conflicting (SQLSTATE " + state + "); try again";
            case TIMEOUT -> "the database call timed out (SQLSTATE " + state + ")";
            case UNAVAILABLE -> "the database is unavailable (SQLSTATE " + state + ")";
            default -> "database access failed (SQLSTATE " + state + ")";
        };
    }

    /**
     * Whether a failure without an SQLSTATE says the connection was lost or could not be had, by its JDBC type: a pool
     * that timed out waiting for a free connection (HikariCP's {@link SQLTransientConnectionException} when no
     * connection attempt had failed, so there is no SQLSTATE to pass on), a connection the driver or pool reports
     * broken.
     */
    private static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    private static String constraintName(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                return message == null ? null : message.getConstraint();
            }
        }
        return null;
    }
}
