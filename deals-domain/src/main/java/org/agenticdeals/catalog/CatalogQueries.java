package org.agenticdeals.catalog;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.DEAL_PRICE_HISTORY;
import static org.agenticdeals.jooq.Tables.DEAL_STATISTICS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.SOURCES;

import java.math.BigDecimal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.tables.records.CategoriesRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The catalog's SQL. Ingestion is one set-based statement per batch. */
final class CatalogQueries {

    /** One item of a batch as the upsert takes it: validated, discount computed, id chosen. */
    record Staged(int index, UUID newId, DealInput input, BigDecimal discount) {
    }

    /** One row the upsert wrote. */
    record Written(UUID id, boolean inserted, BigDecimal oldPrice, BigDecimal newPrice) {
    }

    private final String upsert;
    private final String searchVectors;
    private final String schema;

    CatalogQueries(String schema) {
        this.schema = schema;
        this.upsert = """
                with input as (
                    select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[],
                                         ?::uuid[], ?::uuid[], ?::timestamptz[], ?::tsvector[])
                        as i (new_id, title, description, url, image_url, original_price, current_price, discount, market_id, category_id,
                              expires_at, search_vector)),
                old as (
                    select d.id, d.url, d.title, d.description, d.search_vector, d.current_price, d.original_price, d.created_at
                    from %1$s.deals d join input i on d.source_id = ? and d.url = i.url),
                upserted as (
                    insert into %1$s.deals as d (id, title, description, original_price, current_price, discount_percentage, url, image_url,
                                                 market_id, category_id, source_id, expires_at, status, created_at, updated_at, search_vector)
                    select i.new_id, i.title, i.description, i.original_price, i.current_price, i.discount, i.url, i.image_url, i.market_id,
                           i.category_id, ?, i.expires_at, 'active', ?, ?,
                           -- A deal whose text is unchanged keeps its vector: most of a feed re-lists known deals.
                           case when o.title = i.title and o.description is not distinct from i.description then o.search_vector
                                else coalesce(i.search_vector, %1$s.deal_search_vector(i.title, i.description)) end
                    from input i left join old o on o.url = i.url
                    on conflict (source_id, url) do update set
                        title = excluded.title, description = excluded.description, original_price = excluded.original_price,
                        current_price = excluded.current_price, discount_percentage = excluded.discount_percentage,
                        image_url = excluded.image_url, market_id = excluded.market_id, category_id = excluded.category_id,
                        expires_at = excluded.expires_at, search_vector = excluded.search_vector,
                        status = case when d.status = 'removed' then d.status
                                      when excluded.expires_at is null or excluded.expires_at > ? then 'active'::%1$s.deal_status
                                      else d.status end
                    where (d.title, d.description, d.original_price, d.current_price, d.image_url, d.market_id, d.category_id, d.expires_at)
                          is distinct from (excluded.title, excluded.description, excluded.original_price, excluded.current_price,
                                            excluded.image_url, excluded.market_id, excluded.category_id, excluded.expires_at)
                    returning d.id, d.current_price, d.original_price, (xmax = 0) as inserted),
                changed as (
                    select u.id, o.current_price as old_price, o.original_price as old_original, o.created_at, u.current_price, u.original_price
                    from upserted u join old o on o.id = u.id
                    where o.current_price <> u.current_price),
                history as (
                    insert into %1$s.deal_price_history (deal_id, price, original_price, recorded_at)
                    select c.id, c.old_price, c.old_original, c.created_at from changed c
                    where not exists (select 1 from %1$s.deal_price_history h where h.deal_id = c.id)
                    union all
                    select c.id, c.current_price, c.original_price, ? from changed c)
                select u.id, u.inserted, o.current_price, u.current_price from upserted u left join old o on o.id = u.id
                """.formatted(schema);
        this.searchVectors = """
                select array_agg(%1$s.deal_search_vector(title, description)::text order by position)
                from unnest(?::text[], ?::text[]) with ordinality as i (title, description, position)
                """.formatted(schema);
    }

    /** The statement that computes search vectors ahead of {@link #upsert}: titles and descriptions in, vectors as text out. */
    String searchVectors() {
        return searchVectors;
    }

    String schema() {
        return schema;
    }

    /**
     * Upserts {@code items}; {@code vectors}, if not null, are their search vectors as text (computed ahead by
     * {@link SearchVectorPrecompute}), else the statement computes them.
     */
    List<Written> upsert(DSLContext tx, UUID sourceId, List<Staged> items, String[] vectors, OffsetDateTime now) {
        return tx.connectionResult(connection -> upsert(connection, sourceId, items, vectors, now));
    }

