package org.agenticdeals.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification claimed for sending by a host's e-mail or push sender (see
 * {@link Notifications#pendingDeliveries}). Send it on the channels it names, then call
 * {@link Notifications#markDelivered}; a claim not marked delivered by {@code claimedUntil} is handed out again.
 *
 * @param emailAddress the user's address, for e-mail
 * @param userName     the user's name, for a greeting
 * @param deliverAfter when it became due (the end of the user's quiet hours, if it was created in them)
 */
public record Delivery(UUID notificationId, UUID userId, String emailAddress, String userName, NotificationType type, String title,
                       String content, String actionUrl, String metadata, boolean email, boolean push, Instant deliverAfter,
                       Instant claimedUntil) {
}
