package org.agenticdeals.interactions;

/**
 * What a user did with a deal, and how much it says about the deal's popularity: the weight each interaction
 * adds to the {@linkplain Interactions#trending(int) trending score} before it decays.
 */
public enum InteractionType {
    /** Looked at the deal. */
    VIEW(1),
    /** Saved it (recorded by {@code savedDeals().save}). */
    SAVE(4),
    /** Shared it (recorded by {@code sharing().share}). */
    SHARE(6),
    /** Followed the deal's link, or a shared link to it (recorded by {@code sharing().resolve}). */
    CLICK(2),
    /** Bought it. */
    PURCHASE(10);

    private final int weight;

    InteractionType(int weight) {
        this.weight = weight;
    }

    /** {@return the interaction's weight in the trending score} */
    public int weight() {
        return weight;
    }
}
