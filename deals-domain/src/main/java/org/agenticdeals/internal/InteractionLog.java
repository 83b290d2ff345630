package org.agenticdeals.internal;

import static org.agenticdeals.jooq.Tables.SOCIAL_INTERACTIONS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.agenticdeals.jooq.enums.InteractionType;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Records a user's interaction with a deal in the caller's transaction: for the features whose actions are
 * interactions themselves (saving a deal, sharing one), so the action and its record commit together.
 */
public final class InteractionLog {

    private InteractionLog() {
    }

    /**
     * Records interaction {@code id}: {@code type} by {@code userId} on {@code dealId} at {@code at}; {@code shareId}
     * and {@code metadata} may be null.
     */
    public static void record(DSLContext tx, UUID id, UUID userId, UUID dealId, InteractionType type, UUID shareId, JSONB metadata,
                              OffsetDateTime at) {
        tx.insertInto(SOCIAL_INTERACTIONS)
                .set(SOCIAL_INTERACTIONS.ID, id)
                .set(SOCIAL_INTERACTIONS.USER_ID, userId)
                .set(SOCIAL_INTERACTIONS.DEAL_ID, dealId)
                .set(SOCIAL_INTERACTIONS.INTERACTION_TYPE, type)
                .set(SOCIAL_INTERACTIONS.SHARE_ID, shareId)
                .set(SOCIAL_INTERACTIONS.METADATA, metadata)
                .set(SOCIAL_INTERACTIONS.CREATED_AT, at)
                .execute();
    }
}
