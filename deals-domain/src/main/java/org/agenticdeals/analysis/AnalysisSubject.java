package org.agenticdeals.analysis;

import java.util.UUID;

/** What a user asks the AI to analyse: a deal of the catalog, a web address, or a product by name. */
public sealed interface AnalysisSubject {

    /** A deal of the catalog; the prompt gets its prices, price history, market, category and source. */
    record Deal(UUID dealId) implements AnalysisSubject {
    }

    /** A product page's address (http or https, at most 2,048 characters). */
    record Url(String url) implements AnalysisSubject {
    }

    /** A product by name (at most 255 characters). */
    record Product(String name) implements AnalysisSubject {
    }

    /**
     * A deal of the catalog.
     *
     * @param dealId the deal's id
     * @return the subject
     */
    static AnalysisSubject deal(UUID dealId) {
        return new Deal(dealId);
    }

    /**
     * A product page's address.
     *
     * @param url an absolute http(s) URL
     * @return the subject
     */
    static AnalysisSubject url(String url) {
        return new Url(url);
    }

    /**
     * A product by name.
     *
     * @param name the product's name
     * @return the subject
     */
    static AnalysisSubject product(String name) {
        return new Product(name);
    }
}
