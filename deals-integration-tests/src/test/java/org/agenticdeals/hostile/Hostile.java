package org.agenticdeals.hostile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One hostile value for a parameter or field: what kind of hostility it is, and the value. The lists here are the
 * catalogue the hostile-input tests draw from, per value type.
 */
record Hostile(Kind kind, Object value) {

    /** What makes a value hostile. A {@link Rule} decides, per field, what each kind must lead to. */
    enum Kind {
        NULL, EMPTY, BLANK, TEN_MEGABYTES, NUL, LONE_SURROGATE, RTL_MARK, SQL, LIKE_METACHARACTERS,
        JSON_UNKNOWN_FIELD, JSON_WRONG_TYPE, JSON_NOT_OBJECT, JSON_DEEPLY_NESTED, JSON_ESCAPED_NUL, JSON_ESCAPED_SURROGATE, JSON_TRAILING_TEXT,
        FORGED_CURSOR,
        NEGATIVE, ZERO, INT_MIN, INT_MAX, HUGE_DECIMAL, TINY_DECIMAL, THREE_DECIMALS,
        INSTANT_EPOCH, INSTANT_MIN, INSTANT_MAX, YEAR_300000,
        UNKNOWN_ID, NULL_ELEMENT, OVERSIZED
    }

    /** The size of a "10 MB" string. */
    static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    static final String HUGE_TEXT = "a".repeat(TEN_MEGABYTES);

    static List<Hostile> strings() {
        return List.of(
                new Hostile(Kind.NULL, null),
                new Hostile(Kind.EMPTY, ""),
                new Hostile(Kind.BLANK, " \t "),
                new Hostile(Kind.TEN_MEGABYTES, HUGE_TEXT),
                new Hostile(Kind.NUL, "\u0000"),
                new Hostile(Kind.LONE_SURROGATE, "\uD800"),
                new Hostile(Kind.RTL_MARK, "\u202E"),
                new Hostile(Kind.SQL, "'; drop table deals; --"),
                new Hostile(Kind.LIKE_METACHARACTERS, "%_\\"));
    }

    /** Strings that are JSON, or nearly: for fields that hold a JSON object. */
    static List<Hostile> json() {
        var deep = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
        return List.of(
                new Hostile(Kind.JSON_UNKNOWN_FIELD, "{\"unexpected_field\": true}"),
                new Hostile(Kind.JSON_WRONG_TYPE, "{\"keywords\": 42, \"max_price\": \"cheap\", \"max_matches\": 1.5}"),
                new Hostile(Kind.JSON_NOT_OBJECT, "[1, 2, 3]"),
                new Hostile(Kind.JSON_NOT_OBJECT, "\"a string\""),
                new Hostile(Kind.JSON_NOT_OBJECT, "null"),
                new Hostile(Kind.JSON_DEEPLY_NESTED, deep),
                new Hostile(Kind.JSON_ESCAPED_NUL, "{\"note\": \"a\\u0000b\"}"),
                new Hostile(Kind.JSON_ESCAPED_SURROGATE, "{\"note\": \"a\\ud800b\"}"),
                new Hostile(Kind.JSON_TRAILING_TEXT, "{\"note\": 1} trailing"));
    }

    static List<Hostile> ints(boolean boxed) {
        var values = new ArrayList<Hostile>();
        if (boxed) {
            values.add(new Hostile(Kind.NULL, null));
        }
        values.add(new Hostile(Kind.NEGATIVE, -1));
        values.add(new Hostile(Kind.ZERO, 0));
        values.add(new Hostile(Kind.INT_MIN, Integer.MIN_VALUE));
        values.add(new Hostile(Kind.INT_MAX, Integer.MAX_VALUE));
        return values;
    }

    static List<Hostile> decimals() {
        return List.of(
                new Hostile(Kind.NULL, null),
                new Hostile(Kind.NEGATIVE, new BigDecimal("-1")),
                new Hostile(Kind.ZERO, BigDecimal.ZERO),
                new Hostile(Kind.HUGE_DECIMAL, new BigDecimal("1e400")),
                new Hostile(Kind.TINY_DECIMAL, new BigDecimal("1e-400")),
                new Hostile(Kind.THREE_DECIMALS, new BigDecimal("0.125")));
    }

    static List<Hostile> instants() {
        return List.of(
                new Hostile(Kind.NULL, null),
                new Hostile(Kind.INSTANT_EPOCH, Instant.EPOCH),
                new Hostile(Kind.INSTANT_MIN, Instant.MIN),
                new Hostile(Kind.INSTANT_MAX, Instant.MAX),
                new Hostile(Kind.YEAR_300000, Instant.parse("+300000-01-01T00:00:00Z")));
    }

    static List<Hostile> uuids() {
        return List.of(new Hostile(Kind.NULL, null), new Hostile(Kind.UNKNOWN_ID, UUID.randomUUID()));
    }

    /** Cursors that decode, but to positions no page ever ended at: out-of-range times, numbers and tiers. */
    static List<Hostile> forgedCursors() {
        String id = UUID.randomUUID().toString();
        return List.of(
                forged("v1:9223372036854775807:" + id),
                forged("v1:-9223372036854775808:" + id),
                forged("v1:1:" + id + ":extra"),
                forged("g1:2147483647:9223372036854775807:" + id),
                forged("m1:1e999999999:" + id),
                forged("n1:1:9223372036854775807:" + id),
                forged("s2|NEWEST|0|+999999999-12-31T23:59:59Z|" + id),
                forged("s2|PRICE|0|1e999999999|" + id),
                forged("s2|DISCOUNT|0|-1e-999999|" + id),
                forged("s2|RELEVANCE|7|2026-01-01T00:00Z|" + id));
    }

    private static Hostile forged(String plain) {
        return new Hostile(Kind.FORGED_CURSOR, java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        if (value instanceof String text && text.length() > 60) {
            return kind + " (" + text.length() + " characters)";
        }
        if (value instanceof java.util.Collection<?> collection && collection.size() > 3) {
            return kind + " (" + collection.size() + " elements)";
        }
        return kind + " " + printable(String.valueOf(value));
    }

    private static String printable(String text) {
        var shown = new StringBuilder();
        text.chars().forEach(character -> shown.append(character < 0x20 || character >= 0x7f ? String.format("\\u%04X", character) : String.valueOf((char) character)));
        return shown.toString();
    }
}
