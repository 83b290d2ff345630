package org.agenticdeals;

/**
 * No AI model can serve the request: no active model has the capability asked for, and there is no active fallback
 * model. Nothing was written (and nothing charged).
 */
public final class ModelUnavailableException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The capability no model offers. */
    private final String capability;

    /**
     * No model for a capability.
     *
     * @param capability the capability asked for, e.g. {@code "deal_analysis"}
     */
    public ModelUnavailableException(String capability) {
        super(ErrorCode.MODEL_UNAVAILABLE, "no active AI model has the capability " + capability + ", and there is no active fallback model");
        this.capability = capability;
    }

    /** {@return the capability no model offers} */
    public String capability() {
        return capability;
    }
}
