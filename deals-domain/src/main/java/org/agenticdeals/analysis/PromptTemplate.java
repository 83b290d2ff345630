package org.agenticdeals.analysis;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.agenticdeals.ValidationException;

/**
 * One version of a prompt template. Placeholders are written {@code {{name}}} (lower case letters, digits and
 * underscores; spaces inside the braces are allowed); any other {@code {{} or {@code }}} is refused when the
 * template is published.
 *
 * @param usageType what the template is for, e.g. {@code deal_analysis}: a request of that usage type is rendered
 *                  from the one active version of it
 */
public record PromptTemplate(UUID id, String name, String version, String usageType, String text, String description, boolean active,
                             Instant createdAt) {

    /** {@return the variables the template names, in order of first use} */
    public Set<String> variables() {
        return TemplateText.parse("text", text).variables();
    }

    /**
     * The prompt: the text with each placeholder replaced by its value, as text. A value is never read as template
     * syntax, so a value containing {@code {{x}}} stays as it is.
     *
     * @param values each variable's value
     * @return the rendered prompt
     * @throws ValidationException naming {@code variables} when a variable of the template has no value, or a value
     *                             is given for a variable the template does not name
     */
    public String render(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return TemplateText.parse("text", text).render(values);
    }
}
