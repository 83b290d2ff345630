package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.agenticdeals.internal.NotificationRouting;
import org.jooq.DSLContext;

/**
 * Goal matching in SQL: every active goal against a batch of deals, or one goal against the whole catalog, in one
 * set-based statement each; then the alerts and the goals' progress, one statement each.
 *
 * <p>A run re-evaluates a <em>scope</em> of (goal, deal) pairs: a batch's deals against every active goal, or one
 * goal against every deal. Matches inside the scope are replaced by the run's findings; matches outside it keep
 * their relevance and compete with the new ones for the goal's cap.
 */
final class MatchingQueries {

    /** What the matching statement did, and what the alert and progress statements need from it. */
    record Outcome(int added, int updated, int retired, int goalsMatched, List<Alert> alerts, UUID[] touchedGoals) {
    }

    /** A new match at or above its goal's alert threshold, not alerted before. */
    record Alert(UUID goalId, UUID dealId, BigDecimal relevance) {
    }

    private static final String BULK_WORK_MEM = "256MB";
    private static final int UNROLLED_TERMS = 4;

    /**
     * Per goal of a batch run, the relevance of its {@code max_matches + 1} best active matches in order (all of them
     * as a rule: a goal holds at most {@code max_matches}) and whether one of them is in the batch (one {@code ?}: the
     * batch's ids, removed and expired deals included), read once through the goal index, from the index alone where
     * the table's pages are all-visible. From them, the relevance a new match must reach to enter a goal none of
     * whose best matches the run re-evaluates: its {@code max_matches}-th best when it holds that many
     * ({@link #BOUND} drops the candidates that cannot reach it).
     */
    private static final String HOLDINGS = """
            batch_ids as materialized (select unnest(?::uuid[]) as id),
            holdings as materialized (
                select g.id as goal_id, h.scores, coalesce(h.in_batch, false) as in_batch
                from goal_rows g
                cross join lateral (select array_agg(gd.relevance_score order by gd.relevance_score desc, gd.deal_id) as scores,
                                           bool_or(gd.deal_id in (select id from batch_ids)) as in_batch
                                    from (select gd.relevance_score, gd.deal_id
                                          from %1$s.goal_deals gd
                                          where gd.goal_id = g.id and gd.status = 'active'
                                          order by gd.relevance_score desc, gd.deal_id limit g.max_matches + 1) gd) h),
            floors as (
                select h.goal_id, h.scores[g.max_matches] as floor from holdings h join goal_rows g on g.id = h.goal_id where not h.in_batch)""";

    /**
     * Whether deal {@code d} can still enter goal {@code g} by its relevance: a deal whose relevance cannot reach a
     * full goal's floor even with every keyword in its title ({@link #keywordPointsNeeded} above the keyword
     * component's 30) is dropped before its relevance is computed. Once goals hold their best matches, that is most
     * of a batch's candidates (nine in ten pairs of a steady run). A few floating-point operations on columns
     * converted once ({@code floor_points}, {@code max_price_float} and {@code term_count} of the goal,
     * {@code price_float} and {@code base_points} of the deal), so that a join can test it on narrow rows.
     */
    private static final String BOUND = """
            (g.floor_points is null or %s <= case when g.term_count > 0 then 30 else 0 end)""".formatted(keywordPointsNeeded("g", "d"));

    /**
     * Whether deal {@code d} (a {@code deal_keys} row) passes every filter of goal {@code g} (a {@code goal_filters}
     * row) but its keywords.
     */
    private static final String FILTERS = """
            (g.max_price is null or d.current_price <= g.max_price)
                      and (g.min_discount is null or d.discount_percentage >= g.min_discount)
                      and (g.min_reliability is null or d.reliability >= g.min_reliability)
                      and (g.markets is null or d.market_id = any(g.markets))
                      and (g.categories is null or g.categories && d.ancestors)""";

    /**
     * {@link #BOUND} and {@link #FILTERS} in one test, the bound first, then the other cheap and selective ones:
     * PostgreSQL evaluates them in this order and stops at the first that fails.
     */
    private static final String PASSES = BOUND + "\n          and " + FILTERS;

    /**
     * The points (of the keyword component's 30) a deal's keywords must make for its relevance to reach the floor of
     * a full goal: the floor less a margin for rounding, in points of the goal's weights ({@code floor_points}), less
     * what the price, discount and reliability make. Floating point, a bound and not a score: every operand was
     * converted once per goal or deal ({@code max_price_float}, {@code price_float}, {@code base_points}), because a
     * numeric converted to float8 goes through its text form, and a batch tests a million pairs. {@code goal} and
     * {@code deal} are the aliases of the rows holding the goal's filters and floor and the deal's attributes.
     */
    private static String keywordPointsNeeded(String goal, String deal) {
        return """
                (%1$s.floor_points
                 - case when %1$s.max_price_float > 0 then 30 * (1 - least(%2$s.price_float, %1$s.max_price_float) / %1$s.max_price_float) else 0 end
                 - %2$s.base_points)""".formatted(goal, deal);
    }

