package org.agenticdeals.hostile;

import static org.agenticdeals.hostile.Expected.ACCEPTED;
import static org.agenticdeals.hostile.Expected.INVALID;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.agenticdeals.hostile.Hostile.Kind;

/**
 * What a field does with each kind of hostile value: the decision, made once per field in {@link HostileCalls}, that
 * the tests assert.
 */
@FunctionalInterface
interface Rule {

    Expected expect(Hostile hostile);

    /** Whether the field holds a JSON object (so JSON-shaped hostile strings are tried too). */
    default boolean json() {
        return false;
    }

    /** Whether the field is a page cursor (so forged cursors are tried too). */
    default boolean cursor() {
        return false;
    }

    Set<Kind> BROKEN_TEXT = EnumSet.of(Kind.TEN_MEGABYTES, Kind.NUL, Kind.LONE_SURROGATE);
    Set<Kind> NO_TEXT = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.BLANK);

    /** Required free text: legal text (an RTL mark, SQL or LIKE metacharacters) is stored as it is. */
    static Rule text() {
        return hostile -> NO_TEXT.contains(hostile.kind()) || BROKEN_TEXT.contains(hostile.kind()) ? INVALID : ACCEPTED;
    }

    /** Optional free text: absent or blank is none. */
    static Rule optionalText() {
        return hostile -> BROKEN_TEXT.contains(hostile.kind()) ? INVALID : ACCEPTED;
    }

    /** A key without whitespace (idempotency keys, payment references): quotes and percent signs are fine. */
    static Rule key() {
        return hostile -> NO_TEXT.contains(hostile.kind()) || BROKEN_TEXT.contains(hostile.kind()) || hostile.kind() == Kind.SQL ? INVALID : ACCEPTED;
    }

    /** A value with a syntax (an e-mail address, a code, a URL, a usage type): nothing hostile fits it. */
    static Rule pattern() {
        return hostile -> INVALID;
    }

    /** An optional value with a syntax: absent is fine, anything else hostile is not. */
    static Rule optionalPattern() {
        return hostile -> hostile.kind() == Kind.NULL ? ACCEPTED : INVALID;
    }

    /** Every hostile value gets {@code expected}, except null, which is invalid. */
    static Rule refusedAs(Expected expected) {
        return hostile -> hostile.kind() == Kind.NULL ? INVALID : expected;
    }

    /** Every hostile value gets {@code expected}, null too. */
    static Rule always(Expected expected) {
        return hostile -> expected;
    }

    /** A field the method does not read. */
    static Rule ignored() {
        return always(ACCEPTED);
    }

    /** A JSON object whose fields the library does not interpret: unknown or oddly typed fields are fine. */
    static Rule jsonObject(boolean optional) {
        return new Rule() {
            @Override
            public Expected expect(Hostile hostile) {
                return switch (hostile.kind()) {
                    case NULL -> optional ? ACCEPTED : INVALID;
                    case JSON_UNKNOWN_FIELD, JSON_WRONG_TYPE -> ACCEPTED;
                    default -> INVALID;
                };
            }

            @Override
            public boolean json() {
                return true;
            }
        };
    }

    /** A page cursor: absent is the first page; anything the library did not issue is refused. */
    static Rule pageCursor() {
        return new Rule() {
            @Override
            public Expected expect(Hostile hostile) {
                return hostile.kind() == Kind.NULL ? ACCEPTED : INVALID;
            }

            @Override
            public boolean cursor() {
                return true;
            }
        };
    }

    /** A required id: null is invalid, an unknown one gets {@code unknown}. */
    static Rule id(Expected unknown) {
        return hostile -> hostile.kind() == Kind.NULL ? INVALID : unknown;
    }

    /** An optional id: null is fine, an unknown one gets {@code unknown}. */
    static Rule optionalId(Expected unknown) {
        return hostile -> hostile.kind() == Kind.NULL ? ACCEPTED : unknown;
    }

    /** A number in {@code [min, max]}; null (for a boxed one) gets {@code whenNull}. */
    static Rule between(long min, long max, Expected whenNull) {
        return hostile -> hostile.value() == null ? whenNull
                : ((Number) hostile.value()).longValue() >= min && ((Number) hostile.value()).longValue() <= max ? ACCEPTED : INVALID;
    }

    static Rule between(long min, long max) {
        return between(min, max, INVALID);
    }

    /** A decimal in {@code [min, max]} with at most {@code scale} decimals; null gets {@code whenNull}. */
    static Rule decimal(String min, String max, int scale, Expected whenNull) {
        return hostile -> {
            if (hostile.value() == null) {
                return whenNull;
            }
            BigDecimal value = (BigDecimal) hostile.value();
            boolean fits = value.compareTo(new BigDecimal(min)) >= 0 && value.compareTo(new BigDecimal(max)) <= 0
                    && value.stripTrailingZeros().scale() <= scale;
            return fits ? ACCEPTED : INVALID;
        };
    }

    /** A time PostgreSQL can store; {@code past} is what a representable time in the past (the epoch) gets. */
    static Rule instant(Expected whenNull, Expected past) {
        return hostile -> switch (hostile.kind()) {
            case NULL -> whenNull;
            case INSTANT_EPOCH -> past;
            default -> INVALID;
        };
    }

    /** A collection: null and oversized are invalid; {@code elements} decides about an unknown or null element. */
    static Rule collection(Predicate<Kind> accepted) {
        return hostile -> accepted.test(hostile.kind()) ? ACCEPTED : INVALID;
    }
}
