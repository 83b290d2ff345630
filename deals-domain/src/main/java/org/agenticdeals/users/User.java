package org.agenticdeals.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as the services show it: never the password hash or the verification token.
 *
 * @param email    normalized: trimmed and lower-cased
 * @param name     the display name, or null
 * @param active   false once deactivated (nothing is deleted)
 * @param verified whether the e-mail address was verified
 */
public record User(UUID id, String email, String name, Role role, boolean active, boolean verified, Instant createdAt,
                   Instant updatedAt) {
}