    /**
     * What a deal's discount and reliability add to its relevance, in points of their weights (25 and 15), in floating
     * point: once per deal of a batch.
     */
    static String basePoints(String discount, String reliability) {
        return "(25 * least(100, greatest(0, %s))::float8 / 100 + 15 * least(1, greatest(0, %s))::float8)".formatted(discount, reliability);
    }

    /**
     * The relevance (docs/goals.md) in floating point, from a deal's price and {@link #basePoints} as float8 and the
     * keyword hits: the same mean as {@code goal_deal_relevance}, within 1e-10 of it (each operation is exact to a
     * relative 1e-16 and the result is at most 100).
     */
    static String approximateRelevance(String priceFloat, String maxPriceFloat, String basePoints, String keywordCount, String titleHits,
                                       String descriptionHits) {
        return """
                ((case when %2$s > 0 then 30 * (1 - least(%1$s, %2$s) / %2$s) else 0 end
                  + %3$s
                  + case when %4$s > 0 then 30 * least(1, (2 * %5$s + %6$s)::float8 / (2 * %4$s)) else 0 end) * 100
                 / (40 + case when %2$s > 0 then 30 else 0 end + case when %4$s > 0 then 30 else 0 end))"""
                .formatted(priceFloat, maxPriceFloat, basePoints, keywordCount, titleHits, descriptionHits);
    }

    /**
     * The exact relevance, rounded half up to two decimals, from the {@link #approximateRelevance}: rounding the
     * approximate one gives it unless that lies within a millionth of a rounding tie (its error is ten thousand times
     * less, but exact ties are common: one mean in ten with two-decimal inputs); those are computed by
     * {@code goal_deal_relevance} from the arguments that follow, in numeric arithmetic (microseconds a match, where
     * rounding takes a fraction of one).
     */
    static String relevance(String schema, String approximate, String... exactArguments) {
        return """
                (case when abs(%2$s * 100 - floor(%2$s * 100) - 0.5) > 1e-6 then floor(%2$s * 100 + 0.5)::bigint * 0.01
                      else %1$s.goal_deal_relevance(%3$s) end)""".formatted(schema, approximate, String.join(", ", exactArguments));
    }

    private final String schema;
    private final String batchMatch;
    private final String goalMatch;
    private final String goalFilter;
    private final String alert;
    private final String progress;

