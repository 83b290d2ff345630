package org.agenticdeals.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Password hashing (bcrypt) and verification tokens (256 random bits, stored as their SHA-256). */
final class Secrets {

    /** Characters of a token: 32 bytes in URL-safe Base64 without padding. */
    static final int TOKEN_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;
    private volatile String dummyHash;

    Secrets(int cost) {
        this.cost = cost;
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean verify(String password, String hash) {
        return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
    }

    /**
     * Spends the same time as {@link #verify} against a real hash of the configured cost, for an address that
     * has no account, so response times do not tell which addresses exist.
     */
    void verifyAgainstDummy(String password) {
        String dummy = dummyHash;
        if (dummy == null) {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            dummy = BCrypt.withDefaults().hashToString(cost, Base64.getEncoder().encodeToString(random).toCharArray());
            dummyHash = dummy;
        }
        verify(password, dummy);
    }

    /** Whether a stored hash was made with another cost than the configured one. */
    boolean needsRehash(String hash) {
        try {
            return Integer.parseInt(hash.substring(4, 6)) != cost;
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static boolean wellFormedToken(String token) {
        return token != null && token.length() == TOKEN_LENGTH && token.chars().allMatch(character ->
                character >= 'A' && character <= 'Z' || character >= 'a' && character <= 'z' || character >= '0' && character <= '9'
                        || character == '-' || character == '_');
    }
}
