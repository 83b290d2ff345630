package org.agenticdeals;

/**
 * A shared link cannot be followed. The link may be unknown, deactivated or expired, or its deal removed or
 * expired: the exception does not say which, so a visitor cannot probe which links exist (the library logs the
 * reason). Nothing was written.
 */
public final class ShareLinkUnavailableException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** A link that cannot be followed; the message does not say why. */
    public ShareLinkUnavailableException() {
        super(ErrorCode.SHARE_LINK_UNAVAILABLE, "this shared link is not available");
    }
}