    MatchingQueries(String schema) {
        this.schema = schema;
        String goalRows = """
                goal_rows as materialized (
                    select g.id, g.user_id, g.match_query as query, g.required_lexemes as required, g.any_lexemes, g.match_terms as terms,
                           g.match_categories as categories, g.match_markets as markets,
                           (g.parameters ->> 'max_price')::numeric as max_price, (g.parameters ->> 'max_price')::float8 as max_price_float,
                           (g.parameters ->> 'min_discount')::numeric as min_discount,
                           (g.parameters ->> 'min_source_reliability')::numeric as min_reliability,
                           coalesce((g.parameters ->> 'max_matches')::int, %2$d) as max_matches,
                           coalesce((g.parameters ->> 'alert_threshold')::numeric, %3$d) as alert_threshold
                    from %1$s.user_goals g join %1$s.users u on u.id = g.user_id and u.is_active
                    where g.status = 'active' %%s)""".formatted(schema, GoalParameters.DEFAULT_MAX_MATCHES, GoalParameters.DEFAULT_ALERT_THRESHOLD);
        // The deals of the scope with their categories' ancestors (a deal in a goal's category subtree has the
        // goal's category among them).
        String dealSet = """
                ancestry (category_id, ancestor_id, depth) as (
                    select category_id, category_id, 0 from (select distinct category_id from deal_rows where category_id is not null) c
                    union all
                    select a.category_id, c.parent_id, a.depth + 1 from ancestry a join %1$s.categories c on c.id = a.ancestor_id
                    where c.parent_id is not null and a.depth < 64),
                deal_set as materialized (
                    select d.*, ts_filter(d.search_vector, '{a}') as title_vector, a.ancestors, d.current_price::float8 as price_float,
                           %2$s as base_points
                    from deal_rows d
                    left join (select category_id, array_agg(ancestor_id) as ancestors from ancestry group by category_id) a using (category_id))"""
                .formatted(schema, basePoints("d.discount_percentage", "d.reliability"));
        String dealColumns = """
                select d.id, d.current_price, d.discount_percentage, d.market_id, d.category_id, d.search_vector,
                       coalesce(s.reliability_score, 0) as reliability
                from %1$s.deals d join %1$s.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > ?)""".formatted(schema);
        // A goal's filters and a deal's attributes as the candidate joins test them: narrow rows, so that a join emits
        // only the pairs that pass every filter but the keywords (each goal's floor included) instead of millions of
        // pairs that later joins would have to widen and filter.
        String filterRows = """
                goal_filters as materialized (
                    select g.id, g.categories, g.markets, g.max_price, g.max_price_float, g.min_discount, g.min_reliability,
                           cardinality(g.terms) as term_count, f.floor,
                           (f.floor - 0.01)::float8 * (40 + case when g.max_price > 0 then 30 else 0 end
                                                        + case when cardinality(g.terms) > 0 then 30 else 0 end) / 100 as floor_points
                    from goal_rows g left join floors f on f.goal_id = g.id),
                deal_keys as materialized (
                    select id, current_price, price_float, base_points, discount_percentage, reliability, market_id, ancestors from deal_set)""";
        // Candidates come from joins, never from every goal meeting every deal: a goal with keywords meets the deals
        // holding the one of its words that is rarest in the batch; a goal with any-of keywords, the deals holding one
        // of theirs; one without keywords, the deals under its categories, else in its markets; only a goal with none
        // of these (price, discount or reliability alone) meets the whole batch. Each join keeps only the pairs that
        // pass the goal's filters and bound. For full goals the keyword join tests the bound alone, on narrow rows (a
        // goal's bound columns, a deal's lexemes with its price and points), and the filters on the eighth of pairs
        // that pass it: testing a million pairs on rows carrying every filter's columns took twice as long. A goal
        // not yet full has no bound, so its pairs are tested against the filters at once, and so are the other
        // joins' pairs: there the filters, not the bound, drop most of them. An any-of goal's deal holds at most as
        // many of its keywords as it holds of the goal's any-of lexemes (one per keyword, each joined): with that
        // share of the keyword component, most of a full any-of goal's candidates cannot reach its floor.
        String batchCandidates = """
                deal_lexemes as materialized (
                    select id as deal_id, price_float, base_points, unnest(tsvector_to_array(search_vector)) as lexeme from deal_set),
                batch_lexemes as (select lexeme, count(*) as deals from deal_lexemes group by lexeme),
                anchors as (
                    select distinct on (r.id) r.id, r.lexeme
                    from (select id, unnest(required) as lexeme from goal_rows where required is not null) r
                    left join batch_lexemes b using (lexeme)
                    order by r.id, coalesce(b.deals, 0), r.lexeme),
                lexeme_keys as materialized (select l.lexeme, k.* from deal_lexemes l join deal_keys k on k.id = l.deal_id),
                bounded_pairs as materialized (
                    select g.id as goal_id, d.deal_id
                    from (select a.lexeme, f.id, f.floor_points, f.max_price_float, f.term_count
                          from anchors a join goal_filters f using (id) where f.floor_points is not null) g
                    join deal_lexemes d using (lexeme)
                    where %3$s),
                candidates as (
                    select g.id as goal_id, d.id as deal_id, g.floor
                    from bounded_pairs p join goal_filters g on g.id = p.goal_id join deal_keys d on d.id = p.deal_id
                    where %4$s
                    union all
                    select g.id, d.id, g.floor
                    from (select a.lexeme, f.* from anchors a join goal_filters f using (id) where f.floor_points is null) g
                    join lexeme_keys d using (lexeme)
                    where %4$s
                    union all
                    select h.id, h.deal_id, h.floor
                    from (select g.id, d.id as deal_id, max(g.floor) as floor, max(g.term_count) as term_count, count(*) as held,
                                 max(%2$s) as needed
                          from (select a.lexeme, f.* from (select id, unnest(any_lexemes) as lexeme from goal_rows
                                                           where required is null and any_lexemes is not null) a
                                join goal_filters f using (id)) g
                          join lexeme_keys d using (lexeme)
                          where %1$s
                          group by g.id, d.id) h
                    where h.floor is null or h.needed <= 30 * least(1, h.held::float8 / h.term_count)
                    union all
                    select distinct g.id, d.id, g.floor
                    from (select c.category_id, f.* from (select id, unnest(categories) as category_id from goal_rows
                                                          where required is null and any_lexemes is null) c
                          join goal_filters f using (id)) g
                    join (select unnest(k.ancestors) as category_id, k.* from deal_keys k) d using (category_id)
                    where %1$s
                    union all
                    select g.id, d.id, g.floor
                    from (select m.market_id as goal_market, f.* from (select id, unnest(markets) as market_id from goal_rows
                                                                       where required is null and any_lexemes is null and categories is null) m
                          join goal_filters f using (id)) g
                    join deal_keys d on d.market_id = g.goal_market
                    where %1$s
                    union all
                    select g.id, d.id, g.floor
                    from goal_filters g join goal_rows r on r.id = g.id cross join deal_keys d
                    where r.required is null and r.any_lexemes is null and r.categories is null and r.markets is null and %1$s)"""
                .formatted(PASSES, keywordPointsNeeded("g", "d"), BOUND, FILTERS);
        // A batch run matches the goals of some lock slots (ShardedRun): the low four bits of their ids' last byte. The
        // batch's ids are bound where they are used: an array parameter is one the planner can size (an array built by
        // a subquery made the statement two and a half times slower).
        this.batchMatch = "with recursive "
                + goalRows.formatted("and (get_byte(uuid_send(g.id), 15) & 15) = any(?::int[])") + ",\n"
                + "deal_rows as materialized (" + dealColumns + " and d.id = any(?::uuid[])),\n"
                + dealSet + ",\n"
                + HOLDINGS.formatted(schema) + ",\n"
                + filterRows + ",\n"
                + batchCandidates + ",\n"
                + tail("gd.deal_id = any(?::uuid[])");
        // One goal: its hard filters select the deals (through the text, category or price indexes), every one
        // of them a candidate.
        this.goalMatch = "with recursive "
                + goalRows.formatted("and g.id = ?") + ",\n"
                + "deal_rows as materialized (" + dealColumns + """
                 and (?::tsquery is null or d.search_vector @@ ?::tsquery)
                 and (?::uuid[] is null or d.category_id = any(?::uuid[]))
                 and (?::uuid[] is null or d.market_id = any(?::uuid[]))
                 and (?::numeric is null or d.current_price <= ?::numeric)
                 and (?::numeric is null or d.discount_percentage >= ?::numeric)),
                """
                + dealSet + ",\n"
                + "holdings as (select null::uuid as goal_id, null::numeric[] as scores, null::boolean as in_batch where false),\n"
                + "floors as (select null::uuid as goal_id, null::numeric as floor where false),\n"
                + filterRows + ",\n"
                + "candidates as (select g.id as goal_id, d.id as deal_id, g.floor from goal_filters g cross join deal_keys d where " + PASSES + "),\n"
                + tail("gd.goal_id = ?");
        this.goalFilter = """
                with recursive subtree (id) as (
                    select c.id from %1$s.categories c
                    where c.id in (select unnest(g.match_categories) from %1$s.user_goals g where g.id = ?)
                    union
                    select c.id from %1$s.categories c join subtree s on c.parent_id = s.id)
                select g.match_query::text,
                       (select array_agg(id) from subtree),
                       g.match_markets,
                       (g.parameters ->> 'max_price')::numeric,
                       (g.parameters ->> 'min_discount')::numeric
                from %1$s.user_goals g where g.id = ?""".formatted(schema);
        this.alert = """
                with fresh as (select * from unnest(?::uuid[], ?::uuid[], ?::numeric[]) as f (goal_id, deal_id, score)),
                -- The alerted deals, read once through their primary key: the planner cannot size the arrays, and would
                -- rather hash the whole catalog than look up tens of thousands of rows.
                fresh_deals as materialized (
                    select d.id, d.title, d.current_price, d.discount_percentage, d.url from %1$s.deals d where d.id = any(?::uuid[])),
                goal_rows as (select g.id as goal_id, g.user_id, g.title from %1$s.user_goals g where g.id in (select goal_id from fresh)),
                sent as (
                    select n.goal_id, count(*) as alerts from %1$s.notifications n
                    where n.goal_id in (select goal_id from goal_rows) and n.type = 'deal_alert' and n.deal_id is not null
                      and n.created_at > ?::timestamptz - interval '1 hour'
                    group by n.goal_id),
                ranked as (
                    select f.goal_id, f.deal_id, f.score, row_number() over (partition by f.goal_id order by f.score desc, f.deal_id) as rank,
                           greatest(0, ? - coalesce(s.alerts, 0)) as allowance
                    from fresh f left join sent s using (goal_id)),
                alerts as (
                    insert into %1$s.notifications (user_id, type, title, content, metadata, goal_id, deal_id, created_at,
                                                    deliver_email, deliver_push, deliver_after)
                    select g.user_id, 'deal_alert', left('New match for "' || g.title || '"', 255),
                           d.title || ': ' || d.current_price || ' (' || d.discount_percentage || '%% off)',
                           jsonb_build_object('goal_id', r.goal_id, 'deal_id', r.deal_id, 'relevance', r.score, 'url', d.url),
                           r.goal_id, r.deal_id, ?, %2$s
                    from ranked r join goal_rows g using (goal_id) join fresh_deals d on d.id = r.deal_id %3$s
                    where r.rank <= r.allowance
                    on conflict (goal_id, deal_id) where type = 'deal_alert' and deal_id is not null do nothing
                    returning 1),
                overflow as (
                    select r.goal_id, count(*)::int as extra, jsonb_agg(r.deal_id order by r.rank) as deal_ids,
                           string_agg(d.title, '; ' order by r.rank) filter (where r.rank <= r.allowance + 3) as top_titles
                    from ranked r join fresh_deals d on d.id = r.deal_id
                    where r.rank > r.allowance
                    group by r.goal_id),
                -- The digests to append to, then updated through the primary key: joined by hashing alone (the bulk
                -- settings), the update would read every notification of the table to find them.
                open_digest as (
                    select distinct on (n.goal_id) n.id, n.goal_id from %1$s.notifications n
                    where n.goal_id in (select goal_id from overflow) and n.type = 'deal_alert' and n.deal_id is null and not n.is_read
                      and n.delivered_at is null and n.delivery_claimed_until is null and n.created_at > ?::timestamptz - interval '1 hour'
                    order by n.goal_id, n.created_at desc),
                appended as (
                    update %1$s.notifications n
                    set metadata = n.metadata || jsonb_build_object('count', (n.metadata ->> 'count')::int + o.extra,
                                                                    'deal_ids', (n.metadata -> 'deal_ids') || o.deal_ids),
                        content = ((n.metadata ->> 'count')::int + o.extra) || ' new matches over your hourly alert limit, including '
                                  || o.top_titles
                    from overflow o join open_digest od using (goal_id)
                    where n.id = od.id and n.id = any(array(select id from open_digest))
                    returning n.id),
                digests as (
                    insert into %1$s.notifications (user_id, type, title, content, metadata, goal_id, deal_id, created_at,
                                                    deliver_email, deliver_push, deliver_after)
                    select g.user_id, 'deal_alert', left('More matches for "' || g.title || '"', 255),
                           o.extra || ' new matches over your hourly alert limit, including ' || o.top_titles,
                           jsonb_build_object('goal_id', o.goal_id, 'digest', true, 'count', o.extra, 'deal_ids', o.deal_ids),
                           o.goal_id, null, ?, %2$s
                    from overflow o join goal_rows g using (goal_id) %4$s
                    where o.goal_id not in (select goal_id from open_digest)
                    returning 1)
                select (select count(*) from alerts)::int, (select coalesce(sum(extra), 0) from overflow)::int,
                       (select count(*) from appended)::int + (select count(*) from digests)::int
                """.formatted(schema, NotificationRouting.columns(schema, "deal_alert"), NotificationRouting.joins(schema, "g.user_id"),
                NotificationRouting.joins(schema, "g.user_id"));
        // The goals' active matches through the goal index, and their deals' prices through the primary key, each
        // deal once: a join would read every match of the table, or look a deal up once per goal holding it.
        this.progress = """
                with touched as materialized (select unnest(?::uuid[]) as goal_id),
                active as materialized (
                    select gd.goal_id, gd.deal_id, gd.relevance_score, gd.matched_at from %1$s.goal_deals gd
                    where gd.goal_id = any(array(select goal_id from touched)) and gd.status = 'active'),
                prices as materialized (
                    select d.id, d.current_price from %1$s.deals d where d.id = any(array(select distinct deal_id from active))),
                metrics as (
                    select a.goal_id, count(*) as matches_found, min(p.current_price) as best_price, max(a.relevance_score) as best_score,
                           max(a.matched_at) as last_matched_at
                    from active a join prices p on p.id = a.deal_id
                    group by a.goal_id)
                update %1$s.user_goals g
                set progress_metrics = p.metrics || jsonb_build_object('last_matched_at', coalesce(to_jsonb(p.last_matched_at), g.progress_metrics -> 'last_matched_at'))
                from (select t.goal_id, m.last_matched_at,
                             jsonb_build_object('matches_found', coalesce(m.matches_found, 0), 'best_price', m.best_price,
                                                'best_score', m.best_score) as metrics
                      from touched t left join metrics m using (goal_id)) p
                where g.id = p.goal_id
                  and g.progress_metrics is distinct from
                      p.metrics || jsonb_build_object('last_matched_at', coalesce(to_jsonb(p.last_matched_at), g.progress_metrics -> 'last_matched_at'))
                """.formatted(schema);
    }

