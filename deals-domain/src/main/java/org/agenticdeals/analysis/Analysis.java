package org.agenticdeals.analysis;

import static org.agenticdeals.jooq.Tables.AI_MODELS;
import static org.agenticdeals.jooq.Tables.AI_PROMPT_TEMPLATES;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.agenticdeals.ConflictException;
import org.agenticdeals.IllegalTransitionException;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.ModelUnavailableException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Actors;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.internal.TransactionWork;
import org.agenticdeals.internal.Urls;
import org.agenticdeals.jooq.tables.records.AiAnalysisRequestsRecord;
import org.agenticdeals.jooq.tables.records.AiModelsRecord;
import org.agenticdeals.jooq.tables.records.AiPromptTemplatesRecord;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.ledger.TokenLedger;
import org.jooq.DSLContext;

/**
 * AI analysis: the models a host can call, versioned prompt templates, and a paid request queue that survives workers
 * dying. Obtain it from {@code Deals.analysis()}; the model is in {@code docs/analysis.md}. The library never calls a
 * language model: the host plugs one in as an {@link AnalysisProvider} run by an {@link AnalysisWorker}.
 *
 * <p>A {@linkplain #request request} is charged up front, through the ledger and in the same transaction as the
 * request row: the cost of its model's whole budget ({@link AiModel#charge()}). Workers {@linkplain #claimNext claim}
 * requests with {@code FOR UPDATE SKIP LOCKED}, so no request is handed to two workers at once; {@link #complete}
 * refunds what the answer did not use, {@link #fail} refunds everything. A request a worker holds longer than
 * {@code DealsConfig.analysisClaimTimeout} is {@linkplain #reclaimStuck reclaimed}: pending again, or failed and
 * refunded after {@code DealsConfig.analysisMaxAttempts} claims. Each transition is one transaction with its refund.
 *
 * <p>Requests belong to their user: row-level security lets nobody else see them. Models and templates are managed
 * by admins; every change of a model's price, budget, activity or fallback role, and every template activation, is in
 * the audit log.
 */
public final class Analysis {

    /** The longest template text. */
    public static final int MAX_TEMPLATE = 20_000;
    /** The longest result (JSON text) a request may store. */
    public static final int MAX_RESULT = 100_000;
    /** The longest error message a failed request keeps; longer ones are cut. */
    public static final int MAX_ERROR = 2_000;
    /** The most model tokens a model's budget may have. */
    public static final int MAX_MODEL_TOKENS = 10_000_000;

    private static final Pattern USAGE_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    private static final BigDecimal MAX_COST = new BigDecimal("9999.999999");
    private static final int MAX_CAPABILITIES = 50;
    private static final int MAX_PRODUCT_NAME = 255;
    private static final int MAX_KEY = 200;
    private static final int RECLAIM_BATCH = 200;

    private final ServiceContext context;
    private final AnalysisQueries queries;

    /**
     * For {@code Deals}; hosts call {@code deals.analysis()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Analysis(ServiceContext context) {
        this.context = context;
        this.queries = new AnalysisQueries(context.config().schema());
    }

    // ------------------------------------------------------------------------------------------------ models

    /**
     * Registers a model, active and not the fallback. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param model the model's values
     * @return the registered model
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     * @throws ConflictException         on {@code name} if a model has it
     * @throws ValidationException       naming the field ({@code model.tokenCostPer1k}, {@code model.capabilities[1]} …)
     */
    public AiModel registerModel(UUID adminId, NewAiModel model) {
        NewAiModel wanted = validModel(Checks.required("model", model));
        return admin(adminId, "manage AI models", tx -> {
            OffsetDateTime now = context.now().truncatedTo(ChronoUnit.MICROS);
            AiModelsRecord row = tx.newRecord(AI_MODELS);
            row.setId(context.newId());
            write(row, wanted);
            row.setIsActive(true).setIsFallback(false).setCreatedAt(now).setUpdatedAt(now);
            row.insert();
            return AnalysisQueries.toModel(row);
        });
    }

