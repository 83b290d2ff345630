package org.agenticdeals.notifications;

/**
 * What {@link Notifications#notifyPriceDrops} did.
 *
 * @param notificationsCreated one per user and dropped deal the user saved or a goal of theirs matched
 */
public record PriceDropRun(int dropsConsidered, int notificationsCreated) {
}
