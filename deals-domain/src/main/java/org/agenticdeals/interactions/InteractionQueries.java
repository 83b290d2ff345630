package org.agenticdeals.interactions;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.SOCIAL_INTERACTIONS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agenticdeals.jooq.enums.DealStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The SQL of interactions and popularity. */
final class InteractionQueries {

    private InteractionQueries() {
    }

    /**
     * Records the interaction if the deal exists and is not removed (what may be interacted with), in one statement:
     * views are the most frequent write there is. False if there is no such deal.
     */
    static boolean recordIfInteractable(DSLContext tx, UUID id, UUID userId, UUID dealId, InteractionType type, JSONB metadata,
                                        OffsetDateTime at) {
        return tx.insertInto(SOCIAL_INTERACTIONS, SOCIAL_INTERACTIONS.ID, SOCIAL_INTERACTIONS.USER_ID, SOCIAL_INTERACTIONS.DEAL_ID,
                        SOCIAL_INTERACTIONS.INTERACTION_TYPE, SOCIAL_INTERACTIONS.METADATA, SOCIAL_INTERACTIONS.CREATED_AT)
                .select(DSL.select(DSL.val(id), DSL.val(userId), DEALS.ID,
                                DSL.inline(org.agenticdeals.jooq.enums.InteractionType.valueOf(type.name())), DSL.val(metadata, JSONB.class), DSL.val(at))
                        .from(DEALS).where(DEALS.ID.eq(dealId).and(DEALS.STATUS.ne(DealStatus.REMOVED))))
                .execute() == 1;
    }

    /** Counts by type in {@code [from, to)}: a range of the (deal_id, created_at) index, read from the index alone. */
    static Map<InteractionType, Long> counts(DSLContext tx, UUID dealId, OffsetDateTime from, OffsetDateTime to) {
        Map<InteractionType, Long> counts = new EnumMap<>(InteractionType.class);
        tx.select(SOCIAL_INTERACTIONS.INTERACTION_TYPE, DSL.count())
                .from(SOCIAL_INTERACTIONS)
                .where(SOCIAL_INTERACTIONS.DEAL_ID.eq(dealId).and(SOCIAL_INTERACTIONS.CREATED_AT.ge(from)).and(SOCIAL_INTERACTIONS.CREATED_AT.lt(to)))
                .groupBy(SOCIAL_INTERACTIONS.INTERACTION_TYPE)
                .forEach(row -> counts.put(InteractionType.valueOf(row.value1().name()), row.value2().longValue()));
        return counts;
    }

    /**
     * The {@code limit} visible deals with the highest decayed score over {@code (now - window, now]}: the window's
     * range of the (created_at) index, read from the index alone and summed per deal before any deal is joined.
     */
    static List<TrendingDeal> trending(DSLContext tx, OffsetDateTime now, Duration window, Duration halfLife, int limit) {
        // 2^(-age / halfLife), in double precision throughout: extract() returns numeric, and numeric powers cost 20
        // times as much (3.2 s instead of 0.15 s for a million interactions). Weights are inline constants from
        // their one definition, InteractionType.
        Field<Double> decay = DSL.field("power(0.5::float8, date_part('epoch', {0} - {1}) / {2}::float8)", SQLDataType.DOUBLE,
                DSL.val(now), SOCIAL_INTERACTIONS.CREATED_AT, DSL.inline(halfLife.toSeconds()));
        Field<Double> score = DSL.sum(weight().times(decay)).cast(SQLDataType.DOUBLE).as("score");
        var recent = tx.select(SOCIAL_INTERACTIONS.DEAL_ID, score, DSL.count().as("interactions"))
                .from(SOCIAL_INTERACTIONS)
                .where(SOCIAL_INTERACTIONS.CREATED_AT.gt(now.minus(window)).and(SOCIAL_INTERACTIONS.CREATED_AT.le(now)))
                .groupBy(SOCIAL_INTERACTIONS.DEAL_ID)
                .asTable("recent");
        Field<UUID> dealId = recent.field(SOCIAL_INTERACTIONS.DEAL_ID);
        Field<Double> recentScore = recent.field("score", Double.class);
        Field<Integer> interactions = recent.field("interactions", Integer.class);
        return tx.select(dealId, DEALS.TITLE, recentScore, interactions)
                .from(recent).join(DEALS).on(DEALS.ID.eq(dealId))
                .where(DEALS.STATUS.eq(DSL.inline(DealStatus.ACTIVE)).and(DEALS.EXPIRES_AT.isNull().or(DEALS.EXPIRES_AT.gt(now))))
                .orderBy(recentScore.desc(), dealId)
                .limit(limit)
                .fetch(row -> new TrendingDeal(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    private static Field<Integer> weight() {
        Map<Field<org.agenticdeals.jooq.enums.InteractionType>, Field<Integer>> cases = Stream.of(InteractionType.values())
                .collect(Collectors.toMap(type -> DSL.inline(org.agenticdeals.jooq.enums.InteractionType.valueOf(type.name())),
                        type -> DSL.inline(type.weight())));
        return DSL.case_(SOCIAL_INTERACTIONS.INTERACTION_TYPE).mapFields(cases);
    }
}
