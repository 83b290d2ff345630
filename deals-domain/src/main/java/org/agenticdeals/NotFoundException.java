package org.agenticdeals;

/**
 * The row named does not exist, or belongs to another user: the two are indistinguishable on purpose, so a
 * caller cannot probe for other users' ids.
 */
public final class NotFoundException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super(ErrorCode.NOT_FOUND, kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What was looked for, e.g. {@code "user"}. */
    public String kind() {
        return kind;
    }

    /** The id or key that was looked for. */
    public String id() {
        return id;
    }
}
