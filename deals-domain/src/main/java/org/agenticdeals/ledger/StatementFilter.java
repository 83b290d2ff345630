package org.agenticdeals.ledger;

import java.time.Instant;
import java.util.Set;

/**
 * Which entries a statement shows.
 *
 * @param types only these types; empty for all
 * @param from  only entries at or after this instant; null for no lower bound
 * @param until only entries before this instant; null for no upper bound
 */
public record StatementFilter(Set<TransactionType> types, Instant from, Instant until) {

    /**
     * Copies the types (null: every type).
     *
     * @param types only these types; null or empty for all
     * @param from only entries at or after this instant, or null
     * @param until only entries before this instant, or null
     */
    public StatementFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** {@return a filter that keeps every entry} */
    public static StatementFilter all() {
        return new StatementFilter(Set.of(), null, null);
    }

    /**
     * This filter keeping only some types.
     *
     * @param value the types, empty for every type
     * @return the changed copy
     */
    public StatementFilter withTypes(Set<TransactionType> value) {
        return new StatementFilter(value, from, until);
    }

    /**
     * This filter keeping only a time window.
     *
     * @param fromInclusive the window's start, or null
     * @param untilExclusive the window's end, or null
     * @return the changed copy
     */
    public StatementFilter between(Instant fromInclusive, Instant untilExclusive) {
        return new StatementFilter(types, fromInclusive, untilExclusive);
    }
}
