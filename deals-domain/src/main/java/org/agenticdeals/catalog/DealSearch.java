package org.agenticdeals.catalog;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.SOURCES;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.Page;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.tables.Deals;
import org.agenticdeals.jooq.tables.records.DealsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Runs a search page and finds single deals, as {@link DealView}s. Every filter is a bind value. Pages are keyset
 * pages in the sort's order with the id breaking ties, so deals ingested between two pages cause neither
 * duplicates nor gaps.
 *
 * <p>Relevance has two tiers: deals whose title alone matches the text (the title's words carry weight A in the
 * search vector), then deals that match only with their description; each tier newest first.
 *
 * <p>A text search starts with a probe. PostgreSQL estimates a multi-word match as the product of the words'
 * frequencies, which for words that go together ("noise cancelling") is off by two orders of magnitude; so left
 * to itself it always starts from the text index and visits every match before sorting, one heap page each
 * (17 ms for 14,000 matches among 1,000,000 deals). The probe walks the sort's index from the cursor for at most
 * {@code DealsConfig.searchProbeWindow()} deals and keeps the matches: when they fill the page, it is the page,
 * since every deal beyond the window sorts after it. When they do not, matches are rare near the cursor and the
 * query starts from the text index. See docs/catalog.md.
 */
final class DealSearch {

    private static final Deals D = DEALS.as("d");

    private final String schema;
    private final int probeWindow;

    DealSearch(String schema, int probeWindow) {
        this.schema = schema;
        this.probeWindow = probeWindow;
    }

    /** One page of {@code size} visible deals matching {@code query} (already validated), after {@code after}. */
    Page<DealView> page(DSLContext tx, DealQuery query, String text, OffsetDateTime now, int size, SearchCursor after) {
        Condition dealFilters = visible(now).and(dealFilters(tx, query));
        Condition sourceFilter = query.minReliability() == null ? DSL.noCondition() : SOURCES.RELIABILITY_SCORE.ge(query.minReliability());
        if (text == null) {
            return ordered(tx, D, dealFilters.and(sourceFilter), DSL.inline(0), query.sort(), size, after);
        }
        Field<Object> tsQuery = DSL.field("websearch_to_tsquery('english'::regconfig, {0})", Object.class, DSL.val(text));
        Condition matches = dealFilters.and(DSL.condition("{0} @@ {1}", D.SEARCH_VECTOR, tsQuery));
        Condition titleMatches = DSL.condition("ts_filter({0}, array['a'::\"char\"]) @@ {1}", D.SEARCH_VECTOR, tsQuery);
        if (probeWindow > 0) {
            Optional<Page<DealView>> probed = probe(tx, query.sort(), matches.and(sourceFilter), titleMatches, size, after);
            if (probed.isPresent()) {
                return probed.get();
            }
        }
        // Matches are rare near the cursor: start from the text index. OFFSET 0 keeps the subquery a subquery, so
        // the planner cannot walk the sort's index instead on a guess of how common the words are.
        Table<?> matching = tx.select(D.asterisk()).from(D).where(matches).offset(0).asTable(D.getName());
        return ordered(tx, matching, sourceFilter, DSL.when(titleMatches, DSL.inline(0)).otherwise(DSL.inline(1)), query.sort(), size, after);
    }

    /** The deal with its names if it is visible at {@code now}. */
    Optional<DealView> find(DSLContext tx, UUID dealId, OffsetDateTime now) {
        return select(tx, D).where(D.ID.eq(dealId).and(visible(now))).fetchOptional(this::toView);
    }

    /**
     * The page from the first {@code probeWindow} deals after the cursor in the sort's index order, if they hold a
     * whole page (and the row that shows there is a next one). For relevance the probe looks for the cursor's tier
     * only, which makes the walk's order the page's order.
     */
    private Optional<Page<DealView>> probe(DSLContext tx, DealQuery.Sort sort, Condition filters, Condition titleMatches, int size,
                                           SearchCursor after) {
        var walk = tx.selectFrom(DEALS).orderBy(walkOrder(sort, DEALS));
        Select<DealsRecord> window = after == null ? walk.limit(probeWindow) : walk.seek(after.key(), after.id()).limit(probeWindow);
        int probedTier = after == null ? 0 : after.tier();
        Condition condition = sort != DealQuery.Sort.RELEVANCE ? filters : filters.and(probedTier == 0 ? titleMatches : titleMatches.not());
        var rows = select(tx, window.asTable(D.getName()), DSL.inline(probedTier).as("tier")).where(condition).orderBy(walkOrder(sort, D))
                .limit(size + 1).fetch();
        return rows.size() > size ? Optional.of(toPage(rows, sort, size)) : Optional.empty();
    }

