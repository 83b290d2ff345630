package org.agenticdeals.analysis;

import static org.agenticdeals.jooq.Tables.AI_ANALYSIS_REQUESTS;
import static org.agenticdeals.jooq.Tables.AI_MODELS;
import static org.agenticdeals.jooq.Tables.AI_PROMPT_TEMPLATES;
import static org.agenticdeals.jooq.Tables.DEALS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.internal.Json;
import org.agenticdeals.jooq.tables.records.AiAnalysisRequestsRecord;
import org.agenticdeals.jooq.tables.records.AiModelsRecord;
import org.agenticdeals.jooq.tables.records.AiPromptTemplatesRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The analysis feature's SQL: model selection, template versions, the subject's variables, and the queue's transitions. */
final class AnalysisQueries {

    /** A request after a worker's transition, with the ledger row its refund goes against. */
    record Finished(AnalysisRequest request, UUID chargeTransactionId) {
    }

    /** One row the reclaim job handled: requeued, or failed with its charge to refund. */
    record Reclaimed(UUID requestId, UUID userId, boolean failed, UUID chargeTransactionId, int tokensCharged) {
    }

    private static final Field<String> MODEL_NAME = DSL.field(DSL.name("model_name"), String.class);
    /** The columns of {@code r.*, m.*}: PostgreSQL returns a table's columns in the order the generated classes list them. */
    private static final List<Field<?>> REQUEST_AND_MODEL = fields(AI_ANALYSIS_REQUESTS.fields(), AI_MODELS.fields());
    private static final List<Field<?>> REQUEST_AND_MODEL_NAME = fields(AI_ANALYSIS_REQUESTS.fields(), MODEL_NAME);

    private final String schema;
    private final String dealVariables;
    private final String savedTitles;
    private final String claim;
    private final String complete;
    private final String fail;
    private final String reclaim;

