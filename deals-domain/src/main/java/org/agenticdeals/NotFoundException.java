package org.agenticdeals;

/**
 * The row named does not exist, or belongs to another user: the two are indistinguishable on purpose, so a
 * caller cannot probe for other users' ids.
 */
public final class NotFoundException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** What was looked for. */
    private final String kind;
    /** The id or key that was looked for. */
    private final String id;

    /**
     * A row that does not exist or is not the caller's.
     *
     * @param kind what was looked for, e.g. {@code "user"}
     * @param id its id or key, or what it belonged to when the database refused an id it cannot name (e.g.
     *           {@code "of the goal"} for a user id a goal was created for)
     */
    public NotFoundException(String kind, Object id) {
        super(ErrorCode.NOT_FOUND, kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** {@return what was looked for}, e.g. {@code "user"}. */
    public String kind() {
        return kind;
    }

    /** {@return the id or key that was looked for, or what it belonged to (see the constructor)} */
    public String id() {
        return id;
    }
}
