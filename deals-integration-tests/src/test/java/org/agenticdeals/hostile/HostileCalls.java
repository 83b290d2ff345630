package org.agenticdeals.hostile;

import static org.agenticdeals.hostile.Expected.ACCEPTED;
import static org.agenticdeals.hostile.Expected.DENIED;
import static org.agenticdeals.hostile.Expected.EMPTY;
import static org.agenticdeals.hostile.Expected.INVALID;
import static org.agenticdeals.hostile.Expected.ITEM_REFUSED;
import static org.agenticdeals.hostile.Expected.NOT_FOUND;
import static org.agenticdeals.hostile.Rule.always;
import static org.agenticdeals.hostile.Rule.between;
import static org.agenticdeals.hostile.Rule.decimal;
import static org.agenticdeals.hostile.Rule.id;
import static org.agenticdeals.hostile.Rule.ignored;
import static org.agenticdeals.hostile.Rule.instant;
import static org.agenticdeals.hostile.Rule.jsonObject;
import static org.agenticdeals.hostile.Rule.key;
import static org.agenticdeals.hostile.Rule.optionalId;
import static org.agenticdeals.hostile.Rule.optionalPattern;
import static org.agenticdeals.hostile.Rule.optionalText;
import static org.agenticdeals.hostile.Rule.pattern;
import static org.agenticdeals.hostile.Rule.refusedAs;
import static org.agenticdeals.hostile.Rule.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.agenticdeals.AuthenticationException;
import org.agenticdeals.IllegalTransitionException;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.VerificationException;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.analysis.NewAiModel;
import org.agenticdeals.analysis.NewPromptTemplate;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.catalog.Market;
import org.agenticdeals.catalog.Source;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.hostile.Hostile.Kind;
import org.agenticdeals.interactions.InteractionType;
import org.agenticdeals.ledger.NewRedemptionCode;
import org.agenticdeals.ledger.StatementFilter;
import org.agenticdeals.preferences.NotificationSettings;
import org.agenticdeals.preferences.UserPreferences;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.ShareChannel;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.users.Registration;
import org.agenticdeals.users.Role;
import org.agenticdeals.users.UserFilter;

/**
 * The hostile-input table: for every public method of every facade reachable from {@code Deals}, a valid call and the
 * decision, per argument and per field, of what each kind of hostile value must lead to. {@code HostileInputTest} fails
 * when a public method, an argument or a field of an argument record has no entry here.
 */
final class HostileCalls {

    /** Rules of the fields of argument records, by record type and component name ({@code keywords[]}: an element). */
    static final Map<Class<?>, Map<String, Rule>> RECORD_RULES = new LinkedHashMap<>();

    /** A keyword: searchable words only ("'; drop table deals; --" has three; "%_\" and an RTL mark none). */
    private static final Rule KEYWORD = hostile -> hostile.kind() == Kind.SQL ? ACCEPTED : INVALID;
    /** A new password: the only hostile value the policy lets through is the long SQL one. */
    private static final Rule NEW_PASSWORD = KEYWORD;
    /** A money amount: at least a cent, two decimals, NUMERIC(10, 2). */
    private static final String MAX_MONEY = "99999999.99";

