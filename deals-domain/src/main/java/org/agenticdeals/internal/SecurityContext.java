package org.agenticdeals.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * Whose rows a transaction may see, set transaction-locally before its work: one user's (row-level security
 * filters by {@code app.current_user_id}), the system's (every row; jobs and admin work, with the acting admin
 * recorded for the audit log), or nobody's (tables without row-level security only).
 */
public sealed interface SecurityContext {

    /** A user's own rows. */
    record AsUser(UUID userId) implements SecurityContext {
        public AsUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** Every row; {@code actorId} (nullable) is the admin on whose behalf, recorded by the audit triggers. */
    record AsSystem(UUID actorId) implements SecurityContext {
    }

    /** No user-owned rows at all. */
    record Anonymous() implements SecurityContext {
    }

    static SecurityContext user(UUID userId) {
        return new AsUser(userId);
    }

    static SecurityContext system() {
        return new AsSystem(null);
    }

    static SecurityContext systemActingFor(UUID actorId) {
        return new AsSystem(Objects.requireNonNull(actorId, "actorId"));
    }

    static SecurityContext anonymous() {
        return new Anonymous();
    }
}
