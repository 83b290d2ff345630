package org.agenticdeals.internal;

import static org.agenticdeals.jooq.Tables.USERS;

import java.util.UUID;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.jooq.enums.UserRole;
import org.jooq.DSLContext;

/** Who may act: the Java-side check that complements row-level security for admin operations. */
public final class Actors {

    private Actors() {
    }

    /**
     * Refuses unless {@code actorId} is an active admin. An unknown actor is refused the same way, so the check
     * reveals nothing about which ids exist.
     */
    public static void requireAdmin(DSLContext tx, UUID actorId, String operation) {
        requireRole(tx, actorId, operation, UserRole.ADMIN);
    }

    /** Refuses unless {@code actorId} is an active admin or moderator: the roles that curate content. */
    public static void requireStaff(DSLContext tx, UUID actorId, String operation) {
        requireRole(tx, actorId, operation, UserRole.ADMIN, UserRole.MODERATOR);
    }

    private static void requireRole(DSLContext tx, UUID actorId, String operation, UserRole... roles) {
        boolean allowed = tx.fetchExists(tx.selectOne().from(USERS)
                .where(USERS.ID.eq(actorId).and(USERS.IS_ACTIVE).and(USERS.ROLE.in(roles))));
        if (!allowed) {
            throw new PermissionDeniedException(actorId, operation);
        }
    }
}