    AnalysisQueries(String schema) {
        this.schema = schema;
        // The newest 20 prices, oldest first; the lowest ever counts the current price too.
        this.dealVariables = """
                select d.title, coalesce(d.description, ''), d.url, d.current_price::text, d.original_price::text,
                       d.discount_percentage::text, m.name, coalesce(array_to_string(%1$s.category_path(d.category_id), ' > '), ''),
                       s.name, s.reliability_score::text,
                       coalesce((select string_agg(to_char(h.recorded_at at time zone 'UTC', 'YYYY-MM-DD') || ' ' || h.price, ', '
                                                   order by h.recorded_at, h.id)
                                 from (select recorded_at, id, price from %1$s.deal_price_history
                                       where deal_id = d.id order by recorded_at desc, id desc limit 20) h),
                                to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD') || ' ' || d.current_price),
                       least(d.current_price, (select min(price) from %1$s.deal_price_history where deal_id = d.id))::text
                from %1$s.deals d
                join %1$s.markets m on m.id = d.market_id
                join %1$s.sources s on s.id = d.source_id
                where d.id = ? and d.status = 'active' and (d.expires_at is null or d.expires_at > ?::timestamptz)
                """.formatted(schema);
        this.savedTitles = """
                select coalesce(string_agg(title, '; ' order by saved_at desc), '')
                from (select d.title, s.saved_at from %1$s.saved_deals s join %1$s.deals d on d.id = s.deal_id
                      where s.user_id = ? order by s.saved_at desc limit 20) saved
                """.formatted(schema);
        // SKIP LOCKED: concurrent workers each take a request nobody else is taking; the oldest first.
        this.claim = """
                with next as (
                    select id from %1$s.ai_analysis_requests
                    where status = 'pending'
                    order by requested_at, id
                    limit 1
                    for update skip locked),
                claimed as (
                    update %1$s.ai_analysis_requests r
                    set status = 'processing', worker_id = ?, claimed_at = ?::timestamptz, attempts = r.attempts + 1
                    from next where r.id = next.id
                    returning r.*)
                select claimed.*, m.*
                from claimed join %1$s.ai_models m on m.id = claimed.model_id
                """.formatted(schema);
        // Only the claim that holds the request may complete it, and only within its charge. The deal keeps the newest
        // completed analysis: an older one finishing late does not replace it.
        this.complete = """
                with done as (
                    update %1$s.ai_analysis_requests r
                    set status = 'completed', completed_at = ?::timestamptz, result = ?::jsonb, model_used = m.name, tokens_used = ?,
                        tokens_refunded = r.tokens_charged - ceil(?::numeric * m.token_cost_per_1k / 1000)::int
                    from %1$s.ai_models m
                    where r.id = ? and r.status = 'processing' and r.worker_id = ? and r.attempts = ? and m.name = ?
                      and ceil(?::numeric * m.token_cost_per_1k / 1000) <= r.tokens_charged
                    returning r.*),
                analysed as (
                    update %1$s.deals d
                    set ai_analysis = jsonb_build_object('request_id', done.id, 'usage_type', done.usage_type, 'model', done.model_used,
                                                         'completed_at', done.completed_at, 'result', done.result)
                    from done
                    where d.id = done.deal_id
                      and (d.ai_analysis ->> 'completed_at' is null or (d.ai_analysis ->> 'completed_at')::timestamptz <= done.completed_at))
                select done.*, m.name as model_name from done join %1$s.ai_models m on m.id = done.model_id
                """.formatted(schema);
        this.fail = """
                with failed as (
                    update %1$s.ai_analysis_requests r
                    set status = 'failed', completed_at = ?::timestamptz, error_message = ?, tokens_refunded = r.tokens_charged
                    where r.id = ? and r.status = 'processing' and r.worker_id = ? and r.attempts = ?
                    returning r.*)
                select failed.*, m.name as model_name from failed join %1$s.ai_models m on m.id = failed.model_id
                """.formatted(schema);
        // Requests held past the timeout: back to pending while attempts remain, else failed with a full refund. SKIP
        // LOCKED: a request a worker is completing right now is left to it.
        this.reclaim = """
                with stuck as (
                    select id from %1$s.ai_analysis_requests
                    where status = 'processing' and claimed_at < ?::timestamptz
                    order by claimed_at, id
                    limit ?
                    for update skip locked),
                requeued as (
                    update %1$s.ai_analysis_requests r
                    set status = 'pending', worker_id = null, claimed_at = null
                    from stuck where r.id = stuck.id and r.attempts < ?
                    returning r.id, r.user_id, false as failed, r.charge_transaction_id, r.tokens_charged),
                abandoned as (
                    update %1$s.ai_analysis_requests r
                    set status = 'failed', completed_at = ?::timestamptz, tokens_refunded = r.tokens_charged,
                        error_message = 'abandoned: no worker finished it in ' || r.attempts || ' attempts'
                    from stuck where r.id = stuck.id and r.attempts >= ?
                    returning r.id, r.user_id, true as failed, r.charge_transaction_id, r.tokens_charged)
                select * from requeued union all select * from abandoned
                """.formatted(schema);
    }

    // ------------------------------------------------------------------------------------------------ models

    /** The cheapest active model with the capability (the fallback only if there is none), ties by name. */
    static Optional<AiModel> select(DSLContext tx, String capability) {
        Condition capable = DSL.condition("{0} @> jsonb_build_array({1}::text)", AI_MODELS.CAPABILITIES, DSL.val(capability));
        return tx.selectFrom(AI_MODELS).where(AI_MODELS.IS_ACTIVE).and(capable.and(AI_MODELS.IS_FALLBACK.isFalse()).or(AI_MODELS.IS_FALLBACK))
                .orderBy(AI_MODELS.IS_FALLBACK, AI_MODELS.TOKEN_COST_PER_1K, AI_MODELS.NAME)
                .limit(1)
                .fetchOptional(AnalysisQueries::toModel);
    }

    static Optional<AiModel> fallback(DSLContext tx) {
        return tx.selectFrom(AI_MODELS).where(AI_MODELS.IS_FALLBACK).and(AI_MODELS.IS_ACTIVE).fetchOptional(AnalysisQueries::toModel);
    }

