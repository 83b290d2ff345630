package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Where deals come from.
 *
 * @param configuration a JSON object, e.g. the feed's schedule; never interpreted by the library
 * @param reliability   0 to 1: how much its deals are trusted (search and goal matching can require a minimum)
 */
public record Source(UUID id, String name, Type type, String configuration, BigDecimal reliability, Status status) {

    /** How a source delivers deals. */
    public enum Type {
        /** A partner's feed or API. */
        API,
        /** Pages read by a scraper. */
        SCRAPER,
        /** An affiliate network. */
        AFFILIATE,
        /** Users submitting deals. */
        USER_SUBMITTED
    }

    /** Only {@code ACTIVE} sources ingest. */
    public enum Status {
        /** Ingests. */
        ACTIVE,
        /** Deactivated: ingests nothing. */
        INACTIVE,
        /** Retired for good: ingests nothing. */
        DEPRECATED
    }

    /**
     * This source with another name.
     *
     * @param value unique, at most 100 characters
     * @return the changed copy
     */
    public Source withName(String value) {
        return new Source(id, value, type, configuration, reliability, status);
    }

    /**
     * This source with another configuration.
     *
     * @param value a JSON object, or null
     * @return the changed copy
     */
    public Source withConfiguration(String value) {
        return new Source(id, name, type, value, reliability, status);
    }

    /**
     * This source with another reliability.
     *
     * @param value 0 to 1
     * @return the changed copy
     */
    public Source withReliability(BigDecimal value) {
        return new Source(id, name, type, configuration, value, status);
    }

    /**
     * This source in another status.
     *
     * @param value the status
     * @return the changed copy
     */
    public Source withStatus(Status value) {
        return new Source(id, name, type, configuration, reliability, value);
    }
}