    static {
        RECORD_RULES.put(Registration.class, Map.of("email", pattern(), "password", NEW_PASSWORD, "name", optionalText()));
        RECORD_RULES.put(UserFilter.class, Map.of("role", ignored(), "active", ignored(), "verified", ignored()));
        RECORD_RULES.put(PageRequest.class, Map.of("cursor", Rule.pageCursor(), "size", between(1, PageRequest.MAX_SIZE)));
        RECORD_RULES.put(StatementFilter.class, Map.of("types", ignored(), "from", instant(ACCEPTED, ACCEPTED), "until", instant(ACCEPTED, ACCEPTED)));
        RECORD_RULES.put(NewRedemptionCode.class, Map.of("code", pattern(), "tokenAmount", between(1, 1_000_000),
                "maxRedemptions", between(1, 1_000_000), "expiresAt", instant(ACCEPTED, INVALID)));
        var query = new LinkedHashMap<String, Rule>();
        query.put("text", optionalText());
        query.put("marketIds", hostile -> hostile.kind() == Kind.OVERSIZED ? INVALID : ACCEPTED);
        query.put("marketIds[]", always(EMPTY));
        query.put("categoryId", optionalId(EMPTY));
        query.put("minPrice", decimal("0", MAX_MONEY, 2, ACCEPTED));
        query.put("maxPrice", decimal("0", MAX_MONEY, 2, ACCEPTED));
        query.put("minDiscount", decimal("0", "100", 2, ACCEPTED));
        query.put("minReliability", decimal("0", "1", 2, ACCEPTED));
        query.put("sort", ignored());
        RECORD_RULES.put(DealQuery.class, query);
        var item = new LinkedHashMap<String, Rule>();
        item.put("title", item(text()));
        item.put("description", item(optionalText()));
        item.put("url", item(pattern()));
        item.put("imageUrl", item(optionalPattern()));
        item.put("originalPrice", item(decimal("80", MAX_MONEY, 2, INVALID)));
        item.put("currentPrice", item(decimal("0.01", "100", 2, INVALID)));
        item.put("marketId", item(id(INVALID)));
        item.put("categoryId", item(optionalId(INVALID)));
        item.put("expiresAt", item(instant(ACCEPTED, ACCEPTED)));
        RECORD_RULES.put(DealInput.class, item);
        RECORD_RULES.put(NewGoal.class, Map.of("title", text(), "description", optionalText(), "parameters", always(INVALID),
                "priority", between(1, 10), "targetDate", instant(ACCEPTED, INVALID)));
        var parameters = new LinkedHashMap<String, Rule>();
        for (String keywords : List.of("keywords", "anyKeywords", "excludedKeywords")) {
            parameters.put(keywords, hostile -> hostile.kind() == Kind.OVERSIZED ? INVALID : ACCEPTED);
            parameters.put(keywords + "[]", KEYWORD);
        }
        for (String ids : List.of("categories", "markets")) {
            parameters.put(ids, hostile -> hostile.kind() == Kind.OVERSIZED ? INVALID : ACCEPTED);
            parameters.put(ids + "[]", always(INVALID));
        }
        parameters.put("maxPrice", decimal("0.01", MAX_MONEY, 2, ACCEPTED));
        parameters.put("minDiscount", decimal("0", "100", 2, ACCEPTED));
        parameters.put("minSourceReliability", decimal("0", "1", 2, ACCEPTED));
        parameters.put("maxMatches", between(1, 1_000, ACCEPTED));
        parameters.put("alertThreshold", decimal("0", "100", 2, ACCEPTED));
        RECORD_RULES.put(GoalParameters.class, parameters);
        var goal = new LinkedHashMap<String, Rule>();
        goal.put("title", text());
        goal.put("description", optionalText());
        goal.put("parameters", always(INVALID));
        goal.put("priority", between(1, 10));
        goal.put("targetDate", instant(ACCEPTED, INVALID));
        for (String unchangeable : List.of("id", "userId", "status", "completionDate", "progress", "createdAt", "updatedAt")) {
            goal.put(unchangeable, ignored());
        }
        RECORD_RULES.put(Goal.class, goal);
        RECORD_RULES.put(NewShare.class, Map.of("dealId", id(NOT_FOUND), "channel", always(INVALID), "message", optionalText(),
                "expiresAt", instant(ACCEPTED, INVALID)));
        RECORD_RULES.put(ShareChannel.Email.class, Map.of("recipients", always(INVALID), "recipients[]", pattern()));
        RECORD_RULES.put(ShareChannel.Social.class, Map.of("platform", pattern()));
        RECORD_RULES.put(NewAiModel.class, Map.of("name", text(), "provider", text(), "version", text(),
                "tokenCostPer1k", decimal("0", "9999.999999", 6, INVALID), "maxTokens", between(1, 10_000_000), "capabilities", always(INVALID),
                "capabilities[]", pattern()));
        RECORD_RULES.put(NewPromptTemplate.class, Map.of("name", text(), "version", pattern(), "usageType", pattern(), "text", text(),
                "description", optionalText(), "activate", ignored()));
        RECORD_RULES.put(AnalysisSubject.Deal.class, Map.of("dealId", id(NOT_FOUND)));
        RECORD_RULES.put(AnalysisSubject.Url.class, Map.of("url", pattern()));
        RECORD_RULES.put(AnalysisSubject.Product.class, Map.of("name", text()));
        var task = new LinkedHashMap<String, Rule>();
        task.put("requestId", id(NOT_FOUND));
        task.put("workerId", hostile -> Rule.NO_TEXT.contains(hostile.kind()) || Rule.BROKEN_TEXT.contains(hostile.kind()) ? INVALID
                : Expected.refused(IllegalTransitionException.class));
        task.put("attempt", always(Expected.refused(IllegalTransitionException.class)));
        for (String unread : List.of("userId", "subject", "usageType", "prompt", "model", "tokensCharged", "claimedAt")) {
            task.put(unread, ignored());
        }
        RECORD_RULES.put(AnalysisTask.class, task);
        RECORD_RULES.put(IngestionResult.PriceDrop.class, Map.of("dealId", id(ACCEPTED), "oldPrice", decimal("80.01", MAX_MONEY, 2, INVALID),
                "newPrice", decimal("0.01", "99.99", 2, INVALID)));
        var preferences = new LinkedHashMap<String, Rule>();
        preferences.put("userId", ignored());
        preferences.put("theme", always(INVALID));
        for (String ids : List.of("dealCategories", "preferredMarkets")) {
            preferences.put(ids, hostile -> hostile.kind() == Kind.OVERSIZED ? INVALID : ACCEPTED);
            preferences.put(ids + "[]", always(INVALID));
        }
        preferences.put("minDiscountPercentage", between(0, 100, ACCEPTED));
        preferences.put("maxPrice", decimal("0", MAX_MONEY, 2, ACCEPTED));
        preferences.put("updatedAt", ignored());
        RECORD_RULES.put(UserPreferences.class, preferences);
        var settings = new LinkedHashMap<String, Rule>();
        for (String component : List.of("userId", "quietHoursStart", "quietHoursEnd", "timeZone", "updatedAt")) {
            settings.put(component, ignored());
        }
        RECORD_RULES.put(NotificationSettings.class, settings);
        RECORD_RULES.put(Market.class, Map.of("id", ignored(), "name", text(), "url", optionalPattern(), "logoUrl", optionalPattern(),
                "status", always(INVALID)));
        RECORD_RULES.put(Source.class, Map.of("id", ignored(), "name", text(), "type", always(INVALID), "configuration", jsonObject(true),
                "reliability", decimal("0", "1", 2, INVALID), "status", always(INVALID)));
    }

