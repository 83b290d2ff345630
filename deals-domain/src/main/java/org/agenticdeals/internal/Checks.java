package org.agenticdeals.internal;

import java.math.BigDecimal;
import java.time.Instant;
import org.agenticdeals.ValidationException;

/** Validation at the boundary: each check names the field and the rule, and never echoes a secret. */
public final class Checks {

    private static final int SHOWN = 40;

    /** The earliest time the library stores or compares: the first instant of year 1 (UTC). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest time the library stores or compares: the last microsecond of year 9999 (UTC). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** The largest money amount a NUMERIC(10, 2) column holds. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("99999999.99");

    private Checks() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /** A required text, stripped; refuses blank, longer than {@code maxLength} or containing control characters. */
    public static String text(String field, String value, int maxLength) {
        String stripped = required(field, value).strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(field, "must not be blank");
        }
        return optionalText(field, stripped, maxLength);
    }

    /** An optional text: null or blank becomes null; otherwise as {@link #text}. */
    public static String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new ValidationException(field, "must be at most " + maxLength + " characters, was " + stripped.length());
        }
        if (hasControlCharacters(stripped)) {
            throw new ValidationException(field, "must not contain control characters");
        }
        if (hasLoneSurrogate(stripped)) {
            throw new ValidationException(field, "must be valid Unicode (it contains a lone surrogate)");
        }
        return stripped;
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A required money amount: at least {@code min}, at most two decimals, fitting NUMERIC(10, 2). */
    public static BigDecimal money(String field, BigDecimal value, BigDecimal min) {
        required(field, value);
        if (value.compareTo(min) < 0) {
            throw new ValidationException(field, "must be >= " + min.toPlainString() + ", was " + shown(value.toPlainString()));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new ValidationException(field, "must have at most 2 decimals, was " + shown(value.toPlainString()));
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new ValidationException(field, "must be at most " + MAX_MONEY.toPlainString() + ", was " + shown(value.toPlainString()));
        }
        return value.setScale(2);
    }

    /**
     * A time within years 1 to 9999 (UTC), or null: PostgreSQL stores neither {@code Instant.MIN} nor {@code Instant.MAX},
     * and {@code java.time} overflows on the way there, so a time outside the range is refused here, naming the field.
     */
    public static Instant instant(String field, Instant value) {
        if (value != null && !isStorable(value)) {
            throw new ValidationException(field, "must be between " + EARLIEST + " and " + LATEST + ", was " + shown(value.toString()));
        }
        return value;
    }

    /** Whether {@code value} lies within years 1 to 9999 (UTC), the times the library stores or compares. */
    public static boolean isStorable(Instant value) {
        return !value.isBefore(EARLIEST) && !value.isAfter(LATEST);
    }

    /**
     * A decimal with at most {@code scale} decimals between {@code min} and {@code max} (a filter or a setting compared
     * with a column of that scale and range), or null.
     */
    public static BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max, int scale) {
        if (scale(field, value, scale) != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new ValidationException(field, "must be between " + min.toPlainString() + " and " + max.toPlainString() + ", was "
                    + shown(value.toPlainString()));
        }
        return value;
    }

    /** A decimal with at most {@code scale} decimals (a filter or a setting whose column has that scale), or null. */
    public static BigDecimal scale(String field, BigDecimal value, int scale) {
        if (value != null && value.stripTrailingZeros().scale() > scale) {
            throw new ValidationException(field, "must have at most " + scale + " decimals, was " + shown(value.toPlainString()));
        }
        return value;
    }

    public static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(character -> Character.isISOControl(character) && character != '\n' && character != '\t');
    }

    public static boolean hasLoneSurrogate(String value) {
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (Character.isHighSurrogate(character)) {
                if (index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1))) {
                    return true;
                }
                index++;
            } else if (Character.isLowSurrogate(character)) {
                return true;
            }
        }
        return false;
    }

    /** A value for a message: cut short, so a 10 MB input does not become a 10 MB message. */
    public static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }
}
