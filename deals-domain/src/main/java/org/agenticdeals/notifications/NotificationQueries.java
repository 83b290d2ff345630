package org.agenticdeals.notifications;

import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.NotificationRouting;
import org.agenticdeals.jooq.tables.records.NotificationsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The notifications' SQL: the inbox walk, the delivery claim, price-drop fan-out, retention. */
final class NotificationQueries {

    /** An inbox position: read or not, creation time, id. */
    record Position(boolean read, OffsetDateTime createdAt, UUID id) {
    }

    private final String claim;
    private final String priceDrops;
    private final String systemMessage;
    private final String purge;

    NotificationQueries(String schema) {
        // SKIP LOCKED: concurrent senders each take rows nobody else is claiming; the claim is a lease, so a sender
        // that dies leaves its rows to be claimed again once the lease ends.
        this.claim = """
                with due as (
                    select n.id from %1$s.notifications n
                    where n.delivered_at is null and (n.deliver_email or n.deliver_push) and n.deliver_after <= ?::timestamptz
                      and (n.delivery_claimed_until is null or n.delivery_claimed_until <= ?::timestamptz)
                    order by n.deliver_after, n.id
                    limit ?
                    for update skip locked)
                update %1$s.notifications n set delivery_claimed_until = ?::timestamptz
                from due, %1$s.users u
                where n.id = due.id and u.id = n.user_id
                returning n.id, n.user_id, u.email, u.name, n.type::text, n.title, n.content, n.action_url, n.metadata::text,
                          n.deliver_email, n.deliver_push, n.delivery_claimed_until, n.deliver_after
                """.formatted(schema);
        this.priceDrops = """
                with drops as (select * from unnest(?::uuid[], ?::numeric[], ?::numeric[]) as d (deal_id, old_price, new_price)),
                audience as (
                    select s.user_id, s.deal_id from %1$s.saved_deals s where s.deal_id in (select deal_id from drops)
                    union
                    select g.user_id, gd.deal_id from %1$s.goal_deals gd join %1$s.user_goals g on g.id = gd.goal_id
                    where gd.deal_id in (select deal_id from drops) and gd.status = 'active' and g.status = 'active'),
                inserted as (
                    insert into %1$s.notifications (user_id, type, title, content, metadata, deal_id, created_at, deliver_email, deliver_push,
                                                    deliver_after)
                    select a.user_id, 'price_drop', left('Price drop: ' || d.title, 255),
                           d.title || ' dropped from ' || x.old_price || ' to ' || x.new_price || '.',
                           jsonb_build_object('deal_id', x.deal_id, 'old_price', x.old_price, 'new_price', x.new_price, 'url', d.url),
                           x.deal_id, ?::timestamptz, %2$s
                    from audience a join drops x using (deal_id) join %1$s.deals d on d.id = x.deal_id
                    join %1$s.users u on u.id = a.user_id and u.is_active %3$s
                    where d.status = 'active'
                    returning 1)
                select count(*)::int from inserted
                """.formatted(schema, NotificationRouting.columns(schema, "price_drop"), NotificationRouting.joins(schema, "a.user_id"));
        this.systemMessage = """
                insert into %1$s.notifications (user_id, type, title, content, action_url, created_at, deliver_email, deliver_push, deliver_after)
                select u.id, 'system_message', ?, ?, ?, ?::timestamptz, %2$s
                from %1$s.users u %3$s
                where u.id = any(?::uuid[]) and u.is_active
                """.formatted(schema, NotificationRouting.columns(schema, "system_message"), NotificationRouting.joins(schema, "u.id"));
        this.purge = """
                delete from %1$s.notifications where id in (
                    select id from %1$s.notifications where is_read and created_at < ?::timestamptz limit ?)
                """.formatted(schema);
    }

    static List<NotificationsRecord> inbox(DSLContext tx, UUID userId, Position after, int size) {
        // Unread (false) first, then newest first: (is_read asc, created_at desc, id desc).
        Condition position = after == null ? DSL.noCondition()
                : NOTIFICATIONS.IS_READ.gt(after.read())
                        .or(NOTIFICATIONS.IS_READ.eq(after.read()).and(DSL.row(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID)
                                .lt(after.createdAt(), after.id())));
        return tx.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.USER_ID.eq(userId)).and(position)
                .orderBy(NOTIFICATIONS.IS_READ, NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID.desc())
                .limit(size)
                .fetch();
    }

    List<Record> claim(DSLContext tx, OffsetDateTime now, OffsetDateTime until, int limit) {
        return tx.fetch(claim, now, now, limit, until);
    }

    int priceDrops(DSLContext tx, UUID[] deals, BigDecimal[] oldPrices, BigDecimal[] newPrices, OffsetDateTime now) {
        return tx.fetchValue(DSL.resultQuery(priceDrops, deals, oldPrices, newPrices, now, now).coerce(DSL.field("count", Integer.class)));
    }

    int systemMessage(DSLContext tx, String title, String content, String actionUrl, UUID[] users, OffsetDateTime now) {
        return tx.execute(systemMessage, title, content, actionUrl, now, now, users);
    }

    int purge(DSLContext tx, OffsetDateTime before, int limit) {
        return tx.execute(purge, before, limit);
    }

    static String encode(Position position) {
        return Cursors.encodeParts("n1", position.read() ? 1 : 0, Cursors.micros(position.createdAt().toInstant()), position.id());
    }

    static Position decode(String cursor) {
        String[] parts = Cursors.decodeParts("page.cursor", cursor, "n1", 3);
        if (!parts[0].equals("0") && !parts[0].equals("1")) {
            throw Cursors.notACursor("page.cursor");
        }
        try {
            return new Position(parts[0].equals("1"), OffsetDateTime.ofInstant(Cursors.instant(parts[1]), ZoneOffset.UTC),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException malformed) {
            throw Cursors.notACursor("page.cursor");
        }
    }
}