    private HostileCalls() {
    }

    /** Every entry, by signature ({@code Facade.method(ParameterType,...)}). */
    static Map<String, HostileCall> all() {
        var calls = new LinkedHashMap<String, HostileCall>();
        for (HostileCall call : entries()) {
            if (calls.put(call.signature, call) != null) {
                throw new IllegalStateException("two entries for " + call.signature);
            }
        }
        return calls;
    }

    private static List<HostileCall> entries() {
        var calls = new ArrayList<HostileCall>();
        // ---------------------------------------------------------------------------------------------- users
        calls.add(on("Users.register(Registration)", w -> args(new Registration(unique("user") + "@example.com", "A long passphrase 42", "Hostile")))
                .rule("registration", always(INVALID)));
        calls.add(on("Users.verifyEmail(String)", w -> args(w.deals.users().register(
                new Registration(unique("verify") + "@example.com", "A long passphrase 42", null)).verificationToken()))
                .rule("token", always(Expected.refused(VerificationException.class))));
        calls.add(on("Users.requestVerificationToken(UUID)", w -> args(w.seed.user("judy@example.com").id()))
                .rule("userId", id(NOT_FOUND)));
        calls.add(on("Users.authenticate(String,String)", w -> args("alice@example.com", SeedData.PASSWORD))
                .rule("email", always(Expected.refused(AuthenticationException.class)))
                .rule("password", always(Expected.refused(AuthenticationException.class))));
        calls.add(on("Users.changePassword(UUID,String,String)", w -> args(w.database.fixtures().user().email(unique("change") + "@example.com")
                .password("An old passphrase 42").create().getId(), "An old passphrase 42", "A new passphrase 42"))
                .rule("userId", id(NOT_FOUND))
                .rule("currentPassword", always(Expected.refused(AuthenticationException.class)))
                .rule("newPassword", NEW_PASSWORD));
        calls.add(on("Users.deactivate(UUID,UUID)", w -> args(w.admin(), w.bystander()))
                .rule("actorId", id(DENIED)).rule("userId", id(NOT_FOUND)));
        calls.add(on("Users.reactivate(UUID,UUID)", w -> args(w.admin(), w.bystander()))
                .rule("adminId", id(DENIED)).rule("userId", id(NOT_FOUND)));
        calls.add(on("Users.changeRole(UUID,UUID,Role)", w -> args(w.admin(), w.bystander(), Role.MODERATOR))
                .rule("adminId", id(DENIED)).rule("userId", id(NOT_FOUND)).rule("role", always(INVALID)));
        calls.add(on("Users.findById(UUID)", w -> args(w.user())).rule("userId", id(EMPTY)));
        calls.add(on("Users.findByEmail(String)", w -> args("alice@example.com")).rule("email", pattern()));
        calls.add(on("Users.list(UUID,UserFilter,PageRequest)", w -> args(w.admin(), UserFilter.all(), PageRequest.first(5)))
                .rule("adminId", id(DENIED)).rule("filter", always(INVALID)).rule("page", always(INVALID)));
        // ---------------------------------------------------------------------------------------- preferences
        calls.add(on("Preferences.get(UUID)", w -> args(w.user())).rule("userId", id(NOT_FOUND)));
        calls.add(on("Preferences.update(UUID,UnaryOperator)", w -> args(w.user(), (UnaryOperator<UserPreferences>) current -> current))
                .rule("userId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "preferences"));
        calls.add(on("Preferences.notificationSettings(UUID)", w -> args(w.user())).rule("userId", id(NOT_FOUND)));
        calls.add(on("Preferences.updateNotificationSettings(UUID,UnaryOperator)",
                w -> args(w.user(), (UnaryOperator<NotificationSettings>) current -> current))
                .rule("userId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "notificationSettings"));
        calls.add(on("Preferences.isQuietAt(UUID,Instant)", w -> args(w.user(), Instant.now()))
                .rule("userId", id(NOT_FOUND)).rule("instant", instant(INVALID, ACCEPTED)));
        // --------------------------------------------------------------------------------------------- ledger
        calls.add(on("TokenLedger.balance(UUID)", w -> args(w.user())).rule("userId", id(NOT_FOUND)));
        calls.add(on("TokenLedger.purchase(UUID,UUID,String)", w -> args(w.user(), w.tokenPackage(), unique("pay")))
                .rule("userId", id(NOT_FOUND)).rule("packageId", id(NOT_FOUND)).rule("paymentReference", key()));
        calls.add(on("TokenLedger.redeem(UUID,String,String)", w -> args(w.user(), w.deals.ledger().createCode(w.admin(),
                new NewRedemptionCode(unique("CODE").toUpperCase(java.util.Locale.ROOT), 5, 10, null)).code(), unique("redeem")))
                .rule("userId", id(NOT_FOUND)).rule("code", pattern()).rule("idempotencyKey", key()));
        calls.add(on("TokenLedger.grantSignupBonus(UUID)", w -> args(w.user())).rule("userId", id(NOT_FOUND)));
        calls.add(on("TokenLedger.grantReferralBonus(UUID,UUID)", w -> args(w.user(), w.otherUser()))
                .rule("referrerId", id(NOT_FOUND)).rule("refereeId", id(NOT_FOUND)));
        calls.add(on("TokenLedger.chargeAiUsage(UUID,int,UUID)", w -> args(w.user(), 1, UUID.randomUUID()))
                .rule("userId", id(NOT_FOUND)).rule("tokens", between(1, 1_000_000)).rule("requestId", id(ACCEPTED)));
        calls.add(on("TokenLedger.refund(UUID,int,String)", w -> args(w.charge(), 1, unique("refund")))
                .rule("originalTransactionId", id(NOT_FOUND)).rule("tokens", between(1, 1_000_000)).rule("idempotencyKey", key()));
        calls.add(on("TokenLedger.adjust(UUID,UUID,int,String,String)", w -> args(w.admin(), w.user(), 5, "goodwill", unique("adjust")))
                .rule("adminId", id(DENIED)).rule("userId", id(NOT_FOUND))
                .rule("amount", hostile -> hostile.kind() == Kind.NEGATIVE ? ACCEPTED : INVALID)
                .rule("reason", text()).rule("idempotencyKey", key()));
        calls.add(on("TokenLedger.expire()", w -> args()));
        calls.add(on("TokenLedger.statement(UUID,StatementFilter,PageRequest)", w -> args(w.user(), StatementFilter.all(), PageRequest.first(5)))
                .rule("userId", id(EMPTY)).rule("filter", always(INVALID)).rule("page", always(INVALID)));
        calls.add(on("TokenLedger.reconcile(UUID)", w -> args(w.user())).rule("userId", id(NOT_FOUND)));
        calls.add(on("TokenLedger.reconcileAll()", w -> args()));
        calls.add(on("TokenLedger.createCode(UUID,NewRedemptionCode)", w -> args(w.admin(),
                new NewRedemptionCode(unique("CODE").toUpperCase(java.util.Locale.ROOT), 5, 10, null)))
                .rule("adminId", id(DENIED)).rule("code", always(INVALID)));
        calls.add(on("TokenLedger.deactivateCode(UUID,UUID)", w -> args(w.admin(), w.code()))
                .rule("adminId", id(DENIED)).rule("codeId", id(NOT_FOUND)));
        // -------------------------------------------------------------------------------------------- catalog
        calls.add(on("DealCatalog.createMarket(UUID,String,String,String)", w -> args(w.admin(), unique("Market"), "https://market.example.com", null))
                .rule("adminId", id(DENIED)).rule("name", text()).rule("url", optionalPattern()).rule("logoUrl", optionalPattern()));
        calls.add(on("DealCatalog.updateMarket(UUID,UUID,UnaryOperator)", w -> args(w.admin(), w.market(), (UnaryOperator<Market>) current -> current))
                .rule("adminId", id(DENIED)).rule("marketId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "market"));
        calls.add(on("DealCatalog.deactivateMarket(UUID,UUID)", w -> args(w.admin(), w.market()))
                .rule("adminId", id(DENIED)).rule("marketId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.markets()", w -> args()));
        calls.add(on("DealCatalog.createSource(UUID,String,Type,String,BigDecimal)",
                w -> args(w.admin(), unique("Source"), Source.Type.API, "{\"schedule\": \"hourly\"}", new BigDecimal("0.80")))
                .rule("adminId", id(DENIED)).rule("name", text()).rule("type", always(INVALID)).rule("configuration", jsonObject(true))
                .rule("reliability", decimal("0", "1", 2, INVALID)));
        calls.add(on("DealCatalog.updateSource(UUID,UUID,UnaryOperator)", w -> args(w.admin(), w.source(), (UnaryOperator<Source>) current -> current))
                .rule("adminId", id(DENIED)).rule("sourceId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "source"));
        calls.add(on("DealCatalog.deactivateSource(UUID,UUID)", w -> args(w.admin(), w.source()))
                .rule("adminId", id(DENIED)).rule("sourceId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.sources()", w -> args()));
        calls.add(on("DealCatalog.createCategory(UUID,String,UUID)", w -> args(w.admin(), unique("Category"), w.category()))
                .rule("adminId", id(DENIED)).rule("name", text()).rule("parentId", optionalId(NOT_FOUND)));
        calls.add(on("DealCatalog.moveCategory(UUID,UUID,UUID)", w -> args(w.admin(), w.leafCategory(), w.category()))
                .rule("adminId", id(DENIED)).rule("categoryId", id(NOT_FOUND)).rule("parentId", optionalId(NOT_FOUND)));
        calls.add(on("DealCatalog.renameCategory(UUID,UUID,String)", w -> args(w.admin(), w.leafCategory(), unique("Renamed")))
                .rule("adminId", id(DENIED)).rule("categoryId", id(NOT_FOUND)).rule("name", text()));
        calls.add(on("DealCatalog.deactivateCategory(UUID,UUID)", w -> args(w.admin(), w.leafCategory()))
                .rule("adminId", id(DENIED)).rule("categoryId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.categoryPath(UUID)", w -> args(w.leafCategory())).rule("categoryId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.subtree(UUID)", w -> args(w.category())).rule("categoryId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.ingest(UUID,List)", w -> args(w.source(), List.of(World.dealInput(w.market()))))
                .rule("sourceId", id(NOT_FOUND)).rule("batch", hostile -> INVALID));
        calls.add(on("DealCatalog.expireDue()", w -> args()));
        calls.add(on("DealCatalog.remove(UUID,UUID)", w -> args(w.admin(), w.deal()))
                .rule("actorId", id(DENIED)).rule("dealId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.priceHistory(UUID)", w -> args(w.deal())).rule("dealId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.lowestPrice(UUID)", w -> args(w.deal())).rule("dealId", id(NOT_FOUND)));
        calls.add(on("DealCatalog.find(UUID)", w -> args(w.deal())).rule("dealId", id(EMPTY)));
        calls.add(on("DealCatalog.search(DealQuery,PageRequest)", w -> args(DealQuery.all(), PageRequest.first(5)))
                .rule("query", always(INVALID)).rule("page", always(INVALID)));
        calls.add(on("DealCatalog.refreshStatistics()", w -> args()));
        calls.add(on("DealCatalog.statistics()", w -> args()));
        // ----------------------------------------------------------------------------------------- saved deals
        calls.add(on("SavedDeals.save(UUID,UUID,String)", w -> args(w.user(), w.deal(), "a gift"))
                .rule("userId", id(NOT_FOUND)).rule("dealId", id(NOT_FOUND)).rule("notes", optionalText()));
        calls.add(on("SavedDeals.updateNotes(UUID,UUID,String)", w -> args(w.user(), w.savedDeal(), "still a gift"))
                .rule("userId", id(NOT_FOUND)).rule("dealId", id(NOT_FOUND)).rule("notes", optionalText()));
        calls.add(on("SavedDeals.unsave(UUID,UUID)", w -> args(w.user(), w.savedDeal()))
                .rule("userId", id(EMPTY)).rule("dealId", id(EMPTY)));
        calls.add(on("SavedDeals.list(UUID,PageRequest)", w -> args(w.user(), PageRequest.first(5)))
                .rule("userId", id(EMPTY)).rule("page", always(INVALID)));
        // ---------------------------------------------------------------------------------------------- goals
        calls.add(on("Goals.create(UUID,NewGoal)", w -> args(w.user(), NewGoal.of("Quiet flights",
                        GoalParameters.none().withKeywords("headphones").withMaxPrice(new BigDecimal("250")))))
                .rule("userId", id(NOT_FOUND)).rule("goal", always(INVALID)));
        calls.add(on("Goals.get(UUID,UUID)", w -> args(w.user(), w.goal())).rule("userId", id(NOT_FOUND)).rule("goalId", id(NOT_FOUND)));
        calls.add(on("Goals.list(UUID,PageRequest)", w -> args(w.user(), PageRequest.first(5))).rule("userId", id(EMPTY)).rule("page", always(INVALID)));
        calls.add(on("Goals.update(UUID,UUID,UnaryOperator)", w -> args(w.user(), w.goal(), (UnaryOperator<Goal>) current -> current))
                .rule("userId", id(NOT_FOUND)).rule("goalId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "goal"));
        calls.add(goalTransition("pause", w -> freshGoal(w)));
        calls.add(goalTransition("resume", w -> w.deals.goals().pause(w.user(), freshGoal(w)).id()));
        calls.add(goalTransition("complete", HostileCalls::freshGoal));
        calls.add(goalTransition("cancel", HostileCalls::freshGoal));
        calls.add(on("Goals.expireDue()", w -> args()));
        calls.add(on("Goals.matches(UUID,UUID,PageRequest)", w -> args(w.user(), w.goal(), PageRequest.first(5)))
                .rule("userId", id(NOT_FOUND)).rule("goalId", id(NOT_FOUND)).rule("page", always(INVALID)));
        calls.add(on("Goals.matchNewDeals(Collection)", w -> args(List.of(w.deal())))
                .rule("dealIds", hostile -> hostile.kind() == Kind.NULL ? INVALID : ACCEPTED)
                .rule("dealIds[]", hostile -> hostile.kind() == Kind.NULL_ELEMENT ? INVALID : ACCEPTED));
        calls.add(on("Goals.rematch(UUID,UUID)", w -> args(w.user(), w.goal())).rule("userId", id(NOT_FOUND)).rule("goalId", id(NOT_FOUND)));
        // -------------------------------------------------------------------------------------- notifications
        calls.add(on("Notifications.list(UUID,PageRequest)", w -> args(w.user(), PageRequest.first(5)))
                .rule("userId", id(EMPTY)).rule("page", always(INVALID)));
        calls.add(on("Notifications.unreadCount(UUID)", w -> args(w.user())).rule("userId", id(EMPTY)));
        calls.add(on("Notifications.markRead(UUID,UUID)", w -> args(w.user(), w.notification()))
                .rule("userId", id(NOT_FOUND)).rule("notificationId", id(NOT_FOUND)));
        calls.add(on("Notifications.markAllRead(UUID)", w -> args(w.user())).rule("userId", id(EMPTY)));
        calls.add(on("Notifications.purgeRead()", w -> args()));
        calls.add(on("Notifications.pendingDeliveries(Instant,int)", w -> args(Instant.now(), 10))
                .rule("now", instant(INVALID, EMPTY)).rule("limit", between(1, 1_000)));
        calls.add(on("Notifications.markDelivered(UUID)", w -> args(w.notification())).rule("notificationId", id(NOT_FOUND)));
        calls.add(on("Notifications.notifyPriceDrops(List)", w -> args(List.of(new IngestionResult.PriceDrop(w.deal(), new BigDecimal("100.00"),
                        new BigDecimal("80.00")))))
                .rule("drops", hostile -> hostile.kind() == Kind.EMPTY ? ACCEPTED : INVALID));
        calls.add(on("Notifications.sendSystemMessage(UUID,Collection,String,String,String)",
                w -> args(w.admin(), List.of(w.user()), "Maintenance", "Tonight at ten.", "https://status.example.com"))
                .rule("adminId", id(DENIED))
                .rule("userIds", hostile -> hostile.kind() == Kind.NULL ? INVALID : ACCEPTED)
                .rule("userIds[]", hostile -> hostile.kind() == Kind.NULL_ELEMENT ? INVALID : EMPTY)
                .rule("title", text()).rule("content", text()).rule("actionUrl", optionalPattern()));
        // -------------------------------------------------------------------------------------------- sharing
        calls.add(on("Sharing.share(UUID,NewShare)", w -> args(w.user(), NewShare.byLink(w.deal())))
                .rule("userId", id(NOT_FOUND)).rule("share", always(INVALID))
                .samples("share.channel", new ShareChannel.Email(List.of("bob@example.com")), new ShareChannel.Link(),
                        new ShareChannel.Social("mastodon")));
        calls.add(on("Sharing.find(UUID,UUID)", w -> args(w.user(), w.share())).rule("userId", id(EMPTY)).rule("shareId", id(EMPTY)));
        calls.add(on("Sharing.deactivate(UUID,UUID)", w -> args(w.user(), w.share())).rule("userId", id(NOT_FOUND)).rule("shareId", id(NOT_FOUND)));
        calls.add(on("Sharing.list(UUID,PageRequest)", w -> args(w.user(), PageRequest.first(5))).rule("userId", id(EMPTY)).rule("page", always(INVALID)));
        calls.add(on("Sharing.resolve(String)", w -> args(w.shareLink()))
                .rule("publicLinkId", refusedAs(Expected.refused(ShareLinkUnavailableException.class))));
        calls.add(on("Sharing.resolve(String,UUID)", w -> args(w.shareLink(), w.otherUser()))
                .rule("publicLinkId", refusedAs(Expected.refused(ShareLinkUnavailableException.class))).rule("visitorId", optionalId(NOT_FOUND)));
        // --------------------------------------------------------------------------------------- interactions
        calls.add(on("Interactions.record(UUID,UUID,InteractionType,String)", w -> args(w.user(), w.deal(), InteractionType.VIEW, "{\"from\": \"email\"}"))
                .rule("userId", id(NOT_FOUND)).rule("dealId", id(NOT_FOUND)).rule("type", always(INVALID)).rule("metadata", jsonObject(true)));
        calls.add(on("Interactions.counts(UUID,Instant,Instant)", w -> args(w.deal(), Instant.now().minus(Duration.ofDays(1)), Instant.now()))
                .rule("dealId", id(ACCEPTED)).rule("from", instant(INVALID, ACCEPTED)).rule("to", instant(INVALID, INVALID)));
        calls.add(on("Interactions.trending(int)", w -> args(10)).rule("limit", between(1, 100)));
        // ------------------------------------------------------------------------------------------- analysis
        calls.add(on("Analysis.registerModel(UUID,NewAiModel)", w -> args(w.admin(), World.newModel(unique("model"))))
                .rule("adminId", id(DENIED)).rule("model", always(INVALID)));
        calls.add(on("Analysis.updateModel(UUID,UUID,UnaryOperator)", w -> args(w.admin(), w.model(), (UnaryOperator<NewAiModel>) current -> current))
                .rule("adminId", id(DENIED)).rule("modelId", id(NOT_FOUND)).rule("change", always(INVALID)).field("change()", "model"));
        for (String change : List.of("activateModel", "deactivateModel", "markFallback")) {
            calls.add(on("Analysis." + change + "(UUID,UUID)", w -> args(w.admin(), w.model()))
                    .rule("adminId", id(DENIED)).rule("modelId", id(NOT_FOUND)));
        }
        calls.add(on("Analysis.models()", w -> args()));
        calls.add(on("Analysis.select(String)", w -> args("deal_analysis")).rule("capability", pattern()));
        calls.add(on("Analysis.fallbackModel()", w -> args()));
        calls.add(on("Analysis.publishTemplate(UUID,NewPromptTemplate)", w -> args(w.admin(),
                        NewPromptTemplate.of("hostile", unique("v"), "deal_analysis", "Is {{product_name}} worth it?")))
                .rule("adminId", id(DENIED)).rule("template", always(INVALID)));
        calls.add(on("Analysis.activateTemplate(UUID,UUID)", w -> args(w.admin(), w.template()))
                .rule("adminId", id(DENIED)).rule("templateId", id(NOT_FOUND)));
        calls.add(on("Analysis.activeTemplate(String)", w -> args("deal_analysis")).rule("usageType", pattern()));
        calls.add(on("Analysis.templateVersions(String)", w -> args("deal_analysis"))
                .rule("name", hostile -> Rule.NO_TEXT.contains(hostile.kind()) || Rule.BROKEN_TEXT.contains(hostile.kind()) ? INVALID : EMPTY));
        calls.add(request(on("Analysis.request(UUID,AnalysisSubject,String)", w -> args(w.user(), AnalysisSubject.product("Travel headphones"),
                World.USAGE))));
        calls.add(request(on("Analysis.request(UUID,AnalysisSubject,String,String)", w -> args(w.user(), AnalysisSubject.product("Travel headphones"),
                World.USAGE, unique("analysis")))).rule("idempotencyKey", optionalText()));
        calls.add(on("Analysis.find(UUID,UUID)", w -> args(w.user(), w.analysisRequest())).rule("userId", id(EMPTY)).rule("requestId", id(EMPTY)));
        calls.add(on("Analysis.list(UUID,PageRequest)", w -> args(w.user(), PageRequest.first(5))).rule("userId", id(EMPTY)).rule("page", always(INVALID)));
        calls.add(on("Analysis.dealAnalysis(UUID)", w -> args(w.deal())).rule("dealId", id(EMPTY)));
        calls.add(on("Analysis.claimNext(String)", w -> args("worker-1")).rule("workerId", text()));
        calls.add(on("Analysis.complete(AnalysisTask,String,String,int)", w -> args(w.freshTask(), "{\"verdict\": \"buy\"}",
                        w.deals.analysis().select(World.USAGE).name(), 10))
                .rule("task", always(INVALID)).rule("result", jsonObject(false)).rule("modelUsed", pattern())
                .rule("tokensUsed", between(0, 10_000)));
        calls.add(on("Analysis.fail(AnalysisTask,String)", w -> args(w.freshTask(), "the model timed out"))
                .rule("task", always(INVALID)).rule("error", refusedAs(ACCEPTED)));
        calls.add(on("Analysis.reclaimStuck()", w -> args()));
        return calls;
    }

    private static HostileCall goalTransition(String name, Function<World, UUID> goal) {
        return on("Goals." + name + "(UUID,UUID)", w -> args(w.user(), goal.apply(w)))
                .rule("userId", id(NOT_FOUND)).rule("goalId", id(NOT_FOUND));
    }

    private static UUID freshGoal(World world) {
        return world.deals.goals().create(world.user(), NewGoal.of(unique("Goal"), GoalParameters.none().withKeywords("headphones"))).id();
    }

    private static HostileCall request(HostileCall call) {
        return call.rule("userId", id(NOT_FOUND)).rule("subject", always(INVALID)).rule("usageType", pattern())
                .samples("subject", AnalysisSubject.deal(UUID.fromString("00000000-0000-0000-0000-000000000000")),
                        AnalysisSubject.url("https://shop.example.com/item/1"), AnalysisSubject.product("Travel headphones"));
    }

    /** A rule for an ingested item's field: what would be a refusal refuses the item instead, and the batch goes on. */
    private static Rule item(Rule rule) {
        return hostile -> rule.expect(hostile) == INVALID ? ITEM_REFUSED : rule.expect(hostile);
    }

    private static HostileCall on(String signature, Function<World, Object[]> validArguments) {
        return new HostileCall(signature, validArguments);
    }

    private static Object[] args(Object... values) {
        return values;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
