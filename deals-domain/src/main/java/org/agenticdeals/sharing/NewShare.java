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

    /** By e-mail to {@code recipients}. */
    public static NewShare byEmail(UUID dealId, List<String> recipients) {
        return new NewShare(dealId, new ShareChannel.Email(recipients), null, null);
    }

    /** As a link. */
    public static NewShare byLink(UUID dealId) {
        return new NewShare(dealId, new ShareChannel.Link(), null, null);
    }

    /** To the social platform named {@code platform}. */
    public static NewShare toSocial(UUID dealId, String platform) {
        return new NewShare(dealId, new ShareChannel.Social(platform), null, null);
    }

    /** The same share with a message (at most {@link Sharing#MAX_MESSAGE} characters). */
    public NewShare withMessage(String value) {
        return new NewShare(dealId, channel, value, expiresAt);
    }

    /** The same share, its link resolving until {@code value} only. */
    public NewShare withExpiry(Instant value) {
        return new NewShare(dealId, channel, message, value);
    }
}
