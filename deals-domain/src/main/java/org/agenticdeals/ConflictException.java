package org.agenticdeals;

/** A value that must be unique is taken, e.g. an e-mail address at registration. */
public final class ConflictException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The field whose value is taken. */
    private final String field;

    /**
     * A taken value.
     *
     * @param field the field whose value is taken, e.g. {@code "email"}
     * @param message what is taken, readable on its own
     */
    public ConflictException(String field, String message) {
        super(ErrorCode.CONFLICT, message);
        this.field = field;
    }

    /** {@return the field whose value is taken}, e.g. {@code "email"}. */
    public String field() {
        return field;
    }
}
