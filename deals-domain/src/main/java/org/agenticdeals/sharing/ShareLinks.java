package org.agenticdeals.sharing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Public link ids: 24 bytes (192 bits) from {@link SecureRandom}, as 32 characters of URL-safe Base64 without
 * padding. Nothing about a share (its id, its time, its owner) goes into one, so knowing some links tells nothing
 * about others. The database checks the format too.
 */
final class ShareLinks {

    static final int BYTES = 24;
    static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ShareLinks() {
    }

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code link} could be one of ours: checked before the database is asked, so junk costs nothing. */
    static boolean wellFormed(String link) {
        if (link.length() != LENGTH) {
            return false;
        }
        for (int index = 0; index < LENGTH; index++) {
            char character = link.charAt(index);
            boolean allowed = (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z')
                    || (character >= '0' && character <= '9') || character == '-' || character == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