    /**
     * Applies {@code change} to the model's values (with its row locked) and stores the validated result. Requests
     * charged before keep their charge. Admins only; a price or budget change is audited.
     *
     * @param adminId the acting admin
     * @param modelId the model to change
     * @param change the new values from the current ones
     * @return the model as stored
     * @throws NotFoundException if there is no such model
     */
    public AiModel updateModel(UUID adminId, UUID modelId, UnaryOperator<NewAiModel> change) {
        Checks.required("modelId", modelId);
        Checks.required("change", change);
        return admin(adminId, "manage AI models", tx -> {
            AiModelsRecord row = lockModel(tx, modelId);
            write(row, validModel(Checks.required("model", change.apply(NewAiModel.of(AnalysisQueries.toModel(row))))));
            return stored(row);
        });
    }

    /**
     * Makes the model selectable again. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param modelId the model
     * @return the model, active
     */
    public AiModel activateModel(UUID adminId, UUID modelId) {
        return setActive(adminId, modelId, true);
    }

    /**
     * Stops the model being selected for new requests (requests charged for it already still run on it). Admins
     * only; audited.
     *
     * @param adminId the acting admin
     * @param modelId the model
     * @return the model, inactive
     */
    public AiModel deactivateModel(UUID adminId, UUID modelId) {
        return setActive(adminId, modelId, false);
    }

    /**
     * Makes the model the fallback: selected when no other active model has a capability, and tried when the model a
     * request was given fails. The previous fallback stops being one. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param modelId the model
     * @return the model, the fallback now
     */
    public AiModel markFallback(UUID adminId, UUID modelId) {
        Checks.required("modelId", modelId);
        return admin(adminId, "manage AI models", tx -> {
            queries.lockFallback(tx);
            AiModelsRecord row = lockModel(tx, modelId);
            if (!row.getIsFallback()) {
                tx.update(AI_MODELS).set(AI_MODELS.IS_FALLBACK, false).where(AI_MODELS.IS_FALLBACK).execute();
                return stored(row.setIsFallback(true));
            }
            return AnalysisQueries.toModel(row);
        });
    }

    /** {@return every registered model, by name} */
    public List<AiModel> models() {
        return read(AnalysisQueries::models);
    }

    /**
     * The model a request of {@code capability} would get: the cheapest active model that has it (ties by name), else
     * the active fallback model.
     *
     * @param capability a usage type, e.g. {@code deal_analysis}
     * @return the model
     * @throws ModelUnavailableException if there is neither
     */
    public AiModel select(String capability) {
        String usage = usageType("capability", capability);
        return read(tx -> AnalysisQueries.select(tx, usage)).orElseThrow(() -> new ModelUnavailableException(usage));
    }

    /** {@return the active fallback model, if there is one} */
    public Optional<AiModel> fallbackModel() {
        return read(AnalysisQueries::fallback);
    }

    // --------------------------------------------------------------------------------------------- templates

    /**
     * Publishes a template version. It becomes the active version of its usage type if {@code template.activate()} or
     * if the usage type has no version yet; the database keeps exactly one active version per usage type. Admins only;
     * audited.
     *
     * @param adminId the acting admin
     * @param template the version to publish
     * @return the published version
     * @throws ConflictException   on {@code version} if the name has this version already
     * @throws ValidationException naming the field, e.g. {@code template.text} for a <code>{{</code> that opens no placeholder
     */
    public PromptTemplate publishTemplate(UUID adminId, NewPromptTemplate template) {
        Checks.required("template", template);
        String name = Checks.text("template.name", template.name(), 100);
        String version = matching("template.version", template.version(), VERSION, "letters, digits, '.', '_' and '-', at most 50");
        String usage = usageType("template.usageType", template.usageType());
        String text = Checks.required("template.text", template.text());
        if (text.isBlank() || text.length() > MAX_TEMPLATE) {
            throw new ValidationException("template.text", "must be 1 to " + MAX_TEMPLATE + " characters and not blank, was " + text.length());
        }
        if (text.indexOf('\0') >= 0 || Checks.hasLoneSurrogate(text)) {
            throw new ValidationException("template.text", "must be valid Unicode without NUL characters");
        }
        TemplateText.parse("template.text", text);
        String description = Checks.optionalText("template.description", template.description(), 1_000);
        return admin(adminId, "manage prompt templates", tx -> {
            queries.lockUsageType(tx, usage);
            boolean hasActive = AnalysisQueries.activeTemplate(tx, usage).isPresent();
            boolean active = template.activate() || !hasActive;
            if (active && hasActive) {
                AnalysisQueries.deactivateTemplates(tx, usage);
            }
            OffsetDateTime now = context.now().truncatedTo(ChronoUnit.MICROS);
            AiPromptTemplatesRecord row = tx.newRecord(AI_PROMPT_TEMPLATES);
            row.setId(context.newId()).setName(name).setVersion(version).setUsageType(usage).setTemplateText(text).setDescription(description)
                    .setIsActive(active).setCreatedAt(now).setUpdatedAt(now);
            row.insert();
            return AnalysisQueries.toTemplate(row);
        });
    }

