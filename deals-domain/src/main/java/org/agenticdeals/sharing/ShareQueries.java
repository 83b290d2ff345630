package org.agenticdeals.sharing;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.SHARED_DEALS;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.Transactions.ContextStatement;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.ShareType;
import org.agenticdeals.jooq.tables.records.SharedDealsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** The SQL of sharing. */
final class ShareQueries {

    /** What resolving a link did: {@code resolved} with the deal, or why not (for the log). */
    record Resolution(String outcome, UUID shareId, DealView deal) {
    }

    private final String resolve;

    ShareQueries(String schema) {
        // The function counts and records the click; the joins bring the deal's view in the same statement.
        this.resolve = """
                select r.outcome, r.share_id, d.id, d.title, d.description, d.url, d.image_url, d.original_price, d.current_price,
                       d.discount_percentage, m.name, src.name, src.reliability_score, d.status::text, d.expires_at, d.created_at,
                       %1$s.category_path(d.category_id)
                from %1$s.resolve_shared_link(?, ?, ?) r
                left join %1$s.deals d on d.id = r.deal_id and r.outcome = 'resolved'
                left join %1$s.markets m on m.id = d.market_id
                left join %1$s.sources src on src.id = d.source_id
                """.formatted(schema);
    }

    /** Resolves {@code link}, sending {@code context} in the same round trip. */
    Resolution resolve(DSLContext tx, ContextStatement context, String link, UUID visitorId, OffsetDateTime at) {
        return tx.connectionResult(connection -> resolve(connection, context, link, visitorId, at));
    }

    private Resolution resolve(Connection connection, ContextStatement context, String link, UUID visitorId, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(context.sql() + ";\n" + resolve)) {
            int index = 1;
            for (String parameter : context.parameters()) {
                statement.setString(index++, parameter);
            }
            statement.setString(index++, link);
            statement.setObject(index++, visitorId);
            statement.setObject(index, at);
            statement.execute();
            statement.getMoreResults();
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                String outcome = row.getString(1);
                UUID shareId = row.getObject(2, UUID.class);
                return new Resolution(outcome, shareId, "resolved".equals(outcome) ? view(row) : null);
            }
        }
    }

    private static DealView view(ResultSet row) throws SQLException {
        Array path = row.getArray(17);
        OffsetDateTime expiresAt = row.getObject(15, OffsetDateTime.class);
        return new DealView(row.getObject(3, UUID.class), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                row.getBigDecimal(8), row.getBigDecimal(9), row.getBigDecimal(10), row.getString(11),
                path == null ? List.of() : List.of((String[]) path.getArray()), row.getString(12), row.getBigDecimal(13),
                DealView.Status.valueOf(row.getString(14).toUpperCase(java.util.Locale.ROOT)), expiresAt == null ? null : expiresAt.toInstant(),
                row.getObject(16, OffsetDateTime.class).toInstant());
    }

    /** The title of the deal if it can be shared at {@code now}: active and unexpired. */
    static Optional<String> shareableTitle(DSLContext tx, UUID dealId, OffsetDateTime now) {
        return tx.select(DEALS.TITLE).from(DEALS)
                .where(DEALS.ID.eq(dealId).and(DEALS.STATUS.eq(DealStatus.ACTIVE)).and(DEALS.EXPIRES_AT.isNull().or(DEALS.EXPIRES_AT.gt(now))))
                .fetchOptional(DEALS.TITLE);
    }

    static void insert(DSLContext tx, SharedDealsRecord share) {
        tx.executeInsert(share);
    }

    /** The user's share, if it is theirs. */
    static Optional<Share> find(DSLContext tx, UUID userId, UUID shareId) {
        return select(tx).where(SHARED_DEALS.ID.eq(shareId).and(SHARED_DEALS.USER_ID.eq(userId))).fetchOptional(ShareQueries::toShare);
    }

    /** Deactivates the user's share; false if there is no such share of theirs. */
    static boolean deactivate(DSLContext tx, UUID userId, UUID shareId) {
        return tx.update(SHARED_DEALS).set(SHARED_DEALS.IS_ACTIVE, false)
                .where(SHARED_DEALS.ID.eq(shareId).and(SHARED_DEALS.USER_ID.eq(userId))).execute() == 1;
    }

    /** Up to {@code limit} of the user's shares, newest first, after the keyset position. */
    static List<Share> list(DSLContext tx, UUID userId, Instant afterTime, UUID afterId, int limit) {
        Condition condition = SHARED_DEALS.USER_ID.eq(userId);
        if (afterTime != null) {
            condition = condition.and(DSL.row(SHARED_DEALS.CREATED_AT, SHARED_DEALS.ID)
                    .lt(DSL.row(DSL.val(OffsetDateTime.ofInstant(afterTime, ZoneOffset.UTC)), DSL.val(afterId))));
        }
        return select(tx).where(condition).orderBy(SHARED_DEALS.CREATED_AT.desc(), SHARED_DEALS.ID.desc()).limit(limit)
                .fetch(ShareQueries::toShare);
    }

    private static SelectOnConditionStep<Record> select(DSLContext tx) {
        return tx.select(List.of(SHARED_DEALS.asterisk(), DEALS.TITLE)).from(SHARED_DEALS).join(DEALS).on(DEALS.ID.eq(SHARED_DEALS.DEAL_ID));
    }

    private static Share toShare(Record row) {
        return toShare(row.into(SHARED_DEALS), row.get(DEALS.TITLE));
    }

    static Share toShare(SharedDealsRecord share, String dealTitle) {
        ShareChannel channel = switch (share.getShareType()) {
            case EMAIL -> new ShareChannel.Email(Json.strings(share.getRecipients()));
            case LINK -> new ShareChannel.Link();
            case SOCIAL -> new ShareChannel.Social(share.getPlatform());
        };
        return new Share(share.getId(), share.getDealId(), dealTitle, channel, share.getMessage(), share.getPublicLinkId(),
                share.getCreatedAt().toInstant(), share.getExpiresAt() == null ? null : share.getExpiresAt().toInstant(), share.getIsActive(),
                share.getClickCount());
    }

    static ShareType typeOf(ShareChannel channel) {
        if (channel instanceof ShareChannel.Email) {
            return ShareType.EMAIL;
        }
        return channel instanceof ShareChannel.Social ? ShareType.SOCIAL : ShareType.LINK;
    }
}
