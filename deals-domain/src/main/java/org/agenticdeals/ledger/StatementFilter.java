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

    public StatementFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** Every entry. */
    public static StatementFilter all() {
        return new StatementFilter(Set.of(), null, null);
    }

    public StatementFilter withTypes(Set<TransactionType> value) {
        return new StatementFilter(value, from, until);
    }

    public StatementFilter between(Instant fromInclusive, Instant untilExclusive) {
        return new StatementFilter(types, fromInclusive, untilExclusive);
    }
}