    /**
     * The shared second half: the scope's matches scored, ranked with the goals' other matches under each goal's
     * cap, written, and the scope's lapsed or pushed-out matches retired. {@code inScope} tests a goal_deals row
     * {@code gd} for being in the scope (one {@code ?}).
     */
    private String tail(String inScope) {
        return """
                scored as (
                    select c.goal_id, c.deal_id, c.floor, g.max_matches, g.alert_threshold, d.current_price, g.max_price, d.discount_percentage,
                           cardinality(g.terms) as keyword_count, h.title_hits, h.description_hits, d.reliability,
                           %6$s as approximate_score
                    from candidates c join goal_rows g on g.id = c.goal_id join deal_set d on d.id = c.deal_id
                    cross join lateral (select %4$s as title_hits, %5$s as description_hits) h
                    where g.query is null or d.search_vector @@ g.query),
                -- A match whose approximate relevance is below its full goal's floor cannot enter the goal.
                matched as (
                    select s.*, %7$s as score
                    from scored s
                    where s.floor is null or s.approximate_score >= s.floor - 0.011),
                -- Per goal with new matches, the old ones they compete with for the cap. When the run holds all of a
                -- goal's matches (holdings: at most max_matches, none in the batch), only its lowest, as many as it
                -- has new ones, read from the low end of the goal index with where they are: the others (above) stay
                -- whatever the new ones score, so the new and the lowest share the cap's last places. Otherwise every
                -- active match of the goal outside the scope. The run's matches are ranked with those old ones in one
                -- window.
                contest as materialized (
                    select c.*, case when c.held then greatest(0, coalesce(cardinality(c.scores), 0) - c.fresh) else 0 end as above
                    from (select b.goal_id, b.fresh, h.scores,
                                 coalesce(not h.in_batch and coalesce(cardinality(h.scores), 0) <= b.max_matches, false) as held
                          from (select goal_id, count(*) as fresh, min(max_matches) as max_matches from matched group by goal_id) b
                          left join holdings h using (goal_id)) c),
                ranked as (
                    select *
                    from (select r.*, c.above + row_number() over (partition by r.goal_id order by r.score desc, r.deal_id) as rank
                          from (select goal_id, deal_id, score, true as fresh, max_matches, alert_threshold, null::tid as row_id, false as alerted
                                from matched
                                union all
                                select c.goal_id, o.deal_id, o.relevance_score, false, g.max_matches, g.alert_threshold, o.ctid,
                                       o.alerted_at is not null
                                from contest c join goal_rows g on g.id = c.goal_id
                                cross join lateral (select gd.deal_id, gd.relevance_score, gd.ctid, gd.alerted_at
                                                    from %1$s.goal_deals gd
                                                    where gd.goal_id = c.goal_id and gd.status = 'active'
                                                    order by gd.relevance_score, gd.deal_id desc limit c.fresh) o
                                where c.held
                                union all
                                select gd.goal_id, gd.deal_id, gd.relevance_score, false, g.max_matches, g.alert_threshold, gd.ctid,
                                       gd.alerted_at is not null
                                from %1$s.goal_deals gd join goal_rows g on g.id = gd.goal_id
                                where gd.status = 'active' and gd.goal_id = any(array(select goal_id from contest where not held)) and not (%2$s)) r
                          join contest c using (goal_id)) r
                    -- The run's matches past the cap are dropped here, the old ones kept: those past it are retired.
                    where not fresh or rank <= max_matches),
                kept as (select * from ranked where fresh and rank <= max_matches),
                -- A new (or revived) match at or above its goal's alert threshold is marked alerted as it is written,
                -- unless it was alerted before: the run's alert statement alerts exactly these (or folds them into a
                -- digest). Written in goal order, a goal's new matches share heap pages: the next run reads a goal's
                -- matches from a few pages instead of one page each.
                upserted as (
                    insert into %1$s.goal_deals as gd (goal_id, deal_id, relevance_score, matched_at, status, alerted_at)
                    select goal_id, deal_id, score, ?, 'active', case when score >= alert_threshold then ?::timestamptz end from kept
                    order by goal_id, deal_id
                    on conflict (goal_id, deal_id) do update
                        set relevance_score = excluded.relevance_score, status = 'active',
                            matched_at = case when gd.status = 'active' then gd.matched_at else excluded.matched_at end,
                            alerted_at = case when gd.status = 'active' then gd.alerted_at else coalesce(gd.alerted_at, excluded.alerted_at) end
                        where (gd.relevance_score, gd.status) is distinct from (excluded.relevance_score, 'active')
                    returning gd.goal_id, gd.deal_id, gd.relevance_score, gd.matched_at, gd.alerted_at),
                -- The matches the run ends, by where it read them: the scope's that are not kept, and those pushed past
                -- the cap. One that no longer holds, or was alerted, becomes inactive (its row remembers the alert); one
                -- that holds but did not make the cap is deleted. Nothing else writes them meanwhile (a run holds its
                -- goals' slots; see Goals).
                gone as (
                    select old.ctid as row_id, m.goal_id is null or old.alerted_at is not null as kept_inactive
                    from %1$s.goal_deals old join goal_rows g on g.id = old.goal_id
                    left join kept k on k.goal_id = old.goal_id and k.deal_id = old.deal_id
                    left join matched m on m.goal_id = old.goal_id and m.deal_id = old.deal_id
                    where old.status = 'active' and (%3$s) and k.goal_id is null
                    union all
                    select row_id, alerted from ranked where not fresh and rank > max_matches),
                retired as (
                    update %1$s.goal_deals gd set status = 'inactive'
                    where gd.ctid = any(array(select row_id from gone where kept_inactive)) and gd.status = 'active'
                    returning gd.goal_id),
                pushed_out as (
                    delete from %1$s.goal_deals gd
                    where gd.ctid = any(array(select row_id from gone where not kept_inactive)) and gd.status = 'active'
                    returning gd.goal_id),
                fresh_alerts as (
                    select u.goal_id, u.deal_id, u.relevance_score from upserted u where u.matched_at = ? and u.alerted_at = ?)
                select (select count(*) from upserted where matched_at = ?)::int,
                       (select count(*) from upserted where matched_at <> ?)::int,
                       (select count(*) from retired)::int + (select count(*) from pushed_out)::int,
                       (select count(distinct goal_id) from kept)::int,
                       (select array_agg(goal_id order by goal_id, deal_id) from fresh_alerts),
                       (select array_agg(deal_id order by goal_id, deal_id) from fresh_alerts),
                       (select array_agg(relevance_score order by goal_id, deal_id) from fresh_alerts),
                       array(select goal_id from kept union select goal_id from retired union select goal_id from pushed_out)
                """.formatted(schema, inScope, inScope.replace("gd.", "old."), hits("d.title_vector @@ %s"),
                hits("not d.title_vector @@ %1$s and d.search_vector @@ %1$s"),
                approximateRelevance("d.price_float", "g.max_price_float", "d.base_points", "cardinality(g.terms)", "h.title_hits", "h.description_hits"),
                relevance(schema, "s.approximate_score", "s.current_price", "s.max_price", "s.discount_percentage", "s.keyword_count", "s.title_hits",
                        "s.description_hits", "s.reliability"));
    }

