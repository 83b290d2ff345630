package org.agenticdeals.users;

/**
 * The result of a registration: the new user and the e-mail verification token to send them. Only the token's
 * hash is stored, so this is the one chance to read it.
 */
public record RegisteredUser(User user, String verificationToken) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "RegisteredUser[user=" + user + ", verificationToken=****]";
    }
}
