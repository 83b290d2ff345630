package org.agenticdeals.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A share to make: which deal, through which channel, with an optional message and an optional expiry (after which
 * the link no longer resolves).
 *
 * <pre>{@code
 * deals.sharing().share(userId, NewShare.byEmail(dealId, List.of("bob@example.com")).withMessage("Look!"));
 * }</pre>
 */
public record NewShare(UUID dealId, ShareChannel channel, String message, Instant expiresAt) {

    /**
     * By e-mail to {@code recipients}.
     *
     * @param dealId the deal
     * @param recipients e-mail addresses
     * @return the share to make
     */
    public static NewShare byEmail(UUID dealId, List<String> recipients) {
        return new NewShare(dealId, new ShareChannel.Email(recipients), null, null);
    }

    /**
     * As a link.
     *
     * @param dealId the deal
     * @return the share to make
     */
    public static NewShare byLink(UUID dealId) {
        return new NewShare(dealId, new ShareChannel.Link(), null, null);
    }

    /**
     * To the social platform named {@code platform}.
     *
     * @param dealId the deal
     * @param platform the platform's name, e.g. {@code mastodon}
     * @return the share to make
     */
    public static NewShare toSocial(UUID dealId, String platform) {
        return new NewShare(dealId, new ShareChannel.Social(platform), null, null);
    }

    /**
     * The same share with a message (at most {@link Sharing#MAX_MESSAGE} characters).
     *
     * @param value the message, or null
     * @return the changed copy
     */
    public NewShare withMessage(String value) {
        return new NewShare(dealId, channel, value, expiresAt);
    }

    /**
     * The same share, its link resolving until {@code value} only.
     *
     * @param value the link's expiry, or null for never
     * @return the changed copy
     */
    public NewShare withExpiry(Instant value) {
        return new NewShare(dealId, channel, message, value);
    }
}