    /**
     * How many of a goal's terms ({@code g.terms}) a deal's vectors hit by {@code test} (a format taking one term). A
     * goal has one to three terms as a rule: for up to {@value #UNROLLED_TERMS} the count is a sum of expressions;
     * beyond, a subquery over the terms, which costs an executor node per match (five times the sum's cost).
     */
    private static String hits(String test) {
        var sum = new StringBuilder("case cardinality(g.terms) when 0 then 0");
        for (int terms = 1; terms <= UNROLLED_TERMS; terms++) {
            sum.append(" when ").append(terms).append(" then ");
            for (int term = 1; term <= terms; term++) {
                sum.append(term > 1 ? " + " : "").append("(").append(test.formatted("g.terms[" + term + "]")).append(")::int");
            }
        }
        return sum.append(" else (select count(*) from unnest(g.terms) as t where ").append(test.formatted("t")).append(")::int end").toString();
    }

    /** The active goals in lock slots {@code slots} against the active deals among {@code dealIds}. */
    Outcome matchBatch(DSLContext tx, UUID[] dealIds, int[] slots, OffsetDateTime now) {
        Integer[] slotArray = IntStream.of(slots).boxed().toArray(Integer[]::new);
        return tx.connectionResult(connection -> outcome(connection, batchMatch,
                slotArray, now, dealIds, dealIds, dealIds, now, now, dealIds, now, now, now, now));
    }