    /**
     * Makes the version the active one of its usage type, the previous one inactive, in one transaction. Activating
     * the active version changes nothing. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param templateId the version to activate
     * @return the version, active
     * @throws NotFoundException if there is no such template version
     */
    public PromptTemplate activateTemplate(UUID adminId, UUID templateId) {
        Checks.required("templateId", templateId);
        return admin(adminId, "manage prompt templates", tx -> {
            String usage = AnalysisQueries.template(tx, templateId).orElseThrow(() -> new NotFoundException("prompt template", templateId))
                    .getUsageType();
            queries.lockUsageType(tx, usage);
            AiPromptTemplatesRecord row = AnalysisQueries.template(tx, templateId).orElseThrow();
            if (!row.getIsActive()) {
                AnalysisQueries.deactivateTemplates(tx, usage);
                row.setIsActive(true).store();
            }
            return AnalysisQueries.toTemplate(row);
        });
    }

    /**
     * The active version of the usage type's template, if it has one.
     *
     * @param usageType e.g. {@code deal_analysis}
     * @return the active version, or empty
     */
    public Optional<PromptTemplate> activeTemplate(String usageType) {
        String usage = usageType("usageType", usageType);
        return read(tx -> AnalysisQueries.activeTemplate(tx, usage));
    }

    /**
     * Every version of the named template, oldest first.
     *
     * @param name the template's name
     * @return its versions, empty if there is no such template
     */
    public List<PromptTemplate> templateVersions(String name) {
        String wanted = Checks.text("name", name, 100);
        return read(tx -> AnalysisQueries.versions(tx, wanted));
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * {@link #request(UUID, AnalysisSubject, String, String)} without an idempotency key.
     *
     * @param userId who asks and pays
     * @param subject what to analyse
     * @param usageType which template and capability, e.g. {@code deal_analysis}
     * @return the queued request
     */
    public AnalysisRequest request(UUID userId, AnalysisSubject subject, String usageType) {
        return request(userId, subject, usageType, null);
    }

    /**
     * Asks for an analysis: selects the model ({@link #select}), renders the usage type's active template with the
     * subject's variables, charges the model's whole budget ({@link AiModel#charge()}) through the ledger and queues the
     * request, all in one transaction. A free model charges nothing.
     *
     * <p>A deal subject gives the template {@code deal_title}, {@code deal_description}, {@code deal_url},
     * {@code current_price}, {@code original_price}, {@code discount_percentage}, {@code market}, {@code category},
     * {@code source}, {@code reliability}, {@code price_history} and {@code lowest_price}; a URL {@code url}; a product
     * {@code product_name}; every subject {@code saved_titles} (the user's most recently saved deals).
     *
     * @param idempotencyKey optional, at most 200 characters: a repeated call with the key returns the first request
     *                       ({@link AnalysisRequest#replayed()} true) and charges nothing, also when the calls race
     * @param userId who asks and pays
     * @param subject what to analyse
     * @param usageType which template and capability, e.g. {@code deal_analysis}
     * @return the queued request (the original one when the key repeats)
     * @throws ValidationException         naming the field: {@code subject.url}, {@code subject.name}, {@code usageType},
     *                                     or {@code subject} when the template needs a variable the subject does not have
     *                                     or the prompt does not fit the model's budget
     * @throws ModelUnavailableException   if no active model has the capability and there is no fallback
     * @throws NotFoundException           if the usage type has no active template, or the deal is not an active one
     * @throws InsufficientTokensException if the user's balance does not cover the charge; nothing is written
     */
    public AnalysisRequest request(UUID userId, AnalysisSubject subject, String usageType, String idempotencyKey) {
        Checks.required("userId", userId);
        AnalysisSubject wanted = validSubject(Checks.required("subject", subject));
        String usage = usageType("usageType", usageType);
        String key = Checks.optionalText("idempotencyKey", idempotencyKey, MAX_KEY);
        OffsetDateTime now = context.now().truncatedTo(ChronoUnit.MICROS);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            if (key != null) {
                Optional<AnalysisRequest> first = AnalysisQueries.byKey(tx, userId, key);
                if (first.isPresent()) {
                    return first.get();
                }
            }
            AiModel model = AnalysisQueries.select(tx, usage).orElseThrow(() -> new ModelUnavailableException(usage));
            PromptTemplate template = AnalysisQueries.activeTemplate(tx, usage)
                    .orElseThrow(() -> new NotFoundException("active prompt template for usage type", usage));
            String prompt = template.render(variables(tx, userId, wanted, template, now));
            int promptTokens = estimatedTokens(prompt);
            if (promptTokens >= model.maxTokens()) {
                throw new ValidationException("subject", "makes a prompt of about " + promptTokens + " tokens, which leaves no room for an answer"
                        + " within the " + model.maxTokens() + " tokens of model " + model.name());
            }
            int charge = model.charge();
            AiAnalysisRequestsRecord row = new AiAnalysisRequestsRecord();
            row.setId(context.newId()).setUserId(userId).setUsageType(usage).setModelId(model.id()).setPromptTemplateId(template.id())
                    .setPrompt(prompt).setTokensCharged(charge).setTokensRefunded(0).setAttempts(0).setIdempotencyKey(key).setRequestedAt(now)
                    .setStatus(org.agenticdeals.jooq.enums.AnalysisStatus.PENDING);
            if (wanted instanceof AnalysisSubject.Deal deal) {
                row.setDealId(deal.dealId());
            } else if (wanted instanceof AnalysisSubject.Url url) {
                row.setUrl(url.url());
            } else if (wanted instanceof AnalysisSubject.Product product) {
                row.setProductName(product.name());
            }
            if (!AnalysisQueries.insert(tx, row)) {
                return AnalysisQueries.byKey(tx, userId, key).orElseThrow();
            }
            if (charge > 0) {
                LedgerEntry entry = ledger(tx).chargeAiUsage(userId, charge, row.getId());
                AnalysisQueries.recordCharge(tx, row.getId(), entry.id());
            }
            return new AnalysisRequest(row.getId(), userId, wanted, usage, AnalysisStatus.PENDING, model.name(), null, charge, null, 0, 0,
                    now.toInstant(), null, null, null, false);
        });
    }

