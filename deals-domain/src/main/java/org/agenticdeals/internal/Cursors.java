package org.agenticdeals.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.agenticdeals.ValidationException;

/**
 * Keyset-pagination cursors: the sort key of the last row of a page, opaque to callers. A cursor that was not
 * issued by the library (for this list) is refused as a {@link ValidationException} on {@code page.cursor}.
 *
 * <p>Most lists sort by a time and an id ({@link #encode(Instant, UUID)}); lists with other keys write their parts
 * under a version tag of their own ({@link #encodeParts}, {@link #decodeParts}), which keeps one list's cursor from
 * being read as another's.
 */
public final class Cursors {

    /** The position after which the next page starts. */
    public record Position(Instant time, UUID id) {
    }

    private Cursors() {
    }

    public static String encode(Instant time, UUID id) {
        return encodeParts("v1", micros(time), id);
    }

    public static Position decode(String field, String cursor) {
        String[] parts = decodeParts(field, cursor, "v1", 2);
        try {
            return new Position(instant(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException malformed) {
            throw notACursor(field);
        }
    }

    /** A cursor of {@code parts} (none may contain ':') under a list's {@code version} tag. */
    public static String encodeParts(String version, Object... parts) {
        var plain = new StringBuilder(version);
        for (Object part : parts) {
            plain.append(':').append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The {@code count} parts of a cursor {@link #encodeParts} wrote under {@code version}; the caller parses them and
     * reports a part that does not parse with {@link #notACursor}.
     */
    public static String[] decodeParts(String field, String cursor, String version, int count) {
        try {
            String[] split = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
            if (split.length != count + 1 || !split[0].equals(version)) {
                throw notACursor(field);
            }
            return java.util.Arrays.copyOfRange(split, 1, split.length);
        } catch (IllegalArgumentException malformed) {
            throw notACursor(field);
        }
    }

    public static ValidationException notACursor(String field) {
        return new ValidationException(field, "is not a cursor this library issued for this list");
    }

    /** Microseconds since the epoch: PostgreSQL's precision, so a time survives the round trip exactly. */
    public static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /**
     * The time of a cursor's part: microseconds since the epoch within the years the library stores (no issued cursor
     * holds another), so a forged cursor cannot carry a time PostgreSQL refuses.
     *
     * @throws IllegalArgumentException if the part is not such a number, for the caller to report with {@link #notACursor}
     */
    public static Instant instant(String micros) {
        Instant time = instant(Long.parseLong(micros));
        if (!Checks.isStorable(time)) {
            throw new IllegalArgumentException("a cursor time out of range");
        }
        return time;
    }
}
