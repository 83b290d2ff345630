package org.agenticdeals.goals;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.GOAL_DEALS;
import static org.agenticdeals.jooq.Tables.USER_GOALS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.jooq.enums.GoalDealStatus;
import org.agenticdeals.jooq.enums.GoalStatus;
import org.agenticdeals.jooq.tables.records.UserGoalsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The goals' own SQL: rows, keyset pages, the expiry job. Matching lives in {@link MatchingQueries}. */
final class GoalQueries {

    /** A goal list position: priority, creation time (microseconds), id. */
    record GoalPosition(int priority, OffsetDateTime createdAt, UUID id) {
    }

    /** A match list position: relevance, deal id. */
    record MatchPosition(BigDecimal relevance, UUID dealId) {
    }

    private GoalQueries() {
    }

    static Optional<UserGoalsRecord> goal(DSLContext tx, UUID goalId, boolean forUpdate) {
        var select = tx.selectFrom(USER_GOALS).where(USER_GOALS.ID.eq(goalId));
        return forUpdate ? select.forUpdate().fetchOptional() : select.fetchOptional();
    }

    /** Keywords that hold no searchable word (stop words only), by their index in {@code keywords}. */
    static List<Integer> unsearchable(DSLContext tx, List<String> keywords) {
        if (keywords.isEmpty()) {
            return List.of();
        }
        return tx.fetch("select (position - 1)::int from unnest(?::text[]) with ordinality as k (word, position)"
                        + " where numnode(plainto_tsquery('english'::regconfig, word)) = 0 order by position",
                (Object) keywords.toArray(String[]::new)).getValues(0, Integer.class);
    }

    /** The user's goals (row-level security keeps them to the caller's), in priority order. */
    static List<UserGoalsRecord> page(DSLContext tx, UUID userId, GoalPosition after, int size) {
        Condition position = after == null ? DSL.noCondition()
                : DSL.row(USER_GOALS.PRIORITY, USER_GOALS.CREATED_AT, USER_GOALS.ID).gt(after.priority(), after.createdAt(), after.id());
        return tx.selectFrom(USER_GOALS).where(USER_GOALS.USER_ID.eq(userId)).and(position)
                .orderBy(USER_GOALS.PRIORITY, USER_GOALS.CREATED_AT, USER_GOALS.ID)
                .limit(size)
                .fetch();
    }

    /** A goal's active matches on active, unexpired deals, best first. */
    static List<GoalMatch> matches(DSLContext tx, UUID goalId, MatchPosition after, OffsetDateTime now, int size) {
        Condition position = after == null ? DSL.noCondition()
                : GOAL_DEALS.RELEVANCE_SCORE.lt(after.relevance())
                        .or(GOAL_DEALS.RELEVANCE_SCORE.eq(after.relevance()).and(GOAL_DEALS.DEAL_ID.gt(after.dealId())));
        return tx.select(GOAL_DEALS.GOAL_ID, GOAL_DEALS.DEAL_ID, DEALS.TITLE, DEALS.CURRENT_PRICE, DEALS.ORIGINAL_PRICE,
                        DEALS.DISCOUNT_PERCENTAGE, DEALS.URL, GOAL_DEALS.RELEVANCE_SCORE, GOAL_DEALS.MATCHED_AT)
                .from(GOAL_DEALS).join(DEALS).on(DEALS.ID.eq(GOAL_DEALS.DEAL_ID))
                .where(GOAL_DEALS.GOAL_ID.eq(goalId)).and(GOAL_DEALS.STATUS.eq(GoalDealStatus.ACTIVE))
                .and(DEALS.STATUS.eq(org.agenticdeals.jooq.enums.DealStatus.ACTIVE))
                .and(DEALS.EXPIRES_AT.isNull().or(DEALS.EXPIRES_AT.gt(now)))
                .and(position)
                .orderBy(GOAL_DEALS.RELEVANCE_SCORE.desc(), GOAL_DEALS.DEAL_ID)
                .limit(size)
                .fetch(row -> new GoalMatch(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6(), row.value7(),
                        row.value8(), row.value9().toInstant()));
    }

    /** Open goals past their target date, locked; the expiry job takes them in batches. */
    static List<UserGoalsRecord> lockDue(DSLContext tx, OffsetDateTime now, int limit) {
        return tx.selectFrom(USER_GOALS)
                .where(USER_GOALS.STATUS.in(GoalStatus.ACTIVE, GoalStatus.PAUSED)).and(USER_GOALS.TARGET_DATE.lt(now))
                .orderBy(USER_GOALS.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch();
    }

    static String encode(GoalPosition position) {
        return Cursors.encodeParts("g1", position.priority(), Cursors.micros(position.createdAt().toInstant()), position.id());
    }

    static GoalPosition decodeGoal(String cursor) {
        String[] parts = Cursors.decodeParts("page.cursor", cursor, "g1", 3);
        try {
            return new GoalPosition(Integer.parseInt(parts[0]), OffsetDateTime.ofInstant(Cursors.instant(parts[1]), ZoneOffset.UTC),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException malformed) {
            throw Cursors.notACursor("page.cursor");
        }
    }

    static String encode(MatchPosition position) {
        return Cursors.encodeParts("m1", position.relevance().toPlainString(), position.dealId());
    }

    static MatchPosition decodeMatch(String cursor) {
        String[] parts = Cursors.decodeParts("page.cursor", cursor, "m1", 2);
        try {
            BigDecimal relevance = new BigDecimal(parts[0]);
            if (relevance.signum() < 0 || relevance.compareTo(BigDecimal.valueOf(100)) > 0 || relevance.scale() > 2) {
                throw Cursors.notACursor("page.cursor");
            }
            return new MatchPosition(relevance, UUID.fromString(parts[1]));
        } catch (IllegalArgumentException malformed) {
            throw Cursors.notACursor("page.cursor");
        }
    }
}
