package org.agenticdeals.analysis;

/**
 * A prompt template version to publish.
 *
 * @param name        the template's name, at most 100 characters; its versions share it
 * @param version     unique per name: letters, digits, {@code .}, {@code _} and {@code -}, at most 50 characters
 * @param usageType   lower case letters, digits and underscores, e.g. {@code deal_analysis}
 * @param text        the template (see {@link PromptTemplate}), at most {@value Analysis#MAX_TEMPLATE} characters
 * @param description optional, at most 1,000 characters
 * @param activate    whether this version becomes the active one of its usage type at once (the first version of a
 *                    usage type always does)
 */
public record NewPromptTemplate(String name, String version, String usageType, String text, String description, boolean activate) {

    /**
     * A version that does not replace the active one (unless its usage type has none yet), without description.
     *
     * @param name the template's name
     * @param version the version, unique per name
     * @param usageType the usage type it serves
     * @param text the template, with {@code {{variable}}} placeholders
     * @return the version to publish
     */
    public static NewPromptTemplate of(String name, String version, String usageType, String text) {
        return new NewPromptTemplate(name, version, usageType, text, null, false);
    }

    /**
     * This version with a description.
     *
     * @param value at most 1,000 characters
     * @return the changed copy
     */
    public NewPromptTemplate withDescription(String value) {
        return new NewPromptTemplate(name, version, usageType, text, value, activate);
    }

    /**
     * This version, to become active when published.
     *
     * @return the changed copy
     */
    public NewPromptTemplate activated() {
        return new NewPromptTemplate(name, version, usageType, text, description, true);
    }
}
