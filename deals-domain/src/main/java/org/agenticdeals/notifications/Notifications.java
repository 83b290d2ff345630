package org.agenticdeals.notifications;

import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.internal.Actors;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.internal.Urls;
import org.agenticdeals.jooq.tables.records.NotificationsRecord;
import org.jooq.Record;

/**
 * Users' notifications: the inbox, and the hand-off to a host's e-mail or push sender. Obtain it from
 * {@code Deals.notifications()}.
 *
 * <p>Notifications are created by the services whose events they report: deal alerts and digests by goal
 * matching, goal updates by goal status changes, token updates by the ledger (purchases, bonuses, redeemed codes,
 * expiries), price drops by {@link #notifyPriceDrops} (hand it an ingestion's drops), system messages by
 * {@link #sendSystemMessage}. Each is in the inbox at once; its e-mail and push follow the user's notification
 * settings for its type, and quiet hours defer them (never drop them) until the hours end in the user's time zone.
 *
 * <p>Inbox methods run in the user's security context: row-level security lets nobody reach another user's
 * notifications (a foreign id is not found).
 */
public final class Notifications {

    /** The most notifications one {@link #pendingDeliveries} call claims. */
    public static final int MAX_CLAIM = 1_000;
    /** The most users one system message goes to per call. */
    public static final int MAX_RECIPIENTS = 10_000;

    private static final int PURGE_BATCH = 10_000;
    private static final BigDecimal MIN_PRICE = new BigDecimal("0.01");

    private final ServiceContext context;
    private final NotificationQueries queries;

