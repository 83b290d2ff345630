package org.agenticdeals.goals;

import static org.agenticdeals.jooq.Tables.USER_GOALS;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.agenticdeals.ConflictException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.NotificationRouting;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.jooq.Tables;
import org.agenticdeals.jooq.enums.GoalStatus;
import org.agenticdeals.jooq.tables.records.UserGoalsRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Users' goals and the matching of deals to them. Obtain it from {@code Deals.goals()}.
 *
 * <p>A goal describes what a user wants ({@link GoalParameters}); matching finds the active, unexpired deals that
 * meet it, scores them 0 to 100 (docs/goals.md), keeps each goal's best {@code maxMatches} in {@code goal_deals},
 * keeps the goal's {@link GoalProgress} current and alerts the user of new matches at or above the goal's alert
 * threshold (throttled, see {@code DealsConfig.alertsPerGoalPerHour}). Matching is set-based: one statement meets
 * a batch of deals with every active goal at once.
 *
 * <p>Goal methods run in the owner's security context (row-level security: nobody reaches another user's goals;
 * a foreign goal is reported as not found). Every status change notifies the owner ({@code goal_update}).
 *
 * <p>Concurrency: goals fall into 16 advisory-lock slots by id; matching runs of batches take turns on each slot, so
 * two runs over the same deals never double a match or an alert; a rematch of one goal waits for a batch run on its
 * slot and runs beside other rematches. A batch of at least {@value #PARALLEL_FROM} deals is matched in
 * {@code DealsConfig.matchingParallelism} shards of the slots, each in a transaction of its own on its own pooled
 * connection (docs/goals.md).
 */
public final class Goals {

    /** The most keywords (of each kind), categories or markets a goal may hold. */
    public static final int MAX_CRITERIA = 50;
    /** The most deals one {@link #matchNewDeals} call takes. */
    public static final int MAX_BATCH = 50_000;
    /**
     * The fewest deals a {@link #matchNewDeals} call splits across connections ({@code DealsConfig.matchingParallelism}):
     * a smaller batch is matched in milliseconds.
     */
    public static final int PARALLEL_FROM = 200;

    private static final int MAX_TITLE = 255;
    private static final int MAX_DESCRIPTION = 10_000;
    private static final int MAX_KEYWORD = 100;
    private static final int EXPIRY_BATCH = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ServiceContext context;
    private final MatchingQueries matching;
    private final String schema;

    /**
     * For {@code Deals}; hosts call {@code deals.goals()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Goals(ServiceContext context) {
        this.context = context;
        this.schema = context.config().schema();
        this.matching = new MatchingQueries(schema);
    }

    // ----------------------------------------------------------------------------------------------- goals

    /**
     * Creates an active goal. It has no matches until {@link #rematch} runs (or the next batch of deals is
     * matched): call it after creating, or let a worker do it.
     *
     * @param userId the goal's owner
     * @param goal what to create
     * @return the goal, active, without matches
     * @throws ValidationException naming the field, e.g. {@code parameters.keywords[2]}; nothing is written
     */
    public Goal create(UUID userId, NewGoal goal) {
        Checks.required("userId", userId);
        Checks.required("goal", goal);
        String title = Checks.text("goal.title", goal.title(), MAX_TITLE);
        String description = Checks.optionalText("goal.description", goal.description(), MAX_DESCRIPTION);
        Checks.between("goal.priority", goal.priority(), 1, 10);
        GoalParameters parameters = normalized(Checks.required("goal.parameters", goal.parameters()));
        OffsetDateTime target = validTargetDate(goal.targetDate(), null);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            requireValid(tx, parameters);
            OffsetDateTime now = context.now();
            return toGoal(tx.insertInto(USER_GOALS)
                    .set(USER_GOALS.ID, context.newId()).set(USER_GOALS.USER_ID, userId).set(USER_GOALS.TITLE, title)
                    .set(USER_GOALS.DESCRIPTION, description).set(USER_GOALS.PARAMETERS, JSONB.valueOf(parameters.toJson()))
                    .set(USER_GOALS.PRIORITY, goal.priority()).set(USER_GOALS.TARGET_DATE, target)
                    .set(USER_GOALS.CREATED_AT, now).set(USER_GOALS.UPDATED_AT, now)
                    .returning().fetchOne());
        });
    }

    /**
     * The user's goal.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return the goal
     * @throws NotFoundException if the user has no such goal
     */
    public Goal get(UUID userId, UUID goalId) {
        Checks.required("userId", userId);
        Checks.required("goalId", goalId);
        return context.transactions().run(SecurityContext.user(userId), tx -> toGoal(owned(tx, userId, goalId, false)));
    }

    /**
     * One page of the user's goals, most important first (priority 1 first; then oldest first).
     *
     * @param userId the goals' owner
     * @param page which page
     * @return one page of goals
     * @throws ValidationException naming {@code page.cursor} for a cursor this library did not issue for this list
     */
    public Page<Goal> list(UUID userId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("page", page);
        GoalQueries.GoalPosition after = page.cursor() == null ? null : GoalQueries.decodeGoal(page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            List<UserGoalsRecord> rows = GoalQueries.page(tx, userId, after, page.size() + 1);
            boolean more = rows.size() > page.size();
            List<UserGoalsRecord> shown = more ? rows.subList(0, page.size()) : rows;
            UserGoalsRecord last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new Page<>(shown.stream().map(Goals::toGoal).toList(),
                    more ? GoalQueries.encode(new GoalQueries.GoalPosition(last.getPriority(), last.getCreatedAt(), last.getId())) : null);
        });
    }

    /**
     * Applies {@code change} to the goal (its row locked) and stores the validated result: title, description,
     * parameters, priority and target date can change. Call {@link #rematch} after changing the parameters.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @param change the new values from the current goal
     * @return the goal as stored
     * @throws ValidationException naming the field; nothing is written
     * @throws ConflictException   on {@code status} if the goal is completed, cancelled or expired
     * @throws NotFoundException   if the user has no such goal
     */
    public Goal update(UUID userId, UUID goalId, UnaryOperator<Goal> change) {
        Checks.required("userId", userId);
        Checks.required("goalId", goalId);
        Checks.required("change", change);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            UserGoalsRecord row = owned(tx, userId, goalId, true);
            Goal current = toGoal(row);
            if (!current.status().isOpen()) {
                throw new ConflictException("status", "the goal is " + current.status() + "; only an active or paused goal can change");
            }
            Goal wanted = Checks.required("goal", change.apply(current));
            String title = Checks.text("goal.title", wanted.title(), MAX_TITLE);
            String description = Checks.optionalText("goal.description", wanted.description(), MAX_DESCRIPTION);
            Checks.between("goal.priority", wanted.priority(), 1, 10);
            GoalParameters parameters = normalized(Checks.required("goal.parameters", wanted.parameters()));
            OffsetDateTime target = validTargetDate(wanted.targetDate(), current.targetDate());
            requireValid(tx, parameters);
            row.setTitle(title).setDescription(description).setParameters(JSONB.valueOf(parameters.toJson())).setPriority(wanted.priority())
                    .setTargetDate(target);
            row.store();
            row.refresh();
            return toGoal(row);
        });
    }

    /**
     * Active to paused: the goal stops matching; its matches stay.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return the goal, paused
     */
    public Goal pause(UUID userId, UUID goalId) {
        return changeStatus(userId, goalId, Goal.Status.PAUSED, Set.of(Goal.Status.ACTIVE));
    }

    /**
     * Paused to active. Matching resumes with the next batch; {@link #rematch} catches up on what was missed.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return the goal, active
     */
    public Goal resume(UUID userId, UUID goalId) {
        return changeStatus(userId, goalId, Goal.Status.ACTIVE, Set.of(Goal.Status.PAUSED));
    }

    /**
     * Active or paused to completed (the user got what they wanted); sets the completion date.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return the goal, completed
     */
    public Goal complete(UUID userId, UUID goalId) {
        return changeStatus(userId, goalId, Goal.Status.COMPLETED, Set.of(Goal.Status.ACTIVE, Goal.Status.PAUSED));
    }

    /**
     * Active or paused to cancelled.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return the goal, cancelled
     */
    public Goal cancel(UUID userId, UUID goalId) {
        return changeStatus(userId, goalId, Goal.Status.CANCELLED, Set.of(Goal.Status.ACTIVE, Goal.Status.PAUSED));
    }

    /**
     * The system job: open goals past their target date become expired, each owner notified. Safe to run
     * concurrently with itself (goals being expired are skipped). Returns how many expired.
     *
     * @return how many goals expired
     */
    public int expireDue() {
        int expired = 0;
        while (true) {
            int batch = context.transactions().run(SecurityContext.system(), tx -> {
                OffsetDateTime now = context.now();
                List<UserGoalsRecord> due = GoalQueries.lockDue(tx, now, EXPIRY_BATCH);
                for (UserGoalsRecord row : due) {
                    Goal.Status from = status(row.getStatus());
                    row.setStatus(GoalStatus.EXPIRED);
                    row.store();
                    notifyStatus(tx, row, from, now);
                }
                return due.size();
            });
            expired += batch;
            if (batch < EXPIRY_BATCH) {
                return expired;
            }
        }
    }

    // -------------------------------------------------------------------------------------------- matches

    /**
     * One page of the goal's active matches on active, unexpired deals, best first.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @param page which page
     * @return one page of matches
     * @throws NotFoundException   if the user has no such goal
     * @throws ValidationException naming {@code page.cursor} for a cursor this library did not issue for this list
     */
    public Page<GoalMatch> matches(UUID userId, UUID goalId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("goalId", goalId);
        Checks.required("page", page);
        GoalQueries.MatchPosition after = page.cursor() == null ? null : GoalQueries.decodeMatch(page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            owned(tx, userId, goalId, false);
            List<GoalMatch> rows = GoalQueries.matches(tx, goalId, after, context.now(), page.size() + 1);
            boolean more = rows.size() > page.size();
            List<GoalMatch> shown = more ? rows.subList(0, page.size()) : rows;
            GoalMatch last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new Page<>(shown, more ? GoalQueries.encode(new GoalQueries.MatchPosition(last.relevance(), last.dealId())) : null);
        });
    }

    /**
     * Matches deals, typically an ingestion's ({@code IngestionResult.dealIds()}), against every active goal, in one
     * transaction of a few set-based statements: new matches are added, matches of these deals that no longer hold
     * (the deal changed, expired or was removed) are retired, each goal keeps its best {@code maxMatches}, progress is
     * updated and new matches at or above a goal's alert threshold alert its owner. Ids of deals that do not exist
     * are ignored. Runs of this method take turns; running it twice over the same deals changes nothing the second
     * time.
     *
     * <p>A batch of at least {@value #PARALLEL_FROM} deals is split by goal into {@code DealsConfig.matchingParallelism}
     * shards, each matched in a transaction of its own, on as many pooled connections as are free. If one fails, the
     * call throws its failure after the shards under way end; the shards that committed keep their work, and calling
     * again with the same deals completes the batch. Inside {@code Deals.inTransaction} the batch is matched in the
     * enclosing transaction.
     *
     * @param dealIds the deals to match, at most {@value #MAX_BATCH}
     * @return what the run did
     * @throws ValidationException if more than {@value #MAX_BATCH} deals are given
     */
    public MatchRun matchNewDeals(Collection<UUID> dealIds) {
        Checks.required("dealIds", dealIds);
        if (dealIds.size() > MAX_BATCH) {
            throw new ValidationException("dealIds", "must hold at most " + MAX_BATCH + " ids, held " + dealIds.size());
        }
        UUID[] ids = new LinkedHashSet<>(dealIds).stream().map(id -> Checks.required("dealIds[]", id)).toArray(UUID[]::new);
        if (ids.length == 0) {
            return new MatchRun(0, 0, 0, 0, 0, 0);
        }
        int shards = context.transactions().nested() || ids.length < PARALLEL_FROM ? 1 : context.config().matchingParallelism();
        if (shards == 1) {
            int[] everyGoal = ShardedRun.allSlots();
            return matchBatch(ids, () -> everyGoal);
        }
        return ShardedRun.run(shards, claim -> matchBatch(ids, claim));
    }

    /**
     * Matches {@code ids} with the active goals in the lock slots {@code claim} gives once the transaction has begun;
     * null, matching nothing, if it gives none.
     */
    private MatchRun matchBatch(UUID[] ids, Supplier<int[]> claim) {
        return context.transactions().run(SecurityContext.system(), tx -> {
            int[] slots = claim.get();
            if (slots == null) {
                return null;
            }
            String[] locks = IntStream.of(slots).mapToObj(this::slotLock).toArray(String[]::new);
            tx.execute("select count(pg_advisory_xact_lock(hashtextextended(lock, 0))) from unnest(?::text[]) as lock", (Object) locks);
            OffsetDateTime now = context.now();
            return finish(tx, matching.matchBatch(tx, ids, slots, now), now);
        });
    }

    /**
     * Matches one goal against the whole catalog, after it was created or its parameters changed: its matches are
     * recomputed, those that no longer hold retired, new ones at or above the alert threshold alerted. A goal that
     * is not active is left as it is.
     *
     * @param userId the goal's owner
     * @param goalId the goal
     * @return what the run did
     * @throws NotFoundException if the user has no such goal
     */
    public MatchRun rematch(UUID userId, UUID goalId) {
        Checks.required("userId", userId);
        Checks.required("goalId", goalId);
        return context.transactions().runPlannedPerCall(SecurityContext.user(userId), tx -> {
            tx.execute("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))", slotLock(ShardedRun.slot(goalId)));
            owned(tx, userId, goalId, true);
            OffsetDateTime now = context.now();
            return finish(tx, matching.matchGoal(tx, goalId, now), now);
        });
    }

    private MatchRun finish(DSLContext tx, MatchingQueries.Outcome outcome, OffsetDateTime now) {
        int[] alerts = matching.alert(tx, outcome, now, context.config().alertsPerGoalPerHour());
        matching.progress(tx, outcome.touchedGoals());
        return new MatchRun(outcome.goalsMatched(), outcome.added(), outcome.updated(), outcome.retired(), alerts[0], alerts[1]);
    }

    /** The advisory lock of the goals in lock slot {@code slot} (see {@link ShardedRun}). */
    private String slotLock(int slot) {
        return "agentic-deals:" + schema + ":goal-matching:" + slot;
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private Goal changeStatus(UUID userId, UUID goalId, Goal.Status to, Set<Goal.Status> from) {
        Checks.required("userId", userId);
        Checks.required("goalId", goalId);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            UserGoalsRecord row = owned(tx, userId, goalId, true);
            Goal.Status current = status(row.getStatus());
            if (!from.contains(current)) {
                throw new ConflictException("status", "the goal is " + current + "; it can become " + to + " only from "
                        + from.stream().map(Enum::name).sorted().toList());
            }
            OffsetDateTime now = context.now();
            row.setStatus(GoalStatus.valueOf(to.name()));
            if (to == Goal.Status.COMPLETED) {
                row.setCompletionDate(now);
            }
            row.store();
            notifyStatus(tx, row, current, now);
            row.refresh();
            return toGoal(row);
        });
    }

    private void notifyStatus(DSLContext tx, UserGoalsRecord row, Goal.Status from, OffsetDateTime now) {
        Goal.Status to = status(row.getStatus());
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("goal_id", row.getId().toString());
        metadata.put("from", from.name().toLowerCase(Locale.ROOT));
        metadata.put("to", to.name().toLowerCase(Locale.ROOT));
        String verb = switch (to) {
            case ACTIVE -> "is active again";
            case PAUSED -> "is paused";
            case COMPLETED -> "is completed";
            case CANCELLED -> "is cancelled";
            case EXPIRED -> "has expired: its target date passed";
        };
        NotificationRouting.notify(tx, schema, row.getUserId(), "goal_update", truncate("Goal \"" + row.getTitle() + "\" " + verb),
                "Your goal \"" + row.getTitle() + "\" " + verb + ".", Json.write(metadata), row.getId(), now);
    }

    private static String truncate(String title) {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    private static UserGoalsRecord owned(DSLContext tx, UUID userId, UUID goalId, boolean forUpdate) {
        return GoalQueries.goal(tx, goalId, forUpdate).filter(row -> row.getUserId().equals(userId))
                .orElseThrow(() -> new NotFoundException("goal", goalId));
    }

    /**
     * A target date as stored: null, or within the years the library stores and in the future, unless it is the date
     * the goal has already ({@code current}), which may have passed.
     */
    private OffsetDateTime validTargetDate(Instant wanted, Instant current) {
        Checks.instant("goal.targetDate", wanted);
        if (wanted == null) {
            return null;
        }
        if (!wanted.equals(current) && !wanted.isAfter(context.instant())) {
            throw new ValidationException("goal.targetDate", "must be in the future");
        }
        return OffsetDateTime.ofInstant(wanted, ZoneOffset.UTC);
    }

    /** Trims keywords and drops repeated ones and repeated ids; checks sizes and ranges. */
    private static GoalParameters normalized(GoalParameters parameters) {
        List<String> keywords = keywords("parameters.keywords", parameters.keywords());
        List<String> anyKeywords = keywords("parameters.anyKeywords", parameters.anyKeywords());
        List<String> excluded = keywords("parameters.excludedKeywords", parameters.excludedKeywords());
        List<UUID> categories = ids("parameters.categories", parameters.categories());
        List<UUID> markets = ids("parameters.markets", parameters.markets());
        BigDecimal maxPrice = parameters.maxPrice() == null ? null : Checks.money("parameters.maxPrice", parameters.maxPrice(), new BigDecimal("0.01"));
        BigDecimal minDiscount = Checks.decimal("parameters.minDiscount", parameters.minDiscount(), BigDecimal.ZERO, HUNDRED, 2);
        BigDecimal reliability = Checks.decimal("parameters.minSourceReliability", parameters.minSourceReliability(), BigDecimal.ZERO,
                BigDecimal.ONE, 2);
        Checks.between("parameters.maxMatches", parameters.maxMatches(), 1, 1_000);
        BigDecimal threshold = Checks.decimal("parameters.alertThreshold", Checks.required("parameters.alertThreshold", parameters.alertThreshold()),
                BigDecimal.ZERO, HUNDRED, 2);
        if (keywords.isEmpty() && anyKeywords.isEmpty() && categories.isEmpty() && markets.isEmpty() && maxPrice == null && minDiscount == null) {
            throw new ValidationException("parameters", "must hold at least one of keywords, anyKeywords, categories, markets, maxPrice, minDiscount");
        }
        return new GoalParameters(keywords, anyKeywords, excluded, categories, markets, maxPrice, minDiscount, reliability, parameters.maxMatches(),
                threshold);
    }

    private static List<String> keywords(String field, List<String> keywords) {
        if (keywords.size() > MAX_CRITERIA) {
            throw new ValidationException(field, "must hold at most " + MAX_CRITERIA + " keywords, held " + keywords.size());
        }
        var seen = new LinkedHashMap<String, String>();
        for (int index = 0; index < keywords.size(); index++) {
            String keyword = Checks.text(field + "[" + index + "]", keywords.get(index), MAX_KEYWORD);
            seen.putIfAbsent(keyword.toLowerCase(Locale.ROOT), keyword);
        }
        return List.copyOf(seen.values());
    }

    private static List<UUID> ids(String field, List<UUID> ids) {
        if (ids.size() > MAX_CRITERIA) {
            throw new ValidationException(field, "must hold at most " + MAX_CRITERIA + " ids, held " + ids.size());
        }
        for (int index = 0; index < ids.size(); index++) {
            Checks.required(field + "[" + index + "]", ids.get(index));
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** The checks that need the database: searchable keywords, existing categories and markets. */
    private static void requireValid(DSLContext tx, GoalParameters parameters) {
        Map<String, List<String>> keywordLists = new LinkedHashMap<>();
        keywordLists.put("parameters.keywords", parameters.keywords());
        keywordLists.put("parameters.anyKeywords", parameters.anyKeywords());
        keywordLists.put("parameters.excludedKeywords", parameters.excludedKeywords());
        keywordLists.forEach((field, keywords) -> {
            List<Integer> unsearchable = GoalQueries.unsearchable(tx, keywords);
            if (!unsearchable.isEmpty()) {
                throw new ValidationException(field + "[" + unsearchable.get(0) + "]",
                        "has no searchable word (only words like \"the\" that search ignores), was " + Checks.shown(keywords.get(unsearchable.get(0))));
            }
        });
        requireExisting(tx, "parameters.categories", "category", parameters.categories(), Tables.CATEGORIES, Tables.CATEGORIES.ID);
        requireExisting(tx, "parameters.markets", "market", parameters.markets(), Tables.MARKETS, Tables.MARKETS.ID);
    }

    private static void requireExisting(DSLContext tx, String field, String what, List<UUID> ids, org.jooq.Table<?> table, org.jooq.Field<UUID> id) {
        if (ids.isEmpty()) {
            return;
        }
        Set<UUID> found = tx.select(id).from(table).where(id.in(ids)).fetchSet(id);
        var missing = new ArrayList<>(ids);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new ValidationException(field, "holds an unknown " + what + ": " + missing.get(0));
        }
    }

    private static Goal.Status status(GoalStatus stored) {
        return Goal.Status.valueOf(stored.name());
    }

    static Goal toGoal(UserGoalsRecord row) {
        return new Goal(row.getId(), row.getUserId(), row.getTitle(), row.getDescription(), GoalParameters.fromJson(row.getParameters().data()),
                status(row.getStatus()), row.getPriority(), instant(row.getTargetDate()), instant(row.getCompletionDate()),
                progress(row.getProgressMetrics()), row.getCreatedAt().toInstant(), row.getUpdatedAt().toInstant());
    }

    private static GoalProgress progress(JSONB metrics) {
        if (metrics == null) {
            return GoalProgress.none();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(metrics.data());
            return new GoalProgress(node.path("matches_found").asInt(0), decimal(node.get("best_price")), decimal(node.get("best_score")),
                    node.hasNonNull("last_matched_at") ? OffsetDateTime.parse(node.get("last_matched_at").asText()).toInstant() : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.time.format.DateTimeParseException malformed) {
            throw new IllegalStateException("stored progress_metrics is not what matching writes", malformed);
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
