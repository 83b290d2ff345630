package org.agenticdeals;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated list.
 *
 * @param <T> the item type
 */
public final class Page<T> {

    private final List<T> items;
    private final String nextCursor;

    /**
     * A page.
     *
     * @param items the rows, in the list's order (copied)
     * @param nextCursor the cursor of the next page, null on the last page
     */
    public Page(List<T> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    /** {@return the rows of this page, in the list's order} */
    public List<T> items() {
        return items;
    }

    /** {@return the cursor of the next page, empty on the last page} */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    /** {@return whether a next page exists} */
    public boolean hasMore() {
        return nextCursor != null;
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items" + (hasMore() ? ", more" : "") + "]";
    }
}
