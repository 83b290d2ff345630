package org.agenticdeals;

/**
 * No AI model can serve the request: no active model has the capability asked for, and there is no active fallback
 * model. Nothing was written (and nothing charged).
 */
public final class ModelUnavailableException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    private final String capability;

    public ModelUnavailableException(String capability) {
        super(ErrorCode.MODEL_UNAVAILABLE, "no active AI model has the capability " + capability + ", and there is no active fallback model");
        this.capability = capability;
    }

    /** The capability no model offers. */
    public String capability() {
        return capability;
    }
}
