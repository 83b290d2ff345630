package org.agenticdeals.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.agenticdeals.ConflictException;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Actors;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.internal.Transactions.ContextStatement;
import org.agenticdeals.jooq.enums.TokenTransactionType;
import org.agenticdeals.jooq.tables.records.TokenExpiringCreditsRecord;
import org.agenticdeals.jooq.tables.records.TokenPackagesRecord;
import org.agenticdeals.jooq.tables.records.TokenRedemptionCodesRecord;
import org.agenticdeals.jooq.tables.records.TokenTransactionsRecord;
import org.agenticdeals.jooq.tables.records.UserTokenBalancesRecord;
import org.jooq.DSLContext;


/**
 * The token ledger: every token movement, exact under concurrency, idempotent and auditable. Obtain it from
 * {@code Deals.ledger()}; the model is in {@code docs/ledger.md}.
 *
 * <p>Each mutating method is one transaction that updates the user's balance row and writes exactly one
 * transaction row (a referral: two of each), or writes nothing. The balance row's lock orders concurrent
 * movements of one user; movements of two users lock both rows in id order. A balance never goes negative (the
 * debit re-checks it under the lock; a check constraint is the last line).
 *
 * <p>Every mutating method takes an idempotency key: a payment reference, a request id or a caller-supplied
 * key. Calling again with the same key returns the original entry ({@link LedgerEntry#replayed()} true) and
 * changes nothing, also when the repeats race each other. A key reused for a different operation is a
 * {@link ConflictException} on {@code idempotencyKey}.
 */
public final class TokenLedger {

    /** The most tokens one movement may carry. */
    public static final int MAX_TOKENS = 1_000_000;