    private List<Written> upsert(Connection connection, UUID sourceId, List<Staged> items, String[] vectors, OffsetDateTime now)
            throws SQLException {
        int size = items.size();
        Object[] ids = new Object[size];
        Object[] titles = new Object[size];
        Object[] descriptions = new Object[size];
        Object[] urls = new Object[size];
        Object[] images = new Object[size];
        Object[] originals = new Object[size];
        Object[] currents = new Object[size];
        Object[] discounts = new Object[size];
        Object[] markets = new Object[size];
        Object[] categories = new Object[size];
        Object[] expiries = new Object[size];
        for (int index = 0; index < size; index++) {
            Staged item = items.get(index);
            DealInput input = item.input();
            ids[index] = item.newId();
            titles[index] = input.title();
            descriptions[index] = input.description();
            urls[index] = input.url();
            images[index] = input.imageUrl();
            originals[index] = input.originalPrice();
            currents[index] = input.currentPrice();
            discounts[index] = item.discount();
            markets[index] = input.marketId();
            categories[index] = input.categoryId();
            expiries[index] = input.expiresAt() == null ? null : OffsetDateTime.ofInstant(input.expiresAt(), java.time.ZoneOffset.UTC);
        }
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            int parameter = 1;
            statement.setArray(parameter++, connection.createArrayOf("uuid", ids));
            for (Object[] column : List.of(titles, descriptions, urls, images)) {
                statement.setArray(parameter++, connection.createArrayOf("text", column));
            }
            for (Object[] column : List.of(originals, currents, discounts)) {
                statement.setArray(parameter++, connection.createArrayOf("numeric", column));
            }
            for (Object[] column : List.of(markets, categories)) {
                statement.setArray(parameter++, connection.createArrayOf("uuid", column));
            }
            statement.setArray(parameter++, connection.createArrayOf("timestamptz", expiries));
            statement.setArray(parameter++, vectors == null ? null : connection.createArrayOf("text", vectors));
            statement.setObject(parameter++, sourceId);
            statement.setObject(parameter++, sourceId);
            statement.setObject(parameter++, now);
            statement.setObject(parameter++, now);
            statement.setObject(parameter++, now);
            statement.setObject(parameter, now);
            var written = new ArrayList<Written>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    written.add(new Written(rows.getObject(1, UUID.class), rows.getBoolean(2), rows.getBigDecimal(3), rows.getBigDecimal(4)));
                }
            }
            return written;
        }
    }

    static Set<UUID> existing(DSLContext tx, org.jooq.Table<?> table, org.jooq.Field<UUID> id, Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : tx.select(id).from(table).where(id.in(ids)).fetchSet(id);
    }

    static Set<UUID> activeMarkets(DSLContext tx, Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : tx.select(MARKETS.ID).from(MARKETS)
                .where(MARKETS.ID.in(ids).and(MARKETS.STATUS.eq(org.agenticdeals.jooq.enums.MarketStatus.ACTIVE))).fetchSet(MARKETS.ID);
    }

    static Set<UUID> activeCategories(DSLContext tx, Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : tx.select(CATEGORIES.ID).from(CATEGORIES)
                .where(CATEGORIES.ID.in(ids).and(CATEGORIES.IS_ACTIVE)).fetchSet(CATEGORIES.ID);
    }

    /** The category and every category below it (a recursive query; the tree is small). */
    static List<UUID> subtree(DSLContext tx, UUID categoryId) {
        var tree = DSL.name("tree");
        var treeId = DSL.field(DSL.name("tree", "id"), UUID.class);
        return tx.withRecursive(tree.fields("id").as(
                        DSL.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.ID.eq(categoryId))
                                .unionAll(DSL.select(CATEGORIES.ID).from(CATEGORIES).join(DSL.table(tree)).on(CATEGORIES.PARENT_ID.eq(treeId)))))
                .select(treeId).from(DSL.table(tree))
                .fetch(treeId);
    }

    /** The category and its ancestors, root first. */
    static List<CategoriesRecord> path(DSLContext tx, UUID categoryId) {
        var path = new ArrayList<CategoriesRecord>();
        UUID next = categoryId;
        for (int depth = 0; next != null && depth < 64; depth++) {
            CategoriesRecord category = tx.selectFrom(CATEGORIES).where(CATEGORIES.ID.eq(next)).fetchOne();
            if (category == null) {
                break;
            }
            path.add(0, category);
            next = category.getParentId();
        }
        return path;
    }

    static int expireDue(DSLContext tx, OffsetDateTime now) {
        return tx.update(DEALS).set(DEALS.STATUS, DealStatus.EXPIRED)
                .where(DEALS.STATUS.eq(DealStatus.ACTIVE).and(DEALS.EXPIRES_AT.le(now)))
                .execute();
    }

    static void refreshStatistics(DSLContext tx, String schema) {
        tx.execute("select " + schema + ".refresh_deal_statistics()");
    }

    static org.jooq.Result<org.agenticdeals.jooq.tables.records.DealStatisticsRecord> statistics(DSLContext tx) {
        return tx.selectFrom(DEAL_STATISTICS).orderBy(DEAL_STATISTICS.MARKET_ID, DEAL_STATISTICS.CATEGORY_ID).fetch();
    }

    static org.jooq.Result<org.agenticdeals.jooq.tables.records.DealPriceHistoryRecord> priceHistory(DSLContext tx, UUID dealId) {
        return tx.selectFrom(DEAL_PRICE_HISTORY).where(DEAL_PRICE_HISTORY.DEAL_ID.eq(dealId))
                .orderBy(DEAL_PRICE_HISTORY.RECORDED_AT, DEAL_PRICE_HISTORY.ID).fetch();
    }

    /**
     * Locks the source's row if the source is active. Batches of one source then run one after the other, and each
     * one's statements see the previous batch committed; batches of different sources never share a row (the key
     * is (source, url)) and run side by side. {@code FOR NO KEY UPDATE} leaves the foreign-key checks of the
     * deals being written (which take {@code FOR KEY SHARE}) unblocked.
     */
    static boolean lockActiveSource(DSLContext tx, UUID sourceId) {
        return tx.selectOne().from(SOURCES)
                .where(SOURCES.ID.eq(sourceId).and(SOURCES.STATUS.eq(org.agenticdeals.jooq.enums.SourceStatus.ACTIVE)))
                .forNoKeyUpdate().fetchOptional().isPresent();
    }

    /**
     * Serializes changes to the category tree: a move's cycle check must see every move committed before it, or
     * two opposite moves (A under B, B under A) would each pass their check and build a cycle together. Reads and
     * the foreign-key checks of deals (ROW SHARE) are not blocked.
     */
    static void lockCategoryTree(DSLContext tx) {
        tx.execute("LOCK TABLE {0} IN SHARE ROW EXCLUSIVE MODE", CATEGORIES);
    }

}
