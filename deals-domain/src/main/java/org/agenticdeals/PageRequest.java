package org.agenticdeals;

import org.agenticdeals.internal.Checks;

/**
 * Which page of a keyset-paginated list to return: the first, or the one after a cursor a previous
 * {@link Page} returned. Keyset pages stay stable while rows are inserted: no duplicates, no gaps.
 *
 * @param cursor null for the first page, else {@link Page#nextCursor()} of the previous page
 * @param size   rows per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(String cursor, int size) {

    /** The largest page a caller may ask for. */
    public static final int MAX_SIZE = 100;

    /**
     * Checks the size and the cursor's form.
     *
     * @param cursor null for the first page, else {@link Page#nextCursor()} of the previous page
     * @param size rows per page, 1 to {@value #MAX_SIZE}
     * @throws ValidationException naming {@code page.size} or {@code page.cursor}
     */
    public PageRequest {
        Checks.between("page.size", size, 1, MAX_SIZE);
        if (cursor != null && (cursor.isBlank() || cursor.length() > 200)) {
            throw new ValidationException("page.cursor", "is not a cursor this library issued");
        }
    }

    /**
     * The first page of {@code size} rows.
     *
     * @param size rows per page, 1 to {@value #MAX_SIZE}
     * @return the request
     */
    public static PageRequest first(int size) {
        return new PageRequest(null, size);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor {@link Page#nextCursor()} of the previous page
     * @param size rows per page, 1 to {@value #MAX_SIZE}
     * @return the request
     */
    public static PageRequest after(String cursor, int size) {
        return new PageRequest(Checks.required("page.cursor", cursor), size);
    }
}
