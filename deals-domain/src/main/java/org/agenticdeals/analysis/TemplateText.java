package org.agenticdeals.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agenticdeals.ValidationException;

/**
 * A prompt template's text, parsed once into literal text and {@code {{variable}}} placeholders. Rendering
 * appends the values as they are: a value containing {@code {{x}}} is text, never a placeholder.
 */
final class TemplateText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]{0,62})\\s*}}");

    private final List<String> literals;
    private final List<String> names;

    private TemplateText(List<String> literals, List<String> names) {
        this.literals = literals;
        this.names = names;
    }

    /**
     * @throws ValidationException naming {@code field} if a {@code {{} or {@code }}} is not part of a placeholder
     *                             whose name is lower case letters, digits and underscores
     */
    static TemplateText parse(String field, String text) {
        var literals = new ArrayList<String>();
        var names = new ArrayList<String>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            literals.add(literal(field, text, from, placeholder.start()));
            names.add(placeholder.group(1));
            from = placeholder.end();
        }
        literals.add(literal(field, text, from, text.length()));
        return new TemplateText(List.copyOf(literals), List.copyOf(names));
    }

    /** The variables the text names, in order of first use. */
    Set<String> variables() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /**
     * @throws ValidationException naming {@code variables}: a variable of the text without a value, or a value for a
     *                             variable the text does not name
     */
    String render(Map<String, String> values) {
        Set<String> variables = variables();
        for (String variable : variables) {
            if (values.get(variable) == null) {
                throw new ValidationException("variables", "has no value for {{" + variable + "}}");
            }
        }
        for (String given : values.keySet()) {
            if (!variables.contains(given)) {
                throw new ValidationException("variables", "names " + given + ", which the template does not use");
            }
        }
        var prompt = new StringBuilder();
        for (int index = 0; index < names.size(); index++) {
            prompt.append(literals.get(index)).append(values.get(names.get(index)));
        }
        return prompt.append(literals.get(names.size())).toString();
    }

    private static String literal(String field, String text, int from, int to) {
        String literal = text.substring(from, to);
        int opening = literal.indexOf("{{");
        int closing = literal.indexOf("}}");
        int stray = opening < 0 ? closing : closing < 0 ? opening : Math.min(opening, closing);
        if (stray >= 0) {
            throw new ValidationException(field, "has a {{ or }} at character " + (from + stray)
                    + " that is not a placeholder like {{deal_title}} (lower case letters, digits and underscores)");
        }
        return literal;
    }
}
