package org.agenticdeals.users;

/** What a user may do: {@code ADMIN}s manage users, roles and codes; {@code MODERATOR}s moderate content. */
public enum Role {
    USER,
    ADMIN,
    MODERATOR
}
