package org.agenticdeals.users;

/**
 * Which users an admin listing shows. A null field does not filter.
 *
 * @param role     only users with this role
 * @param active   only active (true) or deactivated (false) users
 * @param verified only verified (true) or unverified (false) users
 */
public record UserFilter(Role role, Boolean active, Boolean verified) {

    /** {@return a filter that keeps every user} */
    public static UserFilter all() {
        return new UserFilter(null, null, null);
    }

    /**
     * This filter keeping only one role.
     *
     * @param value the role, or null for any
     * @return the changed copy
     */
    public UserFilter withRole(Role value) {
        return new UserFilter(value, active, verified);
    }

    /**
     * This filter keeping only active (or only inactive) users.
     *
     * @param value true, false, or null for both
     * @return the changed copy
     */
    public UserFilter withActive(Boolean value) {
        return new UserFilter(role, value, verified);
    }

    /**
     * This filter keeping only verified (or only unverified) users.
     *
     * @param value true, false, or null for both
     * @return the changed copy
     */
    public UserFilter withVerified(Boolean value) {
        return new UserFilter(role, active, value);
    }
}