    private static final int MAX_KEY_LENGTH = 200;
    private static final int EXPIRY_BATCH = 500;
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,48}[A-Z0-9]");

    private final ServiceContext context;
    private final LedgerQueries queries;

    /**
     * For {@code Deals}; hosts call {@code deals.ledger()}.
     *
     * @param context the library's plumbing (not API)
     */
    public TokenLedger(ServiceContext context) {
        this.context = context;
        this.queries = new LedgerQueries(context.config().schema());
    }

    /**
     * The user's tokens.
     *
     * @param userId the user
     * @return the user's balance and lifetime totals
     * @throws NotFoundException if the user has no balance (no such user)
     */
    public Balance balance(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.user(userId), tx -> LedgerQueries.balance(tx, userId)
                .map(row -> new Balance(userId, row.getBalance(), row.getLifetimeEarned(), row.getLifetimeSpent()))
                .orElseThrow(() -> new NotFoundException("token balance", userId)));
    }

    /**
     * Credits the tokens of an active package, once per payment reference. The row's metadata records the
     * package, its list price and the price paid after the package's discount.
     *
     * @param userId the buyer
     * @param packageId an active token package
     * @param paymentReference the payment provider's reference, at most 200 characters; the idempotency key
     * @return the purchase entry (the original one when the reference repeats)
     * @throws NotFoundException   if there is no active package with this id
     * @throws ValidationException naming {@code paymentReference}
     */
    public LedgerEntry purchase(UUID userId, UUID packageId, String paymentReference) {
        Checks.required("userId", userId);
        Checks.required("packageId", packageId);
        String key = "purchase:" + key("paymentReference", paymentReference);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            TokenPackagesRecord tokenPackage = LedgerQueries.tokenPackage(tx, packageId)
                    .filter(TokenPackagesRecord::getIsActive)
                    .orElseThrow(() -> new NotFoundException("active token package", packageId));
            int discount = tokenPackage.getDiscountPercentage() == null ? 0 : tokenPackage.getDiscountPercentage();
            BigDecimal paid = tokenPackage.getPriceUsd().multiply(BigDecimal.valueOf(100 - discount))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            var metadata = new LinkedHashMap<String, Object>();
            metadata.put("package_id", packageId.toString());
            metadata.put("package_name", tokenPackage.getName());
            metadata.put("price_usd", tokenPackage.getPriceUsd().toPlainString());
            metadata.put("discount_percentage", discount);
            metadata.put("price_paid_usd", paid.toPlainString());
            metadata.put("payment_reference", paymentReference.strip());
            LedgerEntry entry = apply(tx, null, movement(userId, TransactionType.PURCHASE, tokenPackage.getTokenAmount(),
                    "Purchased the " + tokenPackage.getName() + " package", Json.write(metadata), null, key));
            if (!entry.replayed()) {
                notifyTokens(tx, entry, "You bought " + entry.amount() + " tokens (" + tokenPackage.getName() + ")");
            }
            return entry;
        });
    }

    /**
     * Redeems a code: it must exist, be active, unexpired and below its limit, and not redeemed by this user
     * before. The tokens are a promotional credit (they expire if unspent, see {@link #expire()}). However many
     * users race for a code with {@code max_redemptions = N}, exactly N succeed.
     *
     * @param userId the user redeeming
     * @param code the code, in any letter case
     * @param idempotencyKey the caller's key for this redemption, at most 200 characters
     * @return the redemption entry (the original one when the key repeats)
     * @throws RedemptionRefusedException saying why
     */
    public LedgerEntry redeem(UUID userId, String code, String idempotencyKey) {
        Checks.required("userId", userId);
        String normalized = normalizeCode(code);
        String key = "redeem:" + key("idempotencyKey", idempotencyKey);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            OffsetDateTime now = context.now();
            UUID transactionId = context.newId();
            if (!LedgerQueries.claimKey(tx, key, userId, transactionId, now)) {
                return replay(tx, key, userId, TransactionType.REDEMPTION_CODE, null);
            }
            TokenRedemptionCodesRecord taken = LedgerQueries.takeRedemption(tx, normalized, now)
                    .orElseThrow(() -> new RedemptionRefusedException(whyRefused(tx, normalized, now)));
            if (!LedgerQueries.recordRedemption(tx, taken.getId(), userId, transactionId, now)) {
                throw new RedemptionRefusedException(RedemptionRefusedException.Reason.ALREADY_REDEEMED);
            }
            var movement = new LedgerQueries.Movement(userId, TransactionType.REDEMPTION_CODE, taken.getTokenAmount(),
                    "Redeemed code " + normalized, Json.write(Map.of("code", normalized)), taken.getId(), transactionId, now, key);
            LedgerEntry entry = applyClaimed(tx, movement);
            LedgerQueries.recordExpiringCredit(tx, userId, transactionId, TransactionType.REDEMPTION_CODE, taken.getTokenAmount(), now,
                    now.plus(context.config().promotionalCreditLifetime()));
            notifyTokens(tx, entry, "You redeemed code " + normalized + ": " + entry.amount() + " tokens");
            return entry;
        });
    }

    /**
     * Credits the signup bonus ({@code DealsConfig.signupBonusTokens}), once per user; a promotional credit.
     *
     * @param userId the user
     * @return the bonus entry (the original one on a repeated call)
     * @throws ValidationException if the configured bonus is 0
     */
    public LedgerEntry grantSignupBonus(UUID userId) {
        Checks.required("userId", userId);
        int tokens = context.config().signupBonusTokens();
        if (tokens == 0) {
            throw new ValidationException("signupBonusTokens", "is 0: there is no signup bonus to grant");
        }
        return context.transactions().run(SecurityContext.user(userId), tx -> grantPromotional(tx, null,
                movement(userId, TransactionType.SIGNUP_BONUS, tokens, "Signup bonus", null, null, "signup_bonus:" + userId)));
    }

    /**
     * Credits both the referrer and the referee the referral bonus ({@code DealsConfig.referralBonusTokens}), once
     * per pair, in one transaction that locks both balances in id order (so concurrent referrals between the same
     * users, in either direction, cannot deadlock); promotional credits.
     *
     * @param referrerId the user who referred
     * @param refereeId the user who was referred
     * @return both entries
     * @throws ValidationException if referrer and referee are the same user, or the configured bonus is 0
     * @throws NotFoundException   if either has no balance
     */
    public ReferralBonus grantReferralBonus(UUID referrerId, UUID refereeId) {
        Checks.required("referrerId", referrerId);
        Checks.required("refereeId", refereeId);
        if (referrerId.equals(refereeId)) {
            throw new ValidationException("refereeId", "must differ from referrerId: nobody refers themselves");
        }
        int tokens = context.config().referralBonusTokens();
        if (tokens == 0) {
            throw new ValidationException("referralBonusTokens", "is 0: there is no referral bonus to grant");
        }
        String pair = "referral_bonus:" + referrerId + ":" + refereeId;
        return context.transactions().run(SecurityContext.system(), tx -> {
            List<UUID> locked = LedgerQueries.lockBalances(tx, List.of(referrerId, refereeId));
            for (UUID user : List.of(referrerId, refereeId)) {
                if (!locked.contains(user)) {
                    throw new NotFoundException("token balance", user);
                }
            }
            LedgerEntry referrer = grantPromotional(tx, null,
                    movement(referrerId, TransactionType.REFERRAL_BONUS, tokens, "Referral bonus: referred a new user", null, refereeId,
                            pair + ":referrer"));
            if (referrer.replayed()) {
                return new ReferralBonus(referrer, replay(tx, pair + ":referee", refereeId, TransactionType.REFERRAL_BONUS, tokens));
            }
            LedgerEntry referee = grantPromotional(tx, null,
                    movement(refereeId, TransactionType.REFERRAL_BONUS, tokens, "Referral bonus: joined through a referral", null, referrerId,
                            pair + ":referee"));
            return new ReferralBonus(referrer, referee);
        });
    }

    /**
     * Debits tokens for an AI request, once per request id (the entry's reference). One network round trip:
     * the security context, the idempotency key, the balance and the transaction row go in one statement.
     *
     * @param userId the user charged
     * @param tokens 1 to {@value #MAX_TOKENS}
     * @param requestId the AI request; the idempotency key
     * @return the charge entry (the original one when the request id repeats)
     * @throws InsufficientTokensException carrying the balance and the tokens asked for
     * @throws ValidationException         if {@code tokens} is not between 1 and {@value #MAX_TOKENS}
     */
    public LedgerEntry chargeAiUsage(UUID userId, int tokens, UUID requestId) {
        Checks.required("userId", userId);
        Checks.required("requestId", requestId);
        Checks.between("tokens", tokens, 1, MAX_TOKENS);
        var charge = movement(userId, TransactionType.AI_USAGE, -tokens, "AI usage", null, requestId, "ai_usage:" + requestId);
        return context.transactions().runFused(SecurityContext.user(userId), (tx, contextStatement) -> apply(tx, contextStatement, charge));
    }

    /**
     * Returns tokens of an AI-usage charge, never more than was charged in total across refunds. Refunds of one
     * user are serialized by their balance row, so racing refunds cannot overshoot.
     *
     * @param originalTransactionId the AI-usage charge to refund
     * @param tokens 1 to what is left to refund
     * @param idempotencyKey the caller's key for this refund, at most 200 characters
     * @return the refund entry (the original one when the key repeats)
     * @throws NotFoundException       if there is no such transaction
     * @throws RefundRefusedException  if the transaction is not a charge, or the refund would exceed what is left
     */
    public LedgerEntry refund(UUID originalTransactionId, int tokens, String idempotencyKey) {
        Checks.required("originalTransactionId", originalTransactionId);
        Checks.between("tokens", tokens, 1, MAX_TOKENS);
        String key = "refund:" + key("idempotencyKey", idempotencyKey);
        return context.transactions().run(SecurityContext.system(), tx -> {
            TokenTransactionsRecord charge = LedgerQueries.transaction(tx, originalTransactionId)
                    .orElseThrow(() -> new NotFoundException("token transaction", originalTransactionId));
            if (charge.getTransactionType() != TokenTransactionType.AI_USAGE || charge.getAmount() >= 0) {
                throw new RefundRefusedException(originalTransactionId, 0, tokens);
            }
            UUID userId = charge.getUserId();
            LedgerQueries.lockBalances(tx, List.of(userId));
            OffsetDateTime now = context.now();
            UUID transactionId = context.newId();
            if (!LedgerQueries.claimKey(tx, key, userId, transactionId, now)) {
                return replay(tx, key, userId, TransactionType.REFUND, tokens);
            }
            int refundable = -charge.getAmount() - LedgerQueries.refunded(tx, userId, originalTransactionId);
            if (tokens > refundable) {
                throw new RefundRefusedException(originalTransactionId, refundable, tokens);
            }
            return applyClaimed(tx, new LedgerQueries.Movement(userId, TransactionType.REFUND, tokens, "Refund of an AI charge",
                    Json.write(Map.of("original_transaction_id", originalTransactionId.toString())), originalTransactionId, transactionId, now, key));
        });
    }

    /**
     * Adds or removes tokens by hand. Admins only; the audit log records the admin, the balance before and after,
     * and the reason.
     *
     * @param adminId the acting admin
     * @param userId the user whose balance changes
     * @param amount tokens to add (positive) or remove (negative), not 0
     * @param reason why, kept in the audit log
     * @param idempotencyKey the caller's key for this adjustment, at most 200 characters
     * @return the adjustment entry (the original one when the key repeats)
     * @throws PermissionDeniedException   if {@code adminId} is not an active admin
     * @throws InsufficientTokensException if a removal exceeds the balance
     * @throws ValidationException         naming {@code amount}, {@code reason} or {@code idempotencyKey}
     */
    public LedgerEntry adjust(UUID adminId, UUID userId, int amount, String reason, String idempotencyKey) {
        Checks.required("adminId", adminId);
        Checks.required("userId", userId);
        if (amount == 0 || Math.abs((long) amount) > MAX_TOKENS) {
            throw new ValidationException("amount", "must be non-zero and at most " + MAX_TOKENS + " either way, was " + amount);
        }
        String why = Checks.text("reason", reason, 500);
        String key = "adjust:" + key("idempotencyKey", idempotencyKey);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, "adjust token balances");
            return apply(tx, null, movement(userId, TransactionType.ADMIN_ADJUSTMENT, amount, why,
                    Json.write(Map.of("admin_id", adminId.toString())), null, key));
        });
    }

    /**
     * The expiry job: every promotional credit past its expiry loses what is left of it unspent (spending
     * consumes the oldest credit first), in one {@code expiration} transaction per user; each lapsed credit is
     * closed, so running the job again changes nothing. Runs in the system context, one transaction per user; safe
     * to run concurrently with itself and with the ledger. Schedule it hourly or daily.
     *
     * @return how many users lost tokens, how many tokens and how many credits were closed
     */
    public ExpiryRun expire() {
        OffsetDateTime now = context.now();
        int users = 0;
        long tokens = 0;
        int closed = 0;
        while (true) {
            List<UUID> due = context.transactions().run(SecurityContext.system(), tx -> LedgerQueries.usersWithDueCredits(tx, now, EXPIRY_BATCH));
            if (due.isEmpty()) {
                return new ExpiryRun(users, tokens, closed);
            }
            for (UUID userId : due) {
                int[] outcome = context.transactions().run(SecurityContext.system(), tx -> expireUser(tx, userId, now));
                users += outcome[0] > 0 ? 1 : 0;
                tokens += outcome[0];
                closed += outcome[1];
            }
        }
    }

    /**
     * One page of a user's ledger, newest first, filtered by type and time.
     *
     * @param userId the user
     * @param filter which entries
     * @param page which page
     * @return one page of entries
     * @throws ValidationException naming {@code page.cursor} for a cursor this library did not issue, or {@code filter.from}
     *                             or {@code filter.until} outside the years 1 to 9999
     */
    public Page<LedgerEntry> statement(UUID userId, StatementFilter filter, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("filter", filter);
        Checks.required("page", page);
        Checks.instant("filter.from", filter.from());
        Checks.instant("filter.until", filter.until());
        Cursors.Position after = page.cursor() == null ? null : Cursors.decode("page.cursor", page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            List<TokenTransactionsRecord> rows = LedgerQueries.statement(tx, userId, filter, after, page.size());
            List<LedgerEntry> entries = rows.stream().limit(page.size()).map(row -> toEntry(row, false)).toList();
            String next = rows.size() > page.size()
                    ? Cursors.encode(entries.get(entries.size() - 1).createdAt(), entries.get(entries.size() - 1).id())
                    : null;
            return new Page<>(entries, next);
        });
    }

    /**
     * How the user's balance row compares with their ledger.
     *
     * @param userId the user
     * @return the comparison
     * @throws NotFoundException if the user has no balance
     */
    public Reconciliation reconcile(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.system(), tx -> queries.reconcile(tx, userId, false).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("token balance", userId)));
    }

    /** {@return every user whose balance row disagrees with their ledger}; empty when all is well. One set-based query. */
    public List<Reconciliation> reconcileAll() {
        return context.transactions().run(SecurityContext.system(), tx -> queries.reconcile(tx, null, true));
    }

    /**
     * Creates a redemption code. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param code the code's text, limit and expiry
     * @return the code, active
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     * @throws ConflictException         on {@code code} if it exists (in any letter case)
     * @throws ValidationException       naming the field
     */
    public RedemptionCode createCode(UUID adminId, NewRedemptionCode code) {
        Checks.required("adminId", adminId);
        Checks.required("code", code);
        String normalized = normalizeCode(code.code());
        Checks.between("tokenAmount", code.tokenAmount(), 1, MAX_TOKENS);
        Checks.between("maxRedemptions", code.maxRedemptions(), 1, MAX_TOKENS);
        OffsetDateTime now = context.now();
        Checks.instant("expiresAt", code.expiresAt());
        if (code.expiresAt() != null && !code.expiresAt().isAfter(now.toInstant())) {
            throw new ValidationException("expiresAt", "must be in the future, was " + code.expiresAt());
        }
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, "create redemption codes");
            TokenRedemptionCodesRecord created = LedgerQueries.insertCode(tx, context.newId(), normalized, code.tokenAmount(),
                    code.maxRedemptions(), code.expiresAt() == null ? null : OffsetDateTime.ofInstant(code.expiresAt(), java.time.ZoneOffset.UTC),
                    adminId, now);
            return toCode(created);
        });
    }

    /**
     * Deactivates a code: no more redemptions. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param codeId the code
     * @return the code, inactive
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     * @throws NotFoundException         if there is no such code
     */
    public RedemptionCode deactivateCode(UUID adminId, UUID codeId) {
        Checks.required("adminId", adminId);
        Checks.required("codeId", codeId);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, "deactivate redemption codes");
            return LedgerQueries.deactivateCode(tx, codeId)
                    .map(TokenLedger::toCode)
                    .orElseThrow(() -> new NotFoundException("redemption code", codeId));
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private LedgerQueries.Movement movement(UUID userId, TransactionType type, int amount, String description, String metadata,
                                            UUID referenceId, String key) {
        return new LedgerQueries.Movement(userId, type, amount, description, metadata, referenceId, context.newId(), context.now(), key);
    }

    /** The owner learns of a purchase, bonus, redeemed code or expiry in the same transaction ({@code token_update}). */
    private void notifyTokens(DSLContext tx, LedgerEntry entry, String title) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("transaction_id", entry.id().toString());
        metadata.put("transaction_type", entry.type().name().toLowerCase(java.util.Locale.ROOT));
        metadata.put("amount", entry.amount());
        metadata.put("balance_after", entry.balanceAfter());
        org.agenticdeals.internal.NotificationRouting.notify(tx, context.config().schema(), entry.userId(), "token_update", title,
                title + ". Your balance is " + entry.balanceAfter() + " tokens.", Json.write(metadata), null, entry.createdAt()
                        .atOffset(java.time.ZoneOffset.UTC));
    }

    /** Applies a movement with its idempotency key; replays the original when the key exists. */
    private LedgerEntry apply(DSLContext tx, ContextStatement contextStatement, LedgerQueries.Movement movement) {
        LedgerQueries.MoveResult result = queries.move(tx, contextStatement, movement);
        return switch (result.outcome()) {
            case APPLIED -> entry(movement, result.balanceAfter());
            case KEY_EXISTS -> replay(tx, movement.idempotencyKey(), movement.userId(), movement.type(), movement.amount());
            case REFUSED -> throw refusal(tx, movement);
        };
    }

    /** Applies a movement whose key was claimed already. */
    private LedgerEntry applyClaimed(DSLContext tx, LedgerQueries.Movement movement) {
        LedgerQueries.MoveResult result = queries.moveClaimed(tx, movement);
        if (result.outcome() != LedgerQueries.Outcome.APPLIED) {
            throw refusal(tx, movement);
        }
        return entry(movement, result.balanceAfter());
    }

    /** A bonus or code credit: a promotional credit that expires unless spent. */
    private LedgerEntry grantPromotional(DSLContext tx, ContextStatement contextStatement, LedgerQueries.Movement movement) {
        LedgerEntry entry = apply(tx, contextStatement, movement);
        if (!entry.replayed()) {
            LedgerQueries.recordExpiringCredit(tx, movement.userId(), movement.transactionId(), movement.type(), movement.amount(),
                    movement.createdAt(), movement.createdAt().plus(context.config().promotionalCreditLifetime()));
            notifyTokens(tx, entry, "You received " + entry.amount() + " bonus tokens (" + movement.description() + ")");
        }
        return entry;
    }

    private RuntimeException refusal(DSLContext tx, LedgerQueries.Movement movement) {
        Optional<UserTokenBalancesRecord> balance = LedgerQueries.balance(tx, movement.userId());
        if (balance.isEmpty()) {
            return new NotFoundException("token balance", movement.userId());
        }
        return new InsufficientTokensException(movement.userId(), balance.get().getBalance(), -movement.amount());
    }

    /** The original entry of a repeated key; a key used for something else is a conflict. */
    private static LedgerEntry replay(DSLContext tx, String key, UUID userId, TransactionType type, Integer amount) {
        TokenTransactionsRecord original = LedgerQueries.byKey(tx, key)
                .orElseThrow(() -> new ConflictException("idempotencyKey", "idempotencyKey is in use by another user's operation"));
        if (!original.getUserId().equals(userId) || !original.getTransactionType().name().equals(type.name())
                || amount != null && original.getAmount() != amount.intValue()) {
            throw new ConflictException("idempotencyKey", "idempotencyKey was used for a different operation");
        }
        return toEntry(original, true);
    }

    private static LedgerEntry entry(LedgerQueries.Movement movement, int balanceAfter) {
        return new LedgerEntry(movement.transactionId(), movement.userId(), movement.type(), movement.amount(), balanceAfter,
                movement.description(), movement.referenceId(), movement.createdAt().toInstant(), false);
    }

    /** Expires one user's lapsed credits; returns {tokens expired, credits closed}. */
    private int[] expireUser(DSLContext tx, UUID userId, OffsetDateTime now) {
        boolean hasBalance = !LedgerQueries.lockBalances(tx, List.of(userId)).isEmpty();
        List<TokenExpiringCreditsRecord> due = LedgerQueries.dueCredits(tx, userId, now);
        if (due.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<UUID, Integer> remaining = FifoReplay.remaining(LedgerQueries.ledger(tx, userId).stream().map(TokenLedger::replayEntry).toList());
        int balance = hasBalance ? LedgerQueries.balance(tx, userId).orElseThrow().getBalance() : 0;
        var taken = new LinkedHashMap<UUID, Integer>();
        int total = 0;
        for (TokenExpiringCreditsRecord credit : due) {
            int left = Math.min(remaining.getOrDefault(credit.getTransactionId(), 0), Math.max(0, balance - total));
            taken.put(credit.getTransactionId(), left);
            total += left;
        }
        if (total > 0) {
            var credits = new LinkedHashMap<String, Integer>();
            taken.forEach((credit, amount) -> credits.put(credit.toString(), amount));
            LedgerEntry entry = applyClaimed(tx, new LedgerQueries.Movement(userId, TransactionType.EXPIRATION, -total,
                    "Unspent promotional tokens expired", Json.write(Map.of("credits", credits)), null, context.newId(), now, null));
            notifyTokens(tx, entry, total + " unspent promotional tokens expired");
        }
        taken.forEach((credit, amount) -> LedgerQueries.closeCredit(tx, credit, now, amount));
        return new int[] {total, due.size()};
    }

    private static FifoReplay.Entry replayEntry(TokenTransactionsRecord row) {
        TransactionType type = TransactionType.valueOf(row.getTransactionType().name());
        Map<UUID, Integer> expired = null;
        if (type == TransactionType.EXPIRATION && row.getMetadata() != null) {
            expired = new LinkedHashMap<>();
            try {
                var credits = Json.MAPPER.readTree(row.getMetadata().data()).path("credits");
                for (var field : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) credits::fields) {
                    expired.put(UUID.fromString(field.getKey()), field.getValue().asInt());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                throw new IllegalStateException("an expiration's metadata is not the expected JSON", malformed);
            }
        }
        return new FifoReplay.Entry(row.getId(), type, row.getAmount(), expired);
    }


    private static RedemptionRefusedException.Reason whyRefused(DSLContext tx, String code, OffsetDateTime now) {
        return LedgerQueries.code(tx, code).map(found -> {
            if (!found.getIsActive()) {
                return RedemptionRefusedException.Reason.INACTIVE;
            }
            if (found.getExpiresAt() != null && !found.getExpiresAt().isAfter(now)) {
                return RedemptionRefusedException.Reason.EXPIRED;
            }
            return RedemptionRefusedException.Reason.EXHAUSTED;
        }).orElse(RedemptionRefusedException.Reason.NOT_FOUND);
    }

    static LedgerEntry toEntry(TokenTransactionsRecord row, boolean replayed) {
        return new LedgerEntry(row.getId(), row.getUserId(), TransactionType.valueOf(row.getTransactionType().name()), row.getAmount(),
                row.getBalanceAfter(), row.getDescription(), row.getReferenceId(), row.getCreatedAt().toInstant(), replayed);
    }

    private static RedemptionCode toCode(TokenRedemptionCodesRecord row) {
        return new RedemptionCode(row.getId(), row.getCode(), row.getTokenAmount(), row.getMaxRedemptions(), row.getRedemptionsCount(),
                row.getExpiresAt() == null ? null : row.getExpiresAt().toInstant(), row.getIsActive());
    }

    private static String normalizeCode(String code) {
        String normalized = Checks.text("code", code, 50).toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalized).matches()) {
            throw new ValidationException("code", "must be 4 to 50 letters, digits and inner dashes, was '" + Checks.shown(normalized) + "'");
        }
        return normalized;
    }

    private static String key(String field, String value) {
        String key = Checks.text(field, value, MAX_KEY_LENGTH);
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException(field, "must not contain whitespace");
        }
        return key;
    }

}
