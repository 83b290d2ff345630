package org.agenticdeals.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a PostgreSQL script into statements, so each runs on its own (a multi-statement string would run in
 * one implicit transaction, where {@code DROP INDEX CONCURRENTLY} is refused). Semicolons inside quoted
 * literals, quoted identifiers, dollar-quoted bodies and comments do not split.
 */
final class SqlScript {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private SqlScript() {
    }

    /** Replaces {@code ${name}} placeholders; an unknown placeholder is an error, as in Flyway. */
    static String replacePlaceholders(String script, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(script);
        var replaced = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(replaced).toString();
    }

    static List<String> split(String script) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        int length = script.length();
        int index = 0;
        while (index < length) {
            char character = script.charAt(index);
            int end;
            if (character == '-' && index + 1 < length && script.charAt(index + 1) == '-') {
                end = script.indexOf('\n', index);
                end = end < 0 ? length : end + 1;
            } else if (character == '/' && index + 1 < length && script.charAt(index + 1) == '*') {
                end = blockCommentEnd(script, index);
            } else if (character == '\'') {
                boolean escapes = index > 0 && (script.charAt(index - 1) == 'E' || script.charAt(index - 1) == 'e');
                end = quotedEnd(script, index, '\'', escapes);
            } else if (character == '"') {
                end = quotedEnd(script, index, '"', false);
            } else if (character == '$' && dollarTagAt(script, index) != null) {
                String tag = dollarTagAt(script, index);
                int close = script.indexOf(tag, index + tag.length());
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated dollar-quoted string " + tag);
                }
                end = close + tag.length();
            } else if (character == ';') {
                addStatement(statements, current);
                index++;
                continue;
            } else {
                end = index + 1;
            }
            current.append(script, index, end);
            index = end;
        }
        addStatement(statements, current);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!isOnlyComments(statement)) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static boolean isOnlyComments(String statement) {
        String withoutComments = statement.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
        return withoutComments.isBlank();
    }

    private static String dollarTagAt(String script, int index) {
        if (index > 0 && (Character.isLetterOrDigit(script.charAt(index - 1)) || script.charAt(index - 1) == '_')) {
            return null; // $1 parameters and identifiers containing $ are not quotes
        }
        Matcher matcher = DOLLAR_TAG.matcher(script);
        matcher.region(index, script.length());
        return matcher.lookingAt() ? matcher.group() : null;
    }

    private static int quotedEnd(String script, int start, char quote, boolean backslashEscapes) {
        int index = start + 1;
        while (index < script.length()) {
            char character = script.charAt(index);
            if (backslashEscapes && character == '\\') {
                index += 2;
            } else if (character == quote) {
                if (index + 1 < script.length() && script.charAt(index + 1) == quote) {
                    index += 2;
                } else {
                    return index + 1;
                }
            } else {
                index++;
            }
        }
        throw new IllegalArgumentException("unterminated quoted text starting at offset " + start);
    }

    private static int blockCommentEnd(String script, int start) {
        int depth = 0;
        int index = start;
        while (index + 1 < script.length()) {
            if (script.startsWith("/*", index)) {
                depth++;
                index += 2;
            } else if (script.startsWith("*/", index)) {
                depth--;
                index += 2;
                if (depth == 0) {
                    return index;
                }
            } else {
                index++;
            }
        }
        throw new IllegalArgumentException("unterminated block comment starting at offset " + start);
    }
}
