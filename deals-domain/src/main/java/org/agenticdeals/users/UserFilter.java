package org.agenticdeals.users;

/**
 * Which users an admin listing shows. A null field does not filter.
 *
 * @param role     only users with this role
 * @param active   only active (true) or deactivated (false) users
 * @param verified only verified (true) or unverified (false) users
 */
public record UserFilter(Role role, Boolean active, Boolean verified) {

    /** Every user. */
    public static UserFilter all() {
        return new UserFilter(null, null, null);
    }

    public UserFilter withRole(Role value) {
        return new UserFilter(value, active, verified);
    }

    public UserFilter withActive(Boolean value) {
        return new UserFilter(role, value, verified);
    }

    public UserFilter withVerified(Boolean value) {
        return new UserFilter(role, active, value);
    }
}
