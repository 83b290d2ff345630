package org.agenticdeals.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification in a user's inbox.
 *
 * @param metadata     a JSON object with the ids it is about (e.g. {@code goal_id}, {@code deal_id}), or null
 * @param goalId       the goal it is about, or null
 * @param dealId       the deal it is about, or null (a digest names its deals in {@code metadata.deal_ids})
 * @param email        whether it goes out by e-mail (the user's settings for its type)
 * @param push         whether it goes out by push
 * @param deliverAfter when it may go out (later than {@code createdAt} if it was created in the user's quiet hours)
 * @param deliveredAt  when a sender reported it delivered, or null
 */
public record Notification(UUID id, UUID userId, NotificationType type, String title, String content, String metadata, String actionUrl,
                           UUID goalId, UUID dealId, boolean read, Instant createdAt, Instant readAt, boolean email, boolean push,
                           Instant deliverAfter, Instant deliveredAt) {
}
