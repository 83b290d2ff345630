package org.agenticdeals.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.agenticdeals.ValidationException;

/**
 * Keyset-pagination cursors: the sort key of the last row of a page (a time and an id), opaque to callers.
 * A cursor that was not issued by the library is refused.
 */
public final class Cursors {

    /** The position after which the next page starts. */
    public record Position(Instant time, UUID id) {
    }

    private Cursors() {
    }

    public static String encode(Instant time, UUID id) {
        long micros = time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
        String plain = "v1:" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    public static Position decode(String field, String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":");
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException();
            }
            long micros = Long.parseLong(parts[1]);
            Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
            return new Position(time, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException malformed) {
            throw new ValidationException(field, "is not a cursor this library issued");
        }
    }
}
