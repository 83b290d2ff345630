package org.agenticdeals.catalog;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.SAVED_DEALS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.InteractionLog;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.InteractionType;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The deals a user saved. Obtain it from {@code Deals.savedDeals()}. Every method runs in the user's security
 * context: row-level security lets nobody reach another user's saved deals.
 */
public final class SavedDeals {

    /** The longest note a saved deal may carry. */
    public static final int MAX_NOTES = 2_000;

    private final ServiceContext context;

    /**
     * For {@code Deals}; hosts call {@code deals.savedDeals()}.
     *
     * @param context the library's plumbing (not API)
     */
    public SavedDeals(ServiceContext context) {
        this.context = context;
    }

    /**
     * Saves an active deal, with optional notes, and records a {@code save} interaction in the same transaction.
     * Idempotent: saving it again keeps the first save's time, replaces the notes only when new ones are given and
     * records nothing (of racing first saves, one inserts and records; the others find its row).
     *
     * @param userId the user saving
     * @param dealId an active deal
     * @param notes optional notes, or null to keep the ones saved before
     * @return the saved deal
     * @throws NotFoundException if there is no such active deal
     */
    public SavedDeal save(UUID userId, UUID dealId, String notes) {
        Checks.required("userId", userId);
        Checks.required("dealId", dealId);
        String validNotes = Checks.optionalText("notes", notes, MAX_NOTES);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            if (tx.fetchCount(DEALS, DEALS.ID.eq(dealId).and(DEALS.STATUS.eq(DealStatus.ACTIVE))) == 0) {
                throw new NotFoundException("active deal", dealId);
            }
            OffsetDateTime now = context.now();
            boolean saved = tx.insertInto(SAVED_DEALS)
                    .set(SAVED_DEALS.USER_ID, userId).set(SAVED_DEALS.DEAL_ID, dealId).set(SAVED_DEALS.NOTES, validNotes)
                    .set(SAVED_DEALS.SAVED_AT, now)
                    .onConflictDoNothing()
                    .execute() == 1;
            if (saved) {
                InteractionLog.record(tx, context.newId(), userId, dealId, InteractionType.SAVE, null, null, now);
            } else if (validNotes != null) {
                tx.update(SAVED_DEALS).set(SAVED_DEALS.NOTES, validNotes)
                        .where(SAVED_DEALS.USER_ID.eq(userId).and(SAVED_DEALS.DEAL_ID.eq(dealId))).execute();
            }
            return fetch(tx, userId, dealId);
        });
    }

    /**
     * Replaces the notes (null clears them).
     *
     * @param userId the user
     * @param dealId the saved deal
     * @param notes the new notes, or null
     * @return the saved deal
     * @throws NotFoundException if the user has not saved the deal
     */
    public SavedDeal updateNotes(UUID userId, UUID dealId, String notes) {
        Checks.required("userId", userId);
        Checks.required("dealId", dealId);
        String validNotes = Checks.optionalText("notes", notes, MAX_NOTES);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            int updated = tx.update(SAVED_DEALS).set(SAVED_DEALS.NOTES, validNotes)
                    .where(SAVED_DEALS.USER_ID.eq(userId).and(SAVED_DEALS.DEAL_ID.eq(dealId))).execute();
            if (updated == 0) {
                throw new NotFoundException("saved deal", dealId);
            }
            return fetch(tx, userId, dealId);
        });
    }

    /**
     * Forgets a saved deal; false if it was not saved.
     *
     * @param userId the user
     * @param dealId the deal
     * @return true if it was saved
     */
    public boolean unsave(UUID userId, UUID dealId) {
        Checks.required("userId", userId);
        Checks.required("dealId", dealId);
        return context.transactions().run(SecurityContext.user(userId), tx -> tx.deleteFrom(SAVED_DEALS)
                .where(SAVED_DEALS.USER_ID.eq(userId).and(SAVED_DEALS.DEAL_ID.eq(dealId))).execute() == 1);
    }

    /**
     * The user's saved deals, most recently saved first, one keyset page at a time.
     *
     * @param userId the user
     * @param page which page
     * @return one page of saved deals
     */
    public Page<SavedDeal> list(UUID userId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("page", page);
        Cursors.Position after = page.cursor() == null ? null : Cursors.decode("page.cursor", page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            Condition condition = SAVED_DEALS.USER_ID.eq(userId);
            if (after != null) {
                condition = condition.and(DSL.row(SAVED_DEALS.SAVED_AT, SAVED_DEALS.DEAL_ID)
                        .lt(DSL.row(DSL.val(OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC)), DSL.val(after.id()))));
            }
            List<SavedDeal> rows = select(tx).where(condition).orderBy(SAVED_DEALS.SAVED_AT.desc(), SAVED_DEALS.DEAL_ID.desc())
                    .limit(page.size() + 1).fetch(SavedDeals::toSaved);
            List<SavedDeal> items = rows.stream().limit(page.size()).toList();
            String next = rows.size() > page.size()
                    ? Cursors.encode(items.get(items.size() - 1).savedAt(), items.get(items.size() - 1).dealId())
                    : null;
            return new Page<>(items, next);
        });
    }

    private static SavedDeal fetch(org.jooq.DSLContext tx, UUID userId, UUID dealId) {
        return select(tx).where(SAVED_DEALS.USER_ID.eq(userId).and(SAVED_DEALS.DEAL_ID.eq(dealId))).fetchOne(SavedDeals::toSaved);
    }

    private static org.jooq.SelectOnConditionStep<Record> select(org.jooq.DSLContext tx) {
        return tx.select(List.<org.jooq.SelectFieldOrAsterisk>of(SAVED_DEALS.DEAL_ID, DEALS.TITLE, DEALS.CURRENT_PRICE, DEALS.STATUS, SAVED_DEALS.NOTES, SAVED_DEALS.SAVED_AT))
                .from(SAVED_DEALS).join(DEALS).on(DEALS.ID.eq(SAVED_DEALS.DEAL_ID));
    }

    private static SavedDeal toSaved(Record row) {
        return new SavedDeal(row.get(SAVED_DEALS.DEAL_ID), row.get(DEALS.TITLE), row.get(DEALS.CURRENT_PRICE),
                DealView.Status.valueOf(row.get(DEALS.STATUS).name()), row.get(SAVED_DEALS.NOTES), row.get(SAVED_DEALS.SAVED_AT).toInstant());
    }
}