    static Optional<AiModelsRecord> lockModel(DSLContext tx, UUID modelId) {
        return tx.selectFrom(AI_MODELS).where(AI_MODELS.ID.eq(modelId)).forUpdate().fetchOptional();
    }

    static Optional<AiModel> modelNamed(DSLContext tx, String name) {
        return tx.selectFrom(AI_MODELS).where(AI_MODELS.NAME.eq(name)).fetchOptional(AnalysisQueries::toModel);
    }

    static List<AiModel> models(DSLContext tx) {
        return tx.selectFrom(AI_MODELS).orderBy(AI_MODELS.NAME).fetch(AnalysisQueries::toModel);
    }

    static AiModel toModel(AiModelsRecord row) {
        return new AiModel(row.getId(), row.getName(), row.getProvider(), row.getVersion(), row.getIsActive(), row.getIsFallback(),
                row.getTokenCostPer_1k(), row.getMaxTokens(), capabilities(row.getCapabilities()), row.getCreatedAt().toInstant(),
                row.getUpdatedAt().toInstant());
    }

    private static List<Field<?>> fields(Field<?>[] first, Field<?>... more) {
        var all = new ArrayList<Field<?>>(List.of(first));
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static java.util.SortedSet<String> capabilities(JSONB json) {
        List<String> values = Json.strings(json);
        return new java.util.TreeSet<>(values == null ? List.of() : values);
    }

    // --------------------------------------------------------------------------------------------- templates

    /**
     * Serializes the changes of one usage type's versions (a transaction-level advisory lock): the statements after it see
     * the versions as the previous holder left them.
     */
    void lockUsageType(DSLContext tx, String usageType) {
        tx.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", "agentic-deals:" + schema + ":prompt-templates:" + usageType);
    }

    /** Serializes changes of the fallback model, for the same reason. */
    void lockFallback(DSLContext tx) {
        tx.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", "agentic-deals:" + schema + ":fallback-model");
    }

    static Optional<PromptTemplate> activeTemplate(DSLContext tx, String usageType) {
        return tx.selectFrom(AI_PROMPT_TEMPLATES).where(AI_PROMPT_TEMPLATES.USAGE_TYPE.eq(usageType)).and(AI_PROMPT_TEMPLATES.IS_ACTIVE)
                .fetchOptional(AnalysisQueries::toTemplate);
    }

    static Optional<AiPromptTemplatesRecord> template(DSLContext tx, UUID templateId) {
        return tx.selectFrom(AI_PROMPT_TEMPLATES).where(AI_PROMPT_TEMPLATES.ID.eq(templateId)).fetchOptional();
    }

    static List<PromptTemplate> versions(DSLContext tx, String name) {
        return tx.selectFrom(AI_PROMPT_TEMPLATES).where(AI_PROMPT_TEMPLATES.NAME.eq(name))
                .orderBy(AI_PROMPT_TEMPLATES.CREATED_AT, AI_PROMPT_TEMPLATES.ID).fetch(AnalysisQueries::toTemplate);
    }

    static void deactivateTemplates(DSLContext tx, String usageType) {
        tx.update(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.IS_ACTIVE, false)
                .where(AI_PROMPT_TEMPLATES.USAGE_TYPE.eq(usageType)).and(AI_PROMPT_TEMPLATES.IS_ACTIVE).execute();
    }

    static PromptTemplate toTemplate(AiPromptTemplatesRecord row) {
        return new PromptTemplate(row.getId(), row.getName(), row.getVersion(), row.getUsageType(), row.getTemplateText(), row.getDescription(),
                row.getIsActive(), row.getCreatedAt().toInstant());
    }

    // ------------------------------------------------------------------------------------------------- subject

    /** A deal's variables for a prompt, if it is active and unexpired at {@code now}. */
    Optional<Map<String, String>> dealVariables(DSLContext tx, UUID dealId, OffsetDateTime now) {
        Record row = tx.fetchOne(dealVariables, dealId, now);
        if (row == null) {
            return Optional.empty();
        }
        List<String> names = List.of("deal_title", "deal_description", "deal_url", "current_price", "original_price", "discount_percentage",
                "market", "category", "source", "reliability", "price_history", "lowest_price");
        var variables = new LinkedHashMap<String, String>();
        for (int index = 0; index < names.size(); index++) {
            variables.put(names.get(index), row.get(index, String.class));
        }
        return Optional.of(variables);
    }

    /** The titles of the user's 20 most recently saved deals, newest first. */
    String savedTitles(DSLContext tx, UUID userId) {
        return tx.fetchValue(DSL.resultQuery(savedTitles, userId).coerce(DSL.field("titles", String.class)));
    }

    // -------------------------------------------------------------------------------------------------- queue

    static Optional<AnalysisRequest> byKey(DSLContext tx, UUID userId, String idempotencyKey) {
        return selectRequests(tx).where(AI_ANALYSIS_REQUESTS.USER_ID.eq(userId)).and(AI_ANALYSIS_REQUESTS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(row -> toRequest(row, true));
    }

    /** Inserts the request; false if the user has a request with its idempotency key (committed, or committed while waiting). */
    static boolean insert(DSLContext tx, AiAnalysisRequestsRecord request) {
        return tx.insertInto(AI_ANALYSIS_REQUESTS).set(request)
                .onConflict(AI_ANALYSIS_REQUESTS.USER_ID, AI_ANALYSIS_REQUESTS.IDEMPOTENCY_KEY)
                .where(AI_ANALYSIS_REQUESTS.IDEMPOTENCY_KEY.isNotNull())
                .doNothing()
                .execute() == 1;
    }

    static void recordCharge(DSLContext tx, UUID requestId, UUID transactionId) {
        tx.update(AI_ANALYSIS_REQUESTS).set(AI_ANALYSIS_REQUESTS.CHARGE_TRANSACTION_ID, transactionId)
                .where(AI_ANALYSIS_REQUESTS.ID.eq(requestId)).execute();
    }

    static Optional<AnalysisRequest> find(DSLContext tx, UUID requestId) {
        return selectRequests(tx).where(AI_ANALYSIS_REQUESTS.ID.eq(requestId)).fetchOptional(row -> toRequest(row, false));
    }

    /** The request's row, locked: for telling why a transition was refused. */
    static Optional<AiAnalysisRequestsRecord> lockRequest(DSLContext tx, UUID requestId) {
        return tx.selectFrom(AI_ANALYSIS_REQUESTS).where(AI_ANALYSIS_REQUESTS.ID.eq(requestId)).forUpdate().fetchOptional();
    }

    static List<AnalysisRequest> list(DSLContext tx, UUID userId, Instant afterTime, UUID afterId, int limit) {
        Condition condition = AI_ANALYSIS_REQUESTS.USER_ID.eq(userId);
        if (afterTime != null) {
            condition = condition.and(DSL.row(AI_ANALYSIS_REQUESTS.REQUESTED_AT, AI_ANALYSIS_REQUESTS.ID)
                    .lt(DSL.row(DSL.val(OffsetDateTime.ofInstant(afterTime, ZoneOffset.UTC)), DSL.val(afterId))));
        }
        return selectRequests(tx).where(condition).orderBy(AI_ANALYSIS_REQUESTS.REQUESTED_AT.desc(), AI_ANALYSIS_REQUESTS.ID.desc())
                .limit(limit).fetch(row -> toRequest(row, false));
    }

    static Optional<String> dealAnalysis(DSLContext tx, UUID dealId) {
        return tx.select(DEALS.AI_ANALYSIS).from(DEALS).where(DEALS.ID.eq(dealId)).fetchOptional(DEALS.AI_ANALYSIS)
                .map(JSONB::data);
    }

    Optional<AnalysisTask> claim(DSLContext tx, String workerId, OffsetDateTime now) {
        Record row = tx.fetchOne(DSL.resultQuery(claim, workerId, now).coerce(REQUEST_AND_MODEL));
        if (row == null) {
            return Optional.empty();
        }
        AiAnalysisRequestsRecord request = row.into(AI_ANALYSIS_REQUESTS);
        AiModel model = toModel(row.into(AI_MODELS));
        return Optional.of(new AnalysisTask(request.getId(), request.getUserId(), subjectOf(request), request.getUsageType(), request.getPrompt(),
                model, request.getTokensCharged(), request.getAttempts(), request.getWorkerId(), request.getClaimedAt().toInstant()));
    }

    Optional<Finished> complete(DSLContext tx, AnalysisTask task, String result, String modelUsed, int tokensUsed, OffsetDateTime now) {
        return Optional.ofNullable(tx.fetchOne(DSL.resultQuery(complete, now, result, tokensUsed, tokensUsed, task.requestId(), task.workerId(),
                task.attempt(), modelUsed, tokensUsed).coerce(REQUEST_AND_MODEL_NAME))).map(AnalysisQueries::finished);
    }

    Optional<Finished> fail(DSLContext tx, AnalysisTask task, String error, OffsetDateTime now) {
        return Optional.ofNullable(tx.fetchOne(DSL.resultQuery(fail, now, error, task.requestId(), task.workerId(), task.attempt())
                .coerce(REQUEST_AND_MODEL_NAME))).map(AnalysisQueries::finished);
    }

    List<Reclaimed> reclaim(DSLContext tx, OffsetDateTime claimedBefore, int maxAttempts, OffsetDateTime now, int limit) {
        var reclaimed = new ArrayList<Reclaimed>();
        for (Record row : tx.fetch(DSL.resultQuery(reclaim, claimedBefore, limit, maxAttempts, now, maxAttempts).coerce(AI_ANALYSIS_REQUESTS.ID,
                AI_ANALYSIS_REQUESTS.USER_ID, DSL.field("failed", Boolean.class), AI_ANALYSIS_REQUESTS.CHARGE_TRANSACTION_ID,
                AI_ANALYSIS_REQUESTS.TOKENS_CHARGED))) {
            reclaimed.add(new Reclaimed(row.get(AI_ANALYSIS_REQUESTS.ID), row.get(AI_ANALYSIS_REQUESTS.USER_ID), row.get("failed", Boolean.class),
                    row.get(AI_ANALYSIS_REQUESTS.CHARGE_TRANSACTION_ID), row.get(AI_ANALYSIS_REQUESTS.TOKENS_CHARGED)));
        }
        return reclaimed;
    }

    private static Finished finished(Record row) {
        return new Finished(toRequest(row, false), row.get(AI_ANALYSIS_REQUESTS.CHARGE_TRANSACTION_ID));
    }

    private static org.jooq.SelectOnConditionStep<Record> selectRequests(DSLContext tx) {
        return tx.select(List.of(AI_ANALYSIS_REQUESTS.asterisk(), AI_MODELS.NAME.as(MODEL_NAME)))
                .from(AI_ANALYSIS_REQUESTS).join(AI_MODELS).on(AI_MODELS.ID.eq(AI_ANALYSIS_REQUESTS.MODEL_ID));
    }

    static AnalysisRequest toRequest(Record row, boolean replayed) {
        AiAnalysisRequestsRecord request = row.into(AI_ANALYSIS_REQUESTS);
        return new AnalysisRequest(request.getId(), request.getUserId(), subjectOf(request), request.getUsageType(),
                AnalysisStatus.valueOf(request.getStatus().getLiteral().toUpperCase(Locale.ROOT)), row.get(MODEL_NAME),
                request.getModelUsed(), request.getTokensCharged(), request.getTokensUsed(), request.getTokensRefunded(), request.getAttempts(),
                request.getRequestedAt().toInstant(), request.getCompletedAt() == null ? null : request.getCompletedAt().toInstant(),
                request.getResult() == null ? null : request.getResult().data(), request.getErrorMessage(), replayed);
    }

    private static AnalysisSubject subjectOf(AiAnalysisRequestsRecord request) {
        if (request.getDealId() != null) {
            return new AnalysisSubject.Deal(request.getDealId());
        }
        return request.getUrl() != null ? new AnalysisSubject.Url(request.getUrl()) : new AnalysisSubject.Product(request.getProductName());
    }
}
