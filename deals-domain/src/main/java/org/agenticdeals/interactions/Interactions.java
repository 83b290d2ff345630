package org.agenticdeals.interactions;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.jooq.JSONB;

/**
 * What users do with deals, and what that says about popularity. Obtain it from {@code Deals.interactions()}.
 *
 * <p>A user's own interactions are theirs under row-level security. Popularity (counts per deal, trending deals)
 * is aggregated over every user's interactions and returns numbers only, never who did what. Saving a deal and
 * sharing one record their interaction themselves, in their own transaction; resolving a shared link records the
 * click (see docs/sharing.md).
 */
public final class Interactions {

    /** The longest metadata (JSON text) an interaction may carry. */
    public static final int MAX_METADATA = 4_096;
    /** How far back trending looks. */
    public static final Duration TRENDING_WINDOW = Duration.ofHours(24);
    /** How fast an interaction's weight in the trending score decays: by half every this long. */
    public static final Duration TRENDING_HALF_LIFE = Duration.ofHours(6);
    /** The most trending deals one call returns. */
    public static final int MAX_TRENDING = 100;

    private final ServiceContext context;

    /**
     * For {@code Deals}; hosts call {@code deals.interactions()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Interactions(ServiceContext context) {
        this.context = context;
    }

    /**
     * Records that the user viewed, clicked or bought a deal (saves and shares are recorded by the calls that make
     * them), with optional metadata: a JSON object of at most {@link #MAX_METADATA} characters.
     *
     * @param userId who interacted
     * @param dealId the deal
     * @param type {@code VIEW}, {@code CLICK} or {@code PURCHASE}
     * @param metadata a JSON object, or null
     * @return the recorded interaction
     * @throws ValidationException naming the field: {@code type} SAVE or SHARE, metadata that is not a JSON object or
     *                             too long
     * @throws NotFoundException   if there is no such deal, or it was removed
     */
    public Interaction record(UUID userId, UUID dealId, InteractionType type, String metadata) {
        Checks.required("userId", userId);
        Checks.required("dealId", dealId);
        Checks.required("type", type);
        if (type == InteractionType.SAVE || type == InteractionType.SHARE) {
            throw new ValidationException("type", "must be VIEW, CLICK or PURCHASE (saves and shares are recorded by savedDeals().save and"
                    + " sharing().share), was " + type);
        }
        JSONB validMetadata = metadata == null ? null : JSONB.valueOf(Json.object("metadata", metadata, MAX_METADATA));
        OffsetDateTime now = context.now();
        UUID id = context.newId();
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            if (!InteractionQueries.recordIfInteractable(tx, id, userId, dealId, type, validMetadata, now)) {
                throw new NotFoundException("deal", dealId);
            }
            return new Interaction(id, userId, dealId, type, now.toInstant());
        });
    }

    /**
     * How often each kind of interaction happened to the deal in {@code [from, to)}, counting every user's. A deal
     * nobody touched (or that does not exist) has zero counts.
     *
     * @param dealId the deal
     * @param from the window's start, inclusive
     * @param to the window's end, exclusive
     * @return the counts per kind
     * @throws ValidationException if {@code to} is not after {@code from}, or either is outside the years 1 to 9999
     */
    public InteractionCounts counts(UUID dealId, Instant from, Instant to) {
        Checks.required("dealId", dealId);
        Checks.instant("from", Checks.required("from", from));
        Checks.instant("to", Checks.required("to", to));
        if (!to.isAfter(from)) {
            throw new ValidationException("to", "must be after from (" + from + "), was " + to);
        }
        Map<InteractionType, Long> counts = context.transactions().runPlannedPerCall(SecurityContext.system(), tx -> InteractionQueries.counts(tx, dealId,
                OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC)));
        return new InteractionCounts(dealId, from, to, counts.getOrDefault(InteractionType.VIEW, 0L), counts.getOrDefault(InteractionType.SAVE, 0L),
                counts.getOrDefault(InteractionType.SHARE, 0L), counts.getOrDefault(InteractionType.CLICK, 0L),
                counts.getOrDefault(InteractionType.PURCHASE, 0L));
    }

    /**
     * The {@code limit} active, unexpired deals with the highest trending score, highest first (ties by deal id).
     * A deal's score sums, over its interactions of the last {@link #TRENDING_WINDOW}, the type's
     * {@linkplain InteractionType#weight() weight} times {@code 2^(-age / TRENDING_HALF_LIFE)}: a purchase an hour
     * ago counts 10 × 0.89, a view 18 hours ago 1 × 0.125. Deals without interactions in the window are not listed.
     *
     * @param limit how many deals, 1 to {@value #MAX_TRENDING}
     * @return the deals, highest score first
     * @throws ValidationException if {@code limit} is not between 1 and {@link #MAX_TRENDING}
     */
    public List<TrendingDeal> trending(int limit) {
        Checks.between("limit", limit, 1, MAX_TRENDING);
        OffsetDateTime now = context.now();
        // Planned for its values: a cached generic plan cannot know the window holds a whole day of interactions, and
        // walks the index serially instead of scanning in parallel (700 ms instead of 150 ms for a million).
        return context.transactions().runPlannedPerCall(SecurityContext.system(),
                tx -> InteractionQueries.trending(tx, now, TRENDING_WINDOW, TRENDING_HALF_LIFE, limit));
    }
}
