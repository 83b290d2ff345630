package org.agenticdeals.notifications;

/** What a notification is about; the channel flags of the user's notification settings are per type. */
public enum NotificationType {
    /** A new match for one of the user's goals, or a digest of several. */
    DEAL_ALERT,
    /** A deal the user saved or a goal of theirs matched got cheaper. */
    PRICE_DROP,
    /** One of the user's goals changed status. */
    GOAL_UPDATE,
    /** Tokens were bought, granted or expired. */
    TOKEN_UPDATE,
    /** A message from the operators. */
    SYSTEM_MESSAGE
}
