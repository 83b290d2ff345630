package org.agenticdeals.users;

/** What a user may do: {@code ADMIN}s manage users, roles and codes; {@code MODERATOR}s moderate content. */
public enum Role {
    /** Every registered user. */
    USER,
    /** Manages users, roles, the catalog's reference data, codes and AI models. */
    ADMIN,
    /** Moderates content, e.g. removes deals. */
    MODERATOR
}