    /** One goal against the whole catalog; nothing when the goal is not active. */
    Outcome matchGoal(DSLContext tx, UUID goalId, OffsetDateTime now) {
        return tx.connectionResult(connection -> {
            Object query;
            Object categories;
            Object markets;
            Object maxPrice;
            Object minDiscount;
            try (PreparedStatement statement = prepare(connection, goalFilter, goalId, goalId); ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return new Outcome(0, 0, 0, 0, List.of(), new UUID[0]);
                }
                query = row.getString(1);
                categories = row.getArray(2) == null ? null : row.getArray(2).getArray();
                markets = row.getArray(3) == null ? null : row.getArray(3).getArray();
                maxPrice = row.getBigDecimal(4);
                minDiscount = row.getBigDecimal(5);
            }
            return outcome(connection, goalMatch, goalId, now, query, query, categories, categories, markets, markets, maxPrice, maxPrice,
                    minDiscount, minDiscount, goalId, now, now, goalId, now, now, now, now);
        });
    }

    /** Alerts for {@code outcome}'s new matches, at most {@code perHour} per goal in an hour, the rest in a digest. */
    int[] alert(DSLContext tx, Outcome outcome, OffsetDateTime now, int perHour) {
        if (outcome.alerts().isEmpty()) {
            return new int[] {0, 0, 0};
        }
        UUID[] goals = outcome.alerts().stream().map(Alert::goalId).toArray(UUID[]::new);
        UUID[] deals = outcome.alerts().stream().map(Alert::dealId).toArray(UUID[]::new);
        BigDecimal[] scores = outcome.alerts().stream().map(Alert::relevance).toArray(BigDecimal[]::new);
        return tx.connectionResult(connection -> inBulk(connection, () -> {
            try (PreparedStatement statement = prepare(connection, alert, goals, deals, scores, deals, now, perHour, now, now, now, now, now);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                return new int[] {row.getInt(1), row.getInt(2), row.getInt(3)};
            }
        }));
    }

    /** Recomputes the progress metrics of {@code goals}, {@link #inBulk}: thousands of goals in a batch run. */
    void progress(DSLContext tx, UUID[] goals) {
        if (goals.length > 0) {
            tx.connectionResult(connection -> inBulk(connection, () -> {
                try (PreparedStatement statement = prepare(connection, progress, (Object) goals)) {
                    return statement.executeUpdate();
                }
            }));
        }
    }

    /** Runs a matching statement, a batch's or one goal's, with {@link #bulkSettings}. */
    private static Outcome outcome(Connection connection, String sql, Object... parameters) throws SQLException {
        return inBulk(connection, () -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet row = statement.executeQuery()) {
                row.next();
                var alerts = new ArrayList<Alert>();
                if (row.getArray(5) != null) {
                    UUID[] goals = (UUID[]) row.getArray(5).getArray();
                    UUID[] deals = (UUID[]) row.getArray(6).getArray();
                    BigDecimal[] scores = (BigDecimal[]) row.getArray(7).getArray();
                    for (int index = 0; index < goals.length; index++) {
                        alerts.add(new Alert(goals[index], deals[index], scores[index]));
                    }
                }
                return new Outcome(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), alerts, (UUID[]) row.getArray(8).getArray());
            }
        });
    }

    /** What {@link #inBulk} runs: statements on the connection it was given. */
    private interface BulkWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} with {@link #bulkSettings}, then puts back the settings they replaced, so that the
     * transaction's later statements (a host's, inside {@code Deals.inTransaction}) are planned as usual.
     */
    private static <T> T inBulk(Connection connection, BulkWork<T> work) throws SQLException {
        String[] previous = bulkSettings(connection);
        T result = work.run();
        restore(connection, previous);
        return result;
    }

    /**
     * Settings for one bulk statement, returning the ones they replace. Nothing can estimate how many matches a batch
     * makes (PostgreSQL guesses one or two where there are hundreds of thousands), nor how many deals one goal's
     * keywords select (it multiplies the words' frequencies, where words of one product occur together: one row
     * expected, 9,688 found), and with that guess it joins the statement's intermediate results by nested loops,
     * quadratic in the matches, or by merge joins that sort a candidate join's inputs and re-read one of them for
     * every repeated key: hash joins are always right here. Likewise it groups hundreds of thousands of rows it
     * expects to be a few by sorting them: hashing is (sorts that nothing else can replace, those that rank matches,
     * stay). The memory lets the sorts and hash tables stay in memory. Transaction-local; a failed statement's
     * transaction (or savepoint) ends and takes them with it.
     */
    private static String[] bulkSettings(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select current_setting('enable_nestloop'), current_setting('enable_mergejoin'), current_setting('enable_sort'),"
                + " current_setting('work_mem'), set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true),"
                + " set_config('enable_sort', 'off', true), set_config('work_mem', '" + BULK_WORK_MEM + "', true)");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)};
        }
    }

    private static void restore(Connection connection, String[] previous) throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                "select set_config('enable_nestloop', ?, true), set_config('enable_mergejoin', ?, true), set_config('enable_sort', ?, true),"
                + " set_config('work_mem', ?, true)",
                previous[0], previous[1], previous[2], previous[3]); ResultSet ignored = statement.executeQuery()) {
            // restored
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int index = 0; index < parameters.length; index++) {
                Object parameter = parameters[index];
                if (parameter instanceof UUID[] ids) {
                    statement.setArray(index + 1, connection.createArrayOf("uuid", ids));
                } else if (parameter instanceof Integer[] numbers) {
                    statement.setArray(index + 1, connection.createArrayOf("int4", numbers));
                } else if (parameter instanceof BigDecimal[] numbers) {
                    statement.setArray(index + 1, connection.createArrayOf("numeric", numbers));
                } else {
                    statement.setObject(index + 1, parameter);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException failed) {
            statement.close();
            throw failed;
        }
    }

    String schema() {
        return schema;
    }
}
