package org.agenticdeals.catalog;

import java.util.UUID;

/** A marketplace deals are sold on. */
public record Market(UUID id, String name, String url, String logoUrl, Status status) {

    /** Only {@code ACTIVE} markets take new deals; the others are kept for the deals they have. */
    public enum Status {
        /** Takes new deals. */
        ACTIVE,
        /** Deactivated: takes no new deals. */
        INACTIVE,
        /** Retired for good: takes no new deals. */
        DEPRECATED
    }

    /**
     * This market with another name.
     *
     * @param value unique, at most 100 characters
     * @return the changed copy
     */
    public Market withName(String value) {
        return new Market(id, value, url, logoUrl, status);
    }

    /**
     * This market with another address.
     *
     * @param value an absolute http(s) URL, or null
     * @return the changed copy
     */
    public Market withUrl(String value) {
        return new Market(id, name, value, logoUrl, status);
    }

    /**
     * This market with another logo.
     *
     * @param value an absolute http(s) URL, or null
     * @return the changed copy
     */
    public Market withLogoUrl(String value) {
        return new Market(id, name, url, value, status);
    }

    /**
     * This market in another status.
     *
     * @param value the status
     * @return the changed copy
     */
    public Market withStatus(Status value) {
        return new Market(id, name, url, logoUrl, value);
    }
}