    /** The page of {@code deals} (aliased {@code d}) meeting {@code condition}, in the sort's order after the cursor. */
    private Page<DealView> ordered(DSLContext tx, Table<?> deals, Condition condition, Field<Integer> tier, DealQuery.Sort sort, int size,
                                   SearchCursor after) {
        List<SortField<?>> order = new ArrayList<>();
        if (sort == DealQuery.Sort.RELEVANCE) {
            order.add(tier.asc());
        }
        order.addAll(walkOrder(sort, D));
        var select = select(tx, deals, tier.as("tier")).where(condition).orderBy(order);
        if (after == null) {
            return toPage(select.limit(size + 1).fetch(), sort, size);
        }
        Object[] seek = sort == DealQuery.Sort.RELEVANCE
                ? new Object[] {after.tier(), after.key(), after.id()}
                : new Object[] {after.key(), after.id()};
        return toPage(select.seek(seek).limit(size + 1).fetch(), sort, size);
    }

    /** The sort's keys on {@code deals}; relevance's tier comes before them. */
    private static List<SortField<?>> walkOrder(DealQuery.Sort sort, Deals deals) {
        return switch (sort) {
            case RELEVANCE, NEWEST -> List.of(deals.CREATED_AT.desc(), deals.ID.desc());
            case DISCOUNT -> List.of(deals.DISCOUNT_PERCENTAGE.desc(), deals.ID.desc());
            case PRICE -> List.of(deals.CURRENT_PRICE.asc(), deals.ID.asc());
        };
    }

    private static Condition visible(OffsetDateTime now) {
        // A constant, inlined: as a bind value a cached generic plan would not know how few deals are not active.
        return D.STATUS.eq(DSL.inline(DealStatus.ACTIVE)).and(D.EXPIRES_AT.isNull().or(D.EXPIRES_AT.gt(now)));
    }

    /** The query's filters on the deal's own columns (all but source reliability). */
    private static Condition dealFilters(DSLContext tx, DealQuery query) {
        Condition condition = DSL.noCondition();
        if (!query.marketIds().isEmpty()) {
            condition = condition.and(D.MARKET_ID.in(query.marketIds()));
        }
        if (query.categoryId() != null) {
            condition = condition.and(D.CATEGORY_ID.in(CatalogQueries.subtree(tx, query.categoryId())));
        }
        if (query.minPrice() != null) {
            condition = condition.and(D.CURRENT_PRICE.ge(query.minPrice()));
        }
        if (query.maxPrice() != null) {
            condition = condition.and(D.CURRENT_PRICE.le(query.maxPrice()));
        }
        if (query.minDiscount() != null) {
            condition = condition.and(D.DISCOUNT_PERCENTAGE.ge(query.minDiscount()));
        }
        return condition;
    }

    /** The view's columns from {@code deals} (the alias {@code d}: the table or the probe's window) and its names. */
    private SelectJoinStep<Record> select(DSLContext tx, Table<?> deals, Field<?>... extra) {
        Field<String[]> path = DSL.function(DSL.name(schema, "category_path"), String[].class, D.CATEGORY_ID).as("category_path");
        var fields = new ArrayList<Field<?>>(List.of(D.ID, D.TITLE, D.DESCRIPTION, D.URL, D.IMAGE_URL, D.ORIGINAL_PRICE, D.CURRENT_PRICE,
                D.DISCOUNT_PERCENTAGE, D.STATUS, D.EXPIRES_AT, D.CREATED_AT, MARKETS.NAME.as("market_name"), SOURCES.NAME.as("source_name"),
                SOURCES.RELIABILITY_SCORE, path));
        fields.addAll(List.of(extra));
        return tx.select(fields).from(deals).join(MARKETS).on(MARKETS.ID.eq(D.MARKET_ID)).join(SOURCES).on(SOURCES.ID.eq(D.SOURCE_ID));
    }

    private Page<DealView> toPage(List<Record> rows, DealQuery.Sort sort, int size) {
        List<DealView> views = rows.stream().limit(size).map(this::toView).toList();
        if (rows.size() <= size) {
            return new Page<>(views, null);
        }
        Record last = rows.get(size - 1);
        Object key = switch (sort) {
            case RELEVANCE, NEWEST -> last.get(D.CREATED_AT);
            case DISCOUNT -> last.get(D.DISCOUNT_PERCENTAGE);
            case PRICE -> last.get(D.CURRENT_PRICE);
        };
        return new Page<>(views, new SearchCursor(sort, last.get("tier", Integer.class), key, last.get(D.ID)).encode());
    }

    private DealView toView(Record row) {
        String[] path = row.get("category_path", String[].class);
        return new DealView(row.get(D.ID), row.get(D.TITLE), row.get(D.DESCRIPTION), row.get(D.URL), row.get(D.IMAGE_URL),
                row.get(D.ORIGINAL_PRICE), row.get(D.CURRENT_PRICE), row.get(D.DISCOUNT_PERCENTAGE), row.get("market_name", String.class),
                path == null ? List.of() : List.of(path), row.get("source_name", String.class), row.get(SOURCES.RELIABILITY_SCORE),
                DealView.Status.valueOf(row.get(D.STATUS).name()), row.get(D.EXPIRES_AT) == null ? null : row.get(D.EXPIRES_AT).toInstant(),
                row.get(D.CREATED_AT).toInstant());
    }
}