    /**
     * For {@code Deals}; hosts call {@code deals.notifications()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Notifications(ServiceContext context) {
        this.context = context;
        this.queries = new NotificationQueries(context.config().schema());
    }

    // ----------------------------------------------------------------------------------------------- inbox

    /**
     * One page of the user's inbox: unread first, newest first within each.
     *
     * @param userId the inbox's owner
     * @param page which page
     * @return one page of notifications
     * @throws ValidationException naming {@code page.cursor} for a cursor this library did not issue for this list
     */
    public Page<Notification> list(UUID userId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("page", page);
        NotificationQueries.Position after = page.cursor() == null ? null : NotificationQueries.decode(page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            List<NotificationsRecord> rows = NotificationQueries.inbox(tx, userId, after, page.size() + 1);
            boolean more = rows.size() > page.size();
            List<NotificationsRecord> shown = more ? rows.subList(0, page.size()) : rows;
            NotificationsRecord last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new Page<>(shown.stream().map(Notifications::toNotification).toList(),
                    more ? NotificationQueries.encode(new NotificationQueries.Position(last.getIsRead(), last.getCreatedAt(), last.getId())) : null);
        });
    }

    /**
     * {@return how many of the user's notifications are unread}
     *
     * @param userId the user
     */
    public int unreadCount(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.user(userId),
                tx -> tx.fetchCount(NOTIFICATIONS, NOTIFICATIONS.USER_ID.eq(userId).and(NOTIFICATIONS.IS_READ.isFalse())));
    }

    /**
     * Marks one notification read (sets {@code readAt}); marking it again changes nothing.
     *
     * @param userId the notification's owner
     * @param notificationId the notification
     * @return the notification, read
     * @throws NotFoundException if the user has no such notification
     */
    public Notification markRead(UUID userId, UUID notificationId) {
        Checks.required("userId", userId);
        Checks.required("notificationId", notificationId);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            tx.update(NOTIFICATIONS).set(NOTIFICATIONS.IS_READ, true).set(NOTIFICATIONS.READ_AT, context.now())
                    .where(NOTIFICATIONS.ID.eq(notificationId)).and(NOTIFICATIONS.USER_ID.eq(userId)).and(NOTIFICATIONS.IS_READ.isFalse())
                    .execute();
            return tx.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.ID.eq(notificationId)).and(NOTIFICATIONS.USER_ID.eq(userId))
                    .fetchOptional(Notifications::toNotification)
                    .orElseThrow(() -> new NotFoundException("notification", notificationId));
        });
    }

    /**
     * Marks every unread notification of the user read.
     *
     * @param userId the user
     * @return how many were marked
     */
    public int markAllRead(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.user(userId), tx -> tx.update(NOTIFICATIONS)
                .set(NOTIFICATIONS.IS_READ, true).set(NOTIFICATIONS.READ_AT, context.now())
                .where(NOTIFICATIONS.USER_ID.eq(userId)).and(NOTIFICATIONS.IS_READ.isFalse())
                .execute());
    }

    /**
     * The retention job: deletes read notifications created longer than {@code DealsConfig.readNotificationRetention}
     * ago, in batches of its own transactions. Unread ones stay. Returns how many went.
     *
     * @return how many notifications were deleted
     */
    public int purgeRead() {
        OffsetDateTime before = context.now().minus(context.config().readNotificationRetention());
        int purged = 0;
        while (true) {
            int batch = context.transactions().run(SecurityContext.system(), tx -> queries.purge(tx, before, PURGE_BATCH));
            purged += batch;
            if (batch < PURGE_BATCH) {
                return purged;
            }
        }
    }

    // -------------------------------------------------------------------------------------------- delivery

    /**
     * Claims up to {@code limit} notifications that are due to go out by e-mail or push ({@code deliverAfter} at
     * or before {@code now}, not delivered, not claimed by another sender), oldest due first, for
     * {@code DealsConfig.deliveryClaimTimeout}. Concurrent senders never get the same notification (rows being
     * claimed are skipped, not waited for); one whose claim lapses without {@link #markDelivered} is handed out again,
     * so delivery is at least once.
     *
     * @param now the sender's clock: notifications due at or before it are claimed
     * @param limit 1 to {@value #MAX_CLAIM}
     * @return the claimed notifications, oldest due first
     * @throws ValidationException if {@code limit} is not 1 to {@value #MAX_CLAIM}, or {@code now} is outside the years 1 to
     *                             9999
     */
    public List<Delivery> pendingDeliveries(Instant now, int limit) {
        Checks.instant("now", Checks.required("now", now));
        Checks.between("limit", limit, 1, MAX_CLAIM);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime until = at.plus(context.config().deliveryClaimTimeout());
        return context.transactions().run(SecurityContext.system(), tx -> queries.claim(tx, at, until, limit).stream()
                .map(Notifications::toDelivery)
                .sorted(java.util.Comparator.comparing(Delivery::deliverAfter).thenComparing(Delivery::notificationId))
                .toList());
    }

    /**
     * Records that a claimed notification went out. Returns false if it was marked delivered before (a repeated call
     * changes nothing).
     *
     * @param notificationId the notification sent
     * @return true if this call recorded the delivery
     * @throws NotFoundException if there is no such notification
     */
    public boolean markDelivered(UUID notificationId) {
        Checks.required("notificationId", notificationId);
        return context.transactions().run(SecurityContext.system(), tx -> {
            int changed = tx.update(NOTIFICATIONS).set(NOTIFICATIONS.DELIVERED_AT, context.now()).setNull(NOTIFICATIONS.DELIVERY_CLAIMED_UNTIL)
                    .where(NOTIFICATIONS.ID.eq(notificationId)).and(NOTIFICATIONS.DELIVERED_AT.isNull())
                    .execute();
            if (changed == 0 && tx.fetchCount(NOTIFICATIONS, NOTIFICATIONS.ID.eq(notificationId)) == 0) {
                throw new NotFoundException("notification", notificationId);
            }
            return changed == 1;
        });
    }

    // -------------------------------------------------------------------------------------------- creation

    /**
     * Tells users of price drops an ingestion reported ({@code IngestionResult.priceDrops()}): one
     * {@code price_drop} notification per user and deal, for every user who saved the deal or has an active goal
     * that matched it. Deals no longer active are skipped. Call it once per ingestion result: a second call with the
     * same drops notifies again.
     *
     * @param drops the price drops of one ingestion ({@code IngestionResult.priceDrops()})
     * @return how many drops were considered and notifications created
     * @throws ValidationException naming the field: more drops than one ingestion reports ({@code DealCatalog.MAX_BATCH}), a
     *                             missing deal id, a price that is not a money amount of at least 0.01, a new price not
     *                             below the old one, a deal twice
     */
    public PriceDropRun notifyPriceDrops(List<IngestionResult.PriceDrop> drops) {
        Checks.required("drops", drops);
        if (drops.isEmpty()) {
            return new PriceDropRun(0, 0);
        }
        if (drops.size() > org.agenticdeals.catalog.DealCatalog.MAX_BATCH) {
            throw new ValidationException("drops", "must hold at most " + org.agenticdeals.catalog.DealCatalog.MAX_BATCH
                    + " drops (one ingestion's), held " + drops.size());
        }
        UUID[] deals = new UUID[drops.size()];
        BigDecimal[] oldPrices = new BigDecimal[drops.size()];
        BigDecimal[] newPrices = new BigDecimal[drops.size()];
        var seen = new LinkedHashSet<UUID>();
        for (int index = 0; index < drops.size(); index++) {
            IngestionResult.PriceDrop drop = Checks.required("drops[" + index + "]", drops.get(index));
            Checks.required("drops[" + index + "].dealId", drop.dealId());
            BigDecimal oldPrice = Checks.money("drops[" + index + "].oldPrice", drop.oldPrice(), MIN_PRICE);
            BigDecimal newPrice = Checks.money("drops[" + index + "].newPrice", drop.newPrice(), MIN_PRICE);
            if (newPrice.compareTo(oldPrice) >= 0) {
                throw new ValidationException("drops[" + index + "].newPrice", "must be below oldPrice (" + oldPrice.toPlainString() + "), was "
                        + newPrice.toPlainString());
            }
            if (!seen.add(drop.dealId())) {
                throw new ValidationException("drops[" + index + "]", "repeats deal " + drop.dealId());
            }
            deals[index] = drop.dealId();
            oldPrices[index] = oldPrice;
            newPrices[index] = newPrice;
        }
        int created = context.transactions().run(SecurityContext.system(), tx -> queries.priceDrops(tx, deals, oldPrices, newPrices, context.now()));
        return new PriceDropRun(drops.size(), created);
    }

    /**
     * Sends a system message to active users (inactive ones are skipped), routed by their global e-mail and push
     * switches and quiet hours. Admins only. Returns how many notifications were created.
     *
     * @param actionUrl optional http(s) link
     * @param adminId the acting admin
     * @param userIds the recipients, at most {@value #MAX_RECIPIENTS}
     * @param title 1 to 255 characters
     * @param content the message
     * @return how many notifications were created
     * @throws PermissionDeniedException if {@code adminId} is not an admin
     * @throws ValidationException       naming the field
     */
    public int sendSystemMessage(UUID adminId, Collection<UUID> userIds, String title, String content, String actionUrl) {
        Checks.required("adminId", adminId);
        Checks.required("userIds", userIds);
        if (userIds.isEmpty() || userIds.size() > MAX_RECIPIENTS) {
            throw new ValidationException("userIds", "must hold 1 to " + MAX_RECIPIENTS + " users, held " + userIds.size());
        }
        String validTitle = Checks.text("title", title, 255);
        String validContent = Checks.text("content", content, 10_000);
        if (actionUrl != null && Urls.problem(actionUrl) != null) {
            throw new ValidationException("actionUrl", Urls.problem(actionUrl));
        }
        UUID[] users = new LinkedHashSet<>(userIds).stream().map(id -> Checks.required("userIds[]", id)).toArray(UUID[]::new);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, "send system messages");
            return queries.systemMessage(tx, validTitle, validContent, actionUrl, users, context.now());
        });
    }

    // ------------------------------------------------------------------------------------------- mapping

    private static Notification toNotification(NotificationsRecord row) {
        return new Notification(row.getId(), row.getUserId(), NotificationType.valueOf(row.getType().name()), row.getTitle(), row.getContent(),
                row.getMetadata() == null ? null : row.getMetadata().data(), row.getActionUrl(), row.getGoalId(), row.getDealId(), row.getIsRead(),
                row.getCreatedAt().toInstant(), instant(row.getReadAt()), row.getDeliverEmail(), row.getDeliverPush(), instant(row.getDeliverAfter()),
                instant(row.getDeliveredAt()));
    }

    private static Delivery toDelivery(Record row) {
        return new Delivery(row.get(0, UUID.class), row.get(1, UUID.class), row.get(2, String.class), row.get(3, String.class),
                NotificationType.valueOf(row.get(4, String.class).toUpperCase(java.util.Locale.ROOT)), row.get(5, String.class),
                row.get(6, String.class), row.get(7, String.class), row.get(8, String.class), row.get(9, Boolean.class), row.get(10, Boolean.class),
                row.get(12, OffsetDateTime.class).toInstant(), row.get(11, OffsetDateTime.class).toInstant());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
