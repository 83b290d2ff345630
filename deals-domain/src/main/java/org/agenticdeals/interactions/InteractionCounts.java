package org.agenticdeals.interactions;

import java.time.Instant;
import java.util.UUID;

/** How often each kind of interaction happened to a deal in {@code [from, to)}, every user's (and anonymous clicks). */
public record InteractionCounts(UUID dealId, Instant from, Instant to, long views, long saves, long shares, long clicks, long purchases) {

    /**
     * The count of {@code type}.
     *
     * @param type a kind of interaction
     * @return how many of them happened in the window
     */
    public long of(InteractionType type) {
        return switch (type) {
            case VIEW -> views;
            case SAVE -> saves;
            case SHARE -> shares;
            case CLICK -> clicks;
            case PURCHASE -> purchases;
        };
    }

    /** {@return all interactions in the window} */
    public long total() {
        return views + saves + shares + clicks + purchases;
    }
}
