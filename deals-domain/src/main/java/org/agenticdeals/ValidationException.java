package org.agenticdeals;

import java.util.Objects;

/** An argument broke a rule. Names the field and the rule; the call wrote nothing. */
public final class ValidationException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The argument or field that broke the rule. */
    private final String field;
    /** The rule it broke. */
    private final String rule;

    /**
     * @param field the argument or field, e.g. {@code "email"} or {@code "preferences.maxPrice"}
     * @param rule  the rule it broke, readable on its own, e.g. {@code "must be >= 0, was -5"}
     */
    public ValidationException(String field, String rule) {
        super(ErrorCode.VALIDATION_FAILED, field + " " + rule);
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** {@return the argument or field that broke the rule} */
    public String field() {
        return field;
    }

    /** {@return the rule}, e.g. {@code "must be >= 0, was -5"}. */
    public String rule() {
        return rule;
    }
}
