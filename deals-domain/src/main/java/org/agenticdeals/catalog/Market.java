package org.agenticdeals.catalog;

import java.util.UUID;

/** A marketplace deals are sold on. */
public record Market(UUID id, String name, String url, String logoUrl, Status status) {

    /** Only {@code ACTIVE} markets take new deals; the others are kept for the deals they have. */
    public enum Status { ACTIVE, INACTIVE, DEPRECATED }

    public Market withName(String value) {
        return new Market(id, value, url, logoUrl, status);
    }

    public Market withUrl(String value) {
        return new Market(id, name, value, logoUrl, status);
    }

    public Market withLogoUrl(String value) {
        return new Market(id, name, url, value, status);
    }

    public Market withStatus(Status value) {
        return new Market(id, name, url, logoUrl, value);
    }
}
