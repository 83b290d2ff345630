package org.agenticdeals.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What an exception may not carry to a caller: SQL, server error text, the schema's names, or a whole hostile input. */
final class Leaks {

    /** Markers of SQL or of PostgreSQL's error text (lower case; messages are compared in lower case). */
    private static final List<String> SQL_MARKERS = List.of("error:", "sqlstate", "syntax", "relation ", "\"deals\"", "deals.", "insert into",
            "select ", "update ", "delete from", " where ", "detail:", "hint:", "position:", "psql", "jooq", "violates", "invalid byte sequence",
            "unsupported unicode escape", "character with byte sequence");

    /** A message longer than this echoes more than a glimpse of its input. */
    static final int MAX_MESSAGE = 2_000;

    private Leaks() {
    }

    /** Each problem with the messages of {@code failure} and its causes; empty if there is none. */
    static List<String> in(Throwable failure) {
        var problems = new ArrayList<String>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message == null) {
                continue;
            }
            if (message.length() > MAX_MESSAGE) {
                problems.add(cause.getClass().getSimpleName() + " has a message of " + message.length() + " characters");
            }
            String lower = message.toLowerCase(Locale.ROOT);
            for (String marker : SQL_MARKERS) {
                if (lower.contains(marker)) {
                    problems.add(cause.getClass().getSimpleName() + "'s message contains '" + marker.strip() + "': "
                            + message.substring(0, Math.min(300, message.length())));
                }
            }
        }
        return problems;
    }
}
