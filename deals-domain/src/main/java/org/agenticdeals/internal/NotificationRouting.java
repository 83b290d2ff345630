package org.agenticdeals.internal;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Where and when a notification goes out, in SQL, for every feature that creates notifications: the channels
 * (the user's global e-mail and push switches and, for alert, price-drop and goal-update notifications, the
 * per-type flags of their notification settings; a user without settings gets everything) and the time it may
 * be delivered (at once, or when the user's quiet hours end). Notifications are always in the inbox at once;
 * quiet hours only defer the e-mail or push.
 */
public final class NotificationRouting {

    private NotificationRouting() {
    }

    /**
     * The joins that route notifications to the user in column {@code userColumn}; the aliases {@code ns} and
     * {@code up} must be free.
     */
    public static String joins(String schema, String userColumn) {
        return " left join " + schema + ".notification_settings ns on ns.user_id = " + userColumn
                + " left join " + schema + ".user_preferences up on up.user_id = " + userColumn + " ";
    }

    /**
     * The columns {@code deliver_email, deliver_push, deliver_after} for a notification of {@code type} (the
     * stored enum label) created at the time bound to the one {@code ?} this fragment holds.
     */
    public static String columns(String schema, String type) {
        String flag = switch (type) {
            case "deal_alert" -> "deal_alerts";
            case "price_drop" -> "price_drops";
            case "goal_update" -> "goal_updates";
            default -> null;
        };
        String email = "coalesce(up.notification_email, true)" + (flag == null ? "" : " and coalesce(ns.email_" + flag + ", true)");
        String push = "coalesce(up.notification_push, true)" + (flag == null ? "" : " and coalesce(ns.push_" + flag + ", true)");
        return email + ", " + push + ", " + schema + ".notification_deliver_after(ns.quiet_hours_start, ns.quiet_hours_end, ns.time_zone, ?::timestamptz)";
    }

    /**
     * Creates one notification for {@code userId}, routed by the user's settings, in the transaction {@code tx}
     * (whose security context must see the user's rows).
     *
     * @param type the stored enum label, e.g. {@code token_update}
     */
    public static void notify(DSLContext tx, String schema, UUID userId, String type, String title, String content, String metadataJson,
                              UUID goalId, OffsetDateTime now) {
        tx.execute("insert into " + schema + ".notifications (user_id, type, title, content, metadata, goal_id, created_at,"
                        + " deliver_email, deliver_push, deliver_after)"
                        + " select u.id, ?::" + schema + ".notification_type, ?, ?, ?::jsonb, ?::uuid, ?::timestamptz, " + columns(schema, type)
                        + " from " + schema + ".users u" + joins(schema, "u.id") + " where u.id = ?",
                type, title, content, metadataJson, goalId, now, now, userId);
    }
}
