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
    public enum Type { API, SCRAPER, AFFILIATE, USER_SUBMITTED }

    /** Only {@code ACTIVE} sources ingest. */
    public enum Status { ACTIVE, INACTIVE, DEPRECATED }

    public Source withName(String value) {
        return new Source(id, value, type, configuration, reliability, status);
    }

    public Source withConfiguration(String value) {
        return new Source(id, name, type, value, reliability, status);
    }

    public Source withReliability(BigDecimal value) {
        return new Source(id, name, type, configuration, value, status);
    }

    public Source withStatus(Status value) {
        return new Source(id, name, type, configuration, reliability, value);
    }
}
