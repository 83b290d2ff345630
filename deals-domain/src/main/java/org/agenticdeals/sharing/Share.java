package org.agenticdeals.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * A share as its owner sees it.
 *
 * @param publicLinkId the link's id, for the host to build its URL from; anyone holding it can resolve the share
 * @param expiresAt    when the link stops resolving, or null for never
 * @param active       false once the owner deactivated it
 * @param clickCount   how many times the link was resolved while it was available
 */
public record Share(UUID id, UUID dealId, String dealTitle, ShareChannel channel, String message, String publicLinkId, Instant createdAt,
                    Instant expiresAt, boolean active, int clickCount) {
}