    /**
     * The user's request, if it is theirs.
     *
     * @param userId the user asking
     * @param requestId the request
     * @return the request, or empty if there is none or it is another user's
     */
    public Optional<AnalysisRequest> find(UUID userId, UUID requestId) {
        Checks.required("userId", userId);
        Checks.required("requestId", requestId);
        return context.transactions().run(SecurityContext.user(userId), tx -> AnalysisQueries.find(tx, requestId));
    }

    /**
     * The user's requests, newest first, one keyset page at a time.
     *
     * @param userId the user asking
     * @param page which page
     * @return one page of requests
     */
    public Page<AnalysisRequest> list(UUID userId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("page", page);
        Cursors.Position after = page.cursor() == null ? null : Cursors.decode("page.cursor", page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            List<AnalysisRequest> rows = AnalysisQueries.list(tx, userId, after == null ? null : after.time(), after == null ? null : after.id(),
                    page.size() + 1);
            List<AnalysisRequest> items = rows.stream().limit(page.size()).toList();
            AnalysisRequest last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new Page<>(items, rows.size() > page.size() ? Cursors.encode(last.requestedAt(), last.id()) : null);
        });
    }

    /**
     * The deal's newest completed analysis: a JSON object with {@code request_id}, {@code usage_type}, {@code model},
     * {@code completed_at} and the {@code result}; empty if it has none (or there is no such deal).
     *
     * @param dealId the deal
     * @return the analysis as JSON, or empty
     */
    public Optional<String> dealAnalysis(UUID dealId) {
        Checks.required("dealId", dealId);
        return read(tx -> AnalysisQueries.dealAnalysis(tx, dealId));
    }

    // ------------------------------------------------------------------------------------------------- workers

    /**
     * Claims the oldest pending request for {@code workerId}: it moves to {@code PROCESSING} with its attempt count
     * raised. Concurrent workers never get the same request ({@code FOR UPDATE SKIP LOCKED}). Runs in the system
     * context; for workers, not for users.
     *
     * @return the task, or empty if no request is pending
     * @param workerId the worker's name, as {@code claimNext} rules say
     */
    public Optional<AnalysisTask> claimNext(String workerId) {
        String worker = Checks.text("workerId", workerId, 100);
        return context.transactions().run(SecurityContext.system(), tx -> queries.claim(tx, worker, context.now()));
    }

    /**
     * Completes a claimed request: stores the result and the model tokens used, refunds the charge's unused part
     * ({@code tokensCharged − modelUsed.cost(tokensUsed)}), and, for a deal, makes the result the deal's
     * {@linkplain #dealAnalysis analysis} unless a newer one is there. One transaction. Completing again with the same
     * claim returns the stored request and changes nothing.
     *
     * @param modelUsed the name of the model that answered: the task's, or the fallback
     * @param task the claimed task
     * @param result the analysis, a JSON object
     * @param tokensUsed model tokens the call used
     * @return the completed request
     * @throws ValidationException         naming {@code result} (not a JSON object, too long), {@code modelUsed} (no such
     *                                     model) or {@code tokensUsed} (negative, or costing more than was charged)
     * @throws IllegalTransitionException  if the request is not processing under this claim: finished already, or
     *                                     reclaimed and claimed again since
     * @throws NotFoundException           if there is no such request
     */
    public AnalysisRequest complete(AnalysisTask task, String result, String modelUsed, int tokensUsed) {
        validTask(task);
        String json = Json.object("result", result, MAX_RESULT);
        String model = Checks.text("modelUsed", modelUsed, 100);
        Checks.between("tokensUsed", tokensUsed, 0, MAX_MODEL_TOKENS);
        return context.transactions().run(SecurityContext.system(), tx -> {
            Optional<AnalysisQueries.Finished> completed = queries.complete(tx, task, json, model, tokensUsed, context.now());
            if (completed.isEmpty()) {
                return refused(tx, task, AnalysisStatus.COMPLETED, charged -> {
                    AiModel used = AnalysisQueries.modelNamed(tx, model)
                            .orElseThrow(() -> new ValidationException("modelUsed", "names no registered model: " + Checks.shown(model)));
                    if (used.cost(tokensUsed) > charged) {
                        throw new ValidationException("tokensUsed", tokensUsed + " tokens of " + used.name() + " cost " + used.cost(tokensUsed)
                                + ", more than the " + charged + " charged");
                    }
                });
            }
            return refunded(tx, completed.get());
        });
    }

    /**
     * Fails a claimed request and refunds its charge in full, in one transaction. The error is kept (and shown to the
     * request's user), cut to {@value #MAX_ERROR} characters with control characters replaced by spaces. Failing again
     * with the same claim returns the stored request and changes nothing.
     *
     * @param task the claimed task
     * @param error why it failed, shown to the request's user
     * @return the failed request
     * @throws IllegalTransitionException if the request is not processing under this claim
     * @throws NotFoundException          if there is no such request
     */
    public AnalysisRequest fail(AnalysisTask task, String error) {
        validTask(task);
        String message = errorMessage(Checks.required("error", error));
        return context.transactions().run(SecurityContext.system(), tx -> {
            Optional<AnalysisQueries.Finished> failed = queries.fail(tx, task, message, context.now());
            if (failed.isEmpty()) {
                return refused(tx, task, AnalysisStatus.FAILED, charged -> {
                });
            }
            return refunded(tx, failed.get());
        });
    }

    /**
     * The reclaim job: every request a worker has held longer than {@code DealsConfig.analysisClaimTimeout} goes back
     * to pending, or, once it has been claimed {@code DealsConfig.analysisMaxAttempts} times, fails with its charge
     * refunded. Runs in the system context in batches of 200, one transaction each; safe to run concurrently with
     * itself and with workers (a request being completed right now is left alone). Schedule it about as often as the
     * timeout.
     *
     * @return how many requests went back to pending and how many failed
     */
    public ReclaimRun reclaimStuck() {
        int maxAttempts = context.config().analysisMaxAttempts();
        int requeued = 0;
        int failed = 0;
        int refunded = 0;
        while (true) {
            OffsetDateTime now = context.now();
            OffsetDateTime claimedBefore = now.minus(context.config().analysisClaimTimeout());
            List<AnalysisQueries.Reclaimed> batch = context.transactions().run(SecurityContext.system(), tx -> {
                List<AnalysisQueries.Reclaimed> reclaimed = queries.reclaim(tx, claimedBefore, maxAttempts, now, RECLAIM_BATCH);
                // Refunds lock balances in user id order as PostgreSQL sorts uuids (their text's order, unlike UUID.compareTo),
                // the order the ledger locks several balances in, so concurrent runs and referrals cannot deadlock on them.
                reclaimed.stream().filter(AnalysisQueries.Reclaimed::failed)
                        .sorted(Comparator.comparing((AnalysisQueries.Reclaimed row) -> row.userId().toString()))
                        .filter(row -> row.tokensCharged() > 0 && row.chargeTransactionId() != null)
                        .forEach(row -> ledger(tx).refund(row.chargeTransactionId(), row.tokensCharged(), refundKey(row.requestId())));
                return reclaimed;
            });
            for (AnalysisQueries.Reclaimed row : batch) {
                if (row.failed()) {
                    failed++;
                    refunded += row.tokensCharged();
                } else {
                    requeued++;
                }
            }
            if (batch.size() < RECLAIM_BATCH) {
                return new ReclaimRun(requeued, failed, refunded);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * Why a transition matched no row: a replay of the same claim's transition returns the stored request; a request in
     * another state or under another claim is an illegal transition; otherwise {@code explain} throws the refusal of an
     * argument, given what the request was charged.
     */
    private AnalysisRequest refused(DSLContext tx, AnalysisTask task, AnalysisStatus target, java.util.function.IntConsumer explain) {
        AiAnalysisRequestsRecord row = AnalysisQueries.lockRequest(tx, task.requestId())
                .orElseThrow(() -> new NotFoundException("analysis request", task.requestId()));
        String status = row.getStatus().getLiteral();
        boolean sameClaim = task.workerId().equals(row.getWorkerId()) && task.attempt() == row.getAttempts();
        String transition = target == AnalysisStatus.COMPLETED ? "complete" : "fail";
        if (sameClaim && status.equals(target.name().toLowerCase(java.util.Locale.ROOT))) {
            return AnalysisQueries.find(tx, task.requestId()).orElseThrow();
        }
        if (!status.equals("processing")) {
            throw new IllegalTransitionException("analysis request", task.requestId(), status, transition, null);
        }
        if (!sameClaim) {
            throw new IllegalTransitionException("analysis request", task.requestId(), status, transition,
                    "claimed again since (attempt " + row.getAttempts() + " by worker " + row.getWorkerId() + ")");
        }
        explain.accept(row.getTokensCharged());
        throw new IllegalStateException("request " + task.requestId() + " is processing under this claim, yet the " + transition + " matched no row");
    }

    private AnalysisRequest refunded(DSLContext tx, AnalysisQueries.Finished finished) {
        AnalysisRequest request = finished.request();
        if (request.tokensRefunded() > 0 && finished.chargeTransactionId() != null) {
            ledger(tx).refund(finished.chargeTransactionId(), request.tokensRefunded(), refundKey(request.id()));
        }
        return request;
    }

    private static String refundKey(UUID requestId) {
        return "analysis:" + requestId;
    }

    /** The ledger, its calls savepoints of this transaction. */
    private TokenLedger ledger(DSLContext tx) {
        return new TokenLedger(context.within(tx.configuration()));
    }

    private Map<String, String> variables(DSLContext tx, UUID userId, AnalysisSubject subject, PromptTemplate template, OffsetDateTime now) {
        Set<String> needed = template.variables();
        var available = new LinkedHashMap<String, String>();
        String kind;
        if (subject instanceof AnalysisSubject.Deal deal) {
            kind = "deal";
            available.putAll(queries.dealVariables(tx, deal.dealId(), now).orElseThrow(() -> new NotFoundException("active deal", deal.dealId())));
        } else if (subject instanceof AnalysisSubject.Url url) {
            kind = "url";
            available.put("url", url.url());
        } else {
            kind = "product";
            available.put("product_name", ((AnalysisSubject.Product) subject).name());
        }
        if (needed.contains("saved_titles")) {
            available.put("saved_titles", queries.savedTitles(tx, userId));
        }
        var values = new LinkedHashMap<String, String>();
        for (String variable : needed) {
            String value = available.get(variable);
            if (value == null) {
                throw new ValidationException("subject", "is a " + kind + ", which does not give {{" + variable + "}} to the active "
                        + template.usageType() + " template (" + template.name() + " " + template.version() + ")");
            }
            values.put(variable, value);
        }
        return values;
    }

    /** About four characters a token, the usual rule of thumb for English text; providers report the real count. */
    static int estimatedTokens(String prompt) {
        return (prompt.codePointCount(0, prompt.length()) + 3) / 4;
    }

    /** A claim as {@link #claimNext} returns it: the transitions match its request, worker (a text of claimNext's rules) and attempt. */
    private static void validTask(AnalysisTask task) {
        Checks.required("task", task);
        Checks.required("task.requestId", task.requestId());
        // As claimNext takes them: a worker id PostgreSQL cannot store (a NUL) never matched a claim anyway.
        Checks.text("task.workerId", task.workerId(), 100);
    }

    private static AnalysisSubject validSubject(AnalysisSubject subject) {
        if (subject instanceof AnalysisSubject.Deal deal) {
            Checks.required("subject.dealId", deal.dealId());
            return deal;
        }
        if (subject instanceof AnalysisSubject.Url url) {
            String address = Checks.required("subject.url", url.url()).strip();
            String problem = Urls.problem(address);
            if (problem != null) {
                throw new ValidationException("subject.url", problem);
            }
            return new AnalysisSubject.Url(address);
        }
        return new AnalysisSubject.Product(Checks.text("subject.name", ((AnalysisSubject.Product) subject).name(), MAX_PRODUCT_NAME));
    }

    private static NewAiModel validModel(NewAiModel model) {
        String name = Checks.text("model.name", model.name(), 100);
        String provider = Checks.text("model.provider", model.provider(), 100);
        String version = Checks.text("model.version", model.version(), 100);
        BigDecimal cost = Checks.required("model.tokenCostPer1k", model.tokenCostPer1k());
        if (cost.signum() < 0 || cost.compareTo(MAX_COST) > 0 || cost.stripTrailingZeros().scale() > 6) {
            throw new ValidationException("model.tokenCostPer1k", "must be between 0 and " + MAX_COST.toPlainString()
                    + " with at most 6 decimals, was " + Checks.shown(cost.toPlainString()));
        }
        Checks.between("model.maxTokens", model.maxTokens(), 1, MAX_MODEL_TOKENS);
        Set<String> capabilities = Checks.required("model.capabilities", model.capabilities());
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw new ValidationException("model.capabilities", "must name at most " + MAX_CAPABILITIES + " capabilities, was " + capabilities.size());
        }
        var sorted = new java.util.TreeSet<String>();
        int index = 0;
        for (String capability : capabilities) {
            sorted.add(usageType("model.capabilities[" + index++ + "]", capability));
        }
        var valid = new NewAiModel(name, provider, version, cost.setScale(6), model.maxTokens(), sorted);
        int charge = new AiModel(null, name, provider, version, true, false, valid.tokenCostPer1k(), valid.maxTokens(), sorted, null, null).charge();
        if (charge > TokenLedger.MAX_TOKENS) {
            throw new ValidationException("model.maxTokens", "makes a request's charge (maxTokens × tokenCostPer1k / 1000) " + charge
                    + " tokens, more than the ledger's " + TokenLedger.MAX_TOKENS);
        }
        return valid;
    }

    private static void write(AiModelsRecord row, NewAiModel model) {
        row.setName(model.name()).setProvider(model.provider()).setVersion(model.version()).setTokenCostPer_1k(model.tokenCostPer1k())
                .setMaxTokens(model.maxTokens()).setCapabilities(Json.stringArray(model.capabilities()));
    }

    private AiModel setActive(UUID adminId, UUID modelId, boolean active) {
        Checks.required("modelId", modelId);
        return admin(adminId, "manage AI models", tx -> {
            AiModelsRecord row = lockModel(tx, modelId);
            return row.getIsActive() == active ? AnalysisQueries.toModel(row) : stored(row.setIsActive(active));
        });
    }

    /** Stores the changed row and reads it back: its update trigger sets updated_at. */
    private static AiModel stored(AiModelsRecord row) {
        row.store();
        row.refresh();
        return AnalysisQueries.toModel(row);
    }

    private static AiModelsRecord lockModel(DSLContext tx, UUID modelId) {
        return AnalysisQueries.lockModel(tx, modelId).orElseThrow(() -> new NotFoundException("AI model", modelId));
    }

    private static String usageType(String field, String value) {
        return matching(field, value, USAGE_TYPE, "lower case letters, digits and underscores, starting with a letter, at most 100");
    }

    private static String matching(String field, String value, Pattern pattern, String rule) {
        Checks.required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new ValidationException(field, "must be " + rule + " characters, was '" + Checks.shown(value) + "'");
        }
        return value;
    }

    /** An error for storing: control characters (NUL included) and lone surrogates become spaces; cut to the limit. */
    private static String errorMessage(String error) {
        var cleaned = new StringBuilder(Math.min(error.length(), MAX_ERROR));
        for (int index = 0; index < error.length() && cleaned.length() < MAX_ERROR; index++) {
            char character = error.charAt(index);
            boolean pairedHigh = Character.isHighSurrogate(character) && index + 1 < error.length()
                    && Character.isLowSurrogate(error.charAt(index + 1));
            if (pairedHigh && cleaned.length() + 2 <= MAX_ERROR) {
                cleaned.append(character).append(error.charAt(++index));
            } else if (pairedHigh || Character.isSurrogate(character) || (Character.isISOControl(character) && character != '\n')) {
                cleaned.append(' ');
                index += pairedHigh ? 1 : 0;
            } else {
                cleaned.append(character);
            }
        }
        String message = cleaned.toString().strip();
        return message.isEmpty() ? "failed without a message" : message;
    }

    private <T> T read(TransactionWork<T> work) {
        return context.transactions().run(SecurityContext.anonymous(), work);
    }

    private <T> T admin(UUID adminId, String operation, TransactionWork<T> work) {
        Checks.required("adminId", adminId);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, operation);
            return work.execute(tx);
        });
    }
}
