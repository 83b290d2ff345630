package org.agenticdeals;

import java.util.UUID;

/** The acting user may not do this (for example, a non-admin changing a role). Nothing was written. */
public final class PermissionDeniedException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** Who tried. */
    private final UUID actorId;

    /**
     * A refused operation.
     *
     * @param actorId who tried
     * @param operation what they tried, e.g. {@code "change roles"}
     */
    public PermissionDeniedException(UUID actorId, String operation) {
        super(ErrorCode.PERMISSION_DENIED, "user " + actorId + " may not " + operation);
        this.actorId = actorId;
    }

    /** {@return who tried} */
    public UUID actorId() {
        return actorId;
    }
}
