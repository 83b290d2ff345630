package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;

/**
 * The keyset position after a search page: the sort it belongs to and the sort key of the page's last row.
 *
 * @param tier relevance's tier (0: the title matches, 1: only with the description); 0 for the other sorts
 * @param key  the last row's creation time (relevance, newest), discount or price
 */
record SearchCursor(DealQuery.Sort sort, int tier, Object key, UUID id) {

    private static final String VERSION = "s2";

    String encode() {
        String keyText = key instanceof BigDecimal decimal ? decimal.toPlainString() : key.toString();
        String plain = String.join("|", VERSION, sort.name(), Integer.toString(tier), keyText, id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ValidationException on {@code page.cursor} if the cursor is not one this library issued, or belongs to
     *                             a search in another order
     */
    static SearchCursor decode(String cursor, DealQuery.Sort expected) {
        String[] parts;
        DealQuery.Sort sort;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals(VERSION)) {
                throw malformed();
            }
            sort = DealQuery.Sort.valueOf(parts[1]);
        } catch (IllegalArgumentException notBase64OrNoSort) {
            throw malformed();
        }
        if (sort != expected) {
            throw new ValidationException("page.cursor", "belongs to a search sorted by " + sort + ", not " + expected);
        }
        try {
            int tier = Integer.parseInt(parts[2]);
            if (tier != 0 && (tier != 1 || sort != DealQuery.Sort.RELEVANCE)) {
                throw malformed();
            }
            Object key = switch (sort) {
                case RELEVANCE, NEWEST -> time(parts[3]);
                case DISCOUNT -> decimal(parts[3], "100");
                case PRICE -> decimal(parts[3], Checks.MAX_MONEY.toPlainString());
            };
            return new SearchCursor(sort, tier, key, UUID.fromString(parts[4]));
        } catch (IllegalArgumentException | DateTimeParseException badValue) {
            throw malformed();
        }
    }

    /** A creation time as issued: within the years the library stores, so a forged one cannot reach PostgreSQL out of range. */
    private static OffsetDateTime time(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        if (!Checks.isStorable(time.toInstant())) {
            throw malformed();
        }
        return time;
    }

    /** A discount or price as issued: 0 to {@code max}, at most two decimals. */
    private static BigDecimal decimal(String text, String max) {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() < 0 || value.compareTo(new BigDecimal(max)) > 0 || value.stripTrailingZeros().scale() > 2) {
            throw malformed();
        }
        return value;
    }

    private static ValidationException malformed() {
        return new ValidationException("page.cursor", "is not a cursor this library issued");
    }
}
