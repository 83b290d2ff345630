package org.agenticdeals.users;

/**
 * What it takes to register. Validated by {@link Users#register(Registration)}: the e-mail address is trimmed,
 * lower-cased and checked by a real validator; the password against the policy.
 *
 * @param email    the address to register
 * @param password the plain password (hashed with bcrypt, never stored, never logged)
 * @param name     an optional display name
 */
public record Registration(String email, String password, String name) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Registration[email=" + email + ", password=****, name=" + name + "]";
    }
}
