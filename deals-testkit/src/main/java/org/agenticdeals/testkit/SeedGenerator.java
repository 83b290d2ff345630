package org.agenticdeals.testkit;

import static org.agenticdeals.jooq.Tables.AI_ANALYSIS_REQUESTS;
import static org.agenticdeals.jooq.Tables.AI_MODELS;
import static org.agenticdeals.jooq.Tables.AI_PROMPT_TEMPLATES;
import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.GOAL_DEALS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;
import static org.agenticdeals.jooq.Tables.NOTIFICATION_SETTINGS;
import static org.agenticdeals.jooq.Tables.SAVED_DEALS;
import static org.agenticdeals.jooq.Tables.SHARED_DEALS;
import static org.agenticdeals.jooq.Tables.SOCIAL_INTERACTIONS;
import static org.agenticdeals.jooq.Tables.SOURCES;
import static org.agenticdeals.jooq.Tables.TOKEN_PACKAGES;
import static org.agenticdeals.jooq.Tables.TOKEN_REDEMPTION_CODES;
import static org.agenticdeals.jooq.Tables.TOKEN_EXPIRING_CREDITS;
import static org.agenticdeals.jooq.Tables.TOKEN_TRANSACTIONS;
import static org.agenticdeals.jooq.Tables.USERS;
import static org.agenticdeals.jooq.Tables.USER_GOALS;
import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;
import static org.agenticdeals.jooq.Tables.USER_TOKEN_BALANCES;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.agenticdeals.jooq.enums.AnalysisStatus;
import org.agenticdeals.jooq.enums.GoalDealStatus;
import org.agenticdeals.jooq.enums.GoalStatus;
import org.agenticdeals.jooq.enums.InteractionType;
import org.agenticdeals.jooq.enums.MarketStatus;
import org.agenticdeals.jooq.enums.NotificationType;
import org.agenticdeals.jooq.enums.ShareType;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.jooq.enums.TokenTransactionType;
import org.agenticdeals.jooq.enums.UserRole;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Turns a {@link Seed} into rows, deterministically: every id, name, price and timestamp derives from the
 * seed's random seed and the row's own index, never from the clock or the order of generation. Small tables go
 * in through jOOQ batches, deals through {@code COPY}.
 */
final class SeedGenerator {

    private static final int LARGE_USERS = 1_000;
    /** Deals that goals, saves, shares and analyses point at: the first ones, whatever the seed's size. */
    private static final int LINKED_DEALS = 60;
    private static final int COPY_CHUNK_ROWS = 2_000;
    private static final int SEEDED_ANALYSIS_CHARGE = 11;
    /** From this many deals on, indexes and foreign keys are built after the load rather than row by row. */
    static final int BULK_LOAD_DEALS = 50_000;
    /** Creates detached records; the writer's DSLContext executes them. */
    private static final DSLContext RECORDS = DSL.using(SQLDialect.POSTGRES);

    private final Seed seed;
    private final long randomSeed;
    private final List<Catalog.LeafSpec> leaves = Catalog.LEAVES;
    private final Map<String, UUID> categoryIds = new LinkedHashMap<>();
    private final List<SeedData.Market> markets = new ArrayList<>();
    private final List<SeedData.Source> sources = new ArrayList<>();
    private final List<Catalog.SourceSpec> sourceSpecs = Catalog.SOURCES;

    SeedGenerator(Seed seed) {
        this.seed = seed;
        this.randomSeed = seed.randomSeed();
        if (seed.size() != Seed.Size.EMPTY) {
            for (int index = 0; index < Catalog.MARKETS.size(); index++) {
                Catalog.MarketSpec market = Catalog.MARKETS.get(index);
                markets.add(new SeedData.Market(Ids.uuid(randomSeed, "market", index), market.name(),
                        MarketStatus.lookupLiteral(market.status())));
            }
            for (int index = 0; index < sourceSpecs.size(); index++) {
                Catalog.SourceSpec source = sourceSpecs.get(index);
                sources.add(new SeedData.Source(Ids.uuid(randomSeed, "source", index), source.name(),
                        SourceType.lookupLiteral(source.type()), new BigDecimal(source.reliability()),
                        SourceStatus.lookupLiteral(source.status())));
            }
            for (Catalog.LeafSpec leaf : leaves) {
                String path = "";
                for (String name : leaf.path().split("/")) {
                    path = path.isEmpty() ? name : path + "/" + name;
                    categoryIds.computeIfAbsent(path, key -> Ids.uuid(randomSeed, "category", categoryIds.size()));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the seed contains
    // ---------------------------------------------------------------------------------------------------------

    /** Everything but the deals, as records, plus the handles tests get. */
    private final class Plan {
        final List<TableRecord<?>> rows = new ArrayList<>();
        final List<SeedData.User> users = new ArrayList<>();
        final List<SeedData.Category> categories = new ArrayList<>();
        final List<SeedData.TokenPackage> packages = new ArrayList<>();
        final List<SeedData.RedemptionCode> codes = new ArrayList<>();
        final List<SeedData.AiModel> models = new ArrayList<>();
        final List<SeedData.PromptTemplate> templates = new ArrayList<>();
        final List<SeedData.Goal> goals = new ArrayList<>();
        final List<SeedData.Balance> balances = new ArrayList<>();

        SeedData seedData() {
            return new SeedData(seed, users, markets, categories, sources, packages, codes, models, templates, goals, balances);
        }
    }

    SeedData data() {
        return plan().seedData();
    }

    private Plan plan() {
        var plan = new Plan();
        if (seed.size() == Seed.Size.EMPTY) {
            return plan;
        }
        planCatalog(plan);
        planTokenProducts(plan);
        planAi(plan);
        planUsers(plan);
        planActivity(plan);
        return plan;
    }

    private void planCatalog(Plan plan) {
        for (int index = 0; index < Catalog.MARKETS.size(); index++) {
            Catalog.MarketSpec spec = Catalog.MARKETS.get(index);
            SeedData.Market market = markets.get(index);
            plan.rows.add(RECORDS.newRecord(MARKETS)
                    .setId(market.id()).setName(market.name()).setUrl("https://www." + spec.domain())
                    .setLogoUrl("https://logos.example.com/" + spec.domain() + ".svg").setStatus(market.status())
                    .setCreatedAt(at(-700 + index)).setUpdatedAt(at(-700 + index)));
        }
        categoryIds.forEach((path, id) -> {
            int slash = path.lastIndexOf('/');
            UUID parent = slash < 0 ? null : categoryIds.get(path.substring(0, slash));
            plan.categories.add(new SeedData.Category(id, path, parent));
            plan.rows.add(RECORDS.newRecord(CATEGORIES)
                    .setId(id).setName(path.substring(slash + 1)).setParentId(parent)
                    .setCreatedAt(at(-690)).setUpdatedAt(at(-690)));
        });
        for (int index = 0; index < sources.size(); index++) {
            SeedData.Source source = sources.get(index);
            String market = sourceSpecs.get(index).market();
            JSONB configuration = JSONB.valueOf(market == null
                    ? "{\"schedule\": \"*/15 * * * *\", \"markets\": \"any\"}"
                    : "{\"schedule\": \"*/5 * * * *\", \"market\": \"" + market + "\", \"page_size\": 100}");
            plan.rows.add(RECORDS.newRecord(SOURCES)
                    .setId(source.id()).setName(source.name()).setType(source.type()).setConfiguration(configuration)
                    .setStatus(source.status()).setReliabilityScore(source.reliabilityScore())
                    .setCreatedAt(at(-680 + index)).setUpdatedAt(at(-680 + index)));
        }
    }

    private void planTokenProducts(Plan plan) {
        Object[][] packages = {
                {"Starter", 100, "4.99", 0, true, "A first taste: about ten deal analyses."},
                {"Standard", 500, "19.99", 10, true, "The most popular package."},
                {"Pro", 2000, "69.99", 20, true, "For power users and small teams."},
                {"Launch Special", 300, "9.99", 0, false, "Retired launch offer."}};
        for (int index = 0; index < packages.length; index++) {
            Object[] row = packages[index];
            var tokenPackage = new SeedData.TokenPackage(Ids.uuid(randomSeed, "package", index), (String) row[0], (int) row[1],
                    new BigDecimal((String) row[2]), (int) row[3], (boolean) row[4]);
            plan.packages.add(tokenPackage);
            plan.rows.add(RECORDS.newRecord(TOKEN_PACKAGES)
                    .setId(tokenPackage.id()).setName(tokenPackage.name()).setTokenAmount(tokenPackage.tokenAmount())
                    .setPriceUsd(tokenPackage.priceUsd()).setDiscountPercentage(tokenPackage.discountPercentage())
                    .setIsActive(tokenPackage.active()).setDescription((String) row[5])
                    .setCreatedAt(at(-600)).setUpdatedAt(at(-600)));
        }
        Object[][] codes = {
                {"WELCOME50", 50, 1000, 0, SeedData.CodeState.ACTIVE},
                {"SPRING25", 25, 100, 12, SeedData.CodeState.EXPIRED},
                {"LAUNCH10", 10, 5, 5, SeedData.CodeState.EXHAUSTED},
                {"RETIRED5", 5, 100, 0, SeedData.CodeState.INACTIVE}};
        for (int index = 0; index < codes.length; index++) {
            Object[] row = codes[index];
            SeedData.CodeState state = (SeedData.CodeState) row[4];
            var code = new SeedData.RedemptionCode(Ids.uuid(randomSeed, "code", index), (String) row[0], (int) row[1],
                    (int) row[2], (int) row[3], state);
            plan.codes.add(code);
            plan.rows.add(RECORDS.newRecord(TOKEN_REDEMPTION_CODES)
                    .setId(code.id()).setCode(code.code()).setTokenAmount(code.tokenAmount())
                    .setMaxRedemptions(code.maxRedemptions()).setRedemptionsCount(code.redemptionsCount())
                    .setExpiresAt(state == SeedData.CodeState.EXPIRED ? at(-30) : at(1500))
                    .setIsActive(state != SeedData.CodeState.INACTIVE)
                    .setCreatedAt(at(-300 + index)));
        }
    }

    private void planAi(Plan plan) {
        Object[][] models = {
                // Costs are in the library's tokens per 1,000 model tokens; max_tokens is one request's budget (docs/analysis.md).
                {"gpt-4o", "openai", "2024-08-06", true, false, "2.500000", 4096, "[\"deal_analysis\", \"price_prediction\", \"goal_suggestion\"]"},
                {"claude-sonnet-4", "anthropic", "2025-05-14", true, false, "3.000000", 4096, "[\"deal_analysis\", \"goal_suggestion\"]"},
                {"deal-analyst-mini", "local", "1.2.0", true, true, "0.200000", 2048, "[\"deal_analysis\", \"price_prediction\"]"},
                {"text-davinci-003", "openai", "legacy", false, false, "20.000000", 2048, "[\"deal_analysis\"]"}};
        for (int index = 0; index < models.length; index++) {
            Object[] row = models[index];
            var model = new SeedData.AiModel(Ids.uuid(randomSeed, "model", index), (String) row[0], (String) row[1],
                    (boolean) row[3], (boolean) row[4]);
            plan.models.add(model);
            plan.rows.add(RECORDS.newRecord(AI_MODELS)
                    .setId(model.id()).setName(model.name()).setProvider(model.provider()).setVersion((String) row[2])
                    .setIsActive(model.active()).setIsFallback(model.fallback()).setTokenCostPer_1k(new BigDecimal((String) row[5]))
                    .setMaxTokens((int) row[6]).setCapabilities(JSONB.valueOf((String) row[7]))
                    .setCreatedAt(at(-500)).setUpdatedAt(at(-500)));
        }
        Object[][] templates = {
                {"deal_analysis", "1", "deal_analysis", false,
                        "Is {{deal_title}} at {{current_price}} a good deal?"},
                {"deal_analysis", "2", "deal_analysis", true,
                        "Analyse the deal \"{{deal_title}}\" from {{market}}: now {{current_price}}, was {{original_price}}."
                                + " Consider the price history {{price_history}} and the source's reliability {{reliability}}."
                                + " Answer with a verdict (buy, wait or skip), a confidence from 0 to 1 and three reasons."},
                {"price_prediction", "1", "price_prediction", true,
                        "Given the price history {{price_history}} of {{deal_title}}, predict the lowest price in the next 30 days."},
                {"goal_suggestion", "1", "goal_suggestion", true,
                        "Suggest search goals for a shopper who saved: {{saved_titles}}."}};
        for (int index = 0; index < templates.length; index++) {
            Object[] row = templates[index];
            var template = new SeedData.PromptTemplate(Ids.uuid(randomSeed, "template", index), (String) row[0], (String) row[1],
                    (String) row[2], (boolean) row[3]);
            plan.templates.add(template);
            plan.rows.add(RECORDS.newRecord(AI_PROMPT_TEMPLATES)
                    .setId(template.id()).setName(template.name()).setVersion(template.version()).setUsageType(template.usageType())
                    .setIsActive(template.active()).setTemplateText((String) row[4])
                    .setDescription("Seeded " + template.usageType() + " prompt, version " + template.version())
                    .setCreatedAt(at(-400 + index)).setUpdatedAt(at(-400 + index)));
        }
    }

    private void planUsers(Plan plan) {
        int count = seed.size() == Seed.Size.LARGE ? LARGE_USERS : Catalog.DEMO_USERS.size();
        List<UUID> leafIds = leaves.stream().map(leaf -> categoryIds.get(leaf.path())).toList();
        List<SeedData.Market> activeMarkets = markets.stream().filter(market -> market.status() == MarketStatus.ACTIVE).toList();
        for (int index = 0; index < count; index++) {
            Catalog.UserSpec spec = index < Catalog.DEMO_USERS.size()
                    ? Catalog.DEMO_USERS.get(index)
                    : new Catalog.UserSpec(String.format(Locale.ROOT, "Seeded User %04d", index), String.format(Locale.ROOT, "user%04d", index),
                            "user", true, true);
            SplittableRandom random = Ids.random(randomSeed, "user", index);
            var user = new SeedData.User(Ids.uuid(randomSeed, "user", index), spec.localPart() + "@example.com", spec.name(),
                    UserRole.lookupLiteral(spec.role()), spec.active(), spec.verified());
            plan.users.add(user);
            OffsetDateTime joined = at(-400 + index % 300);
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            String hash = new String(BCrypt.withDefaults().hash(SeedData.BCRYPT_COST, salt,
                    SeedData.PASSWORD.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
            plan.rows.add(RECORDS.newRecord(USERS)
                    .setId(user.id()).setEmail(user.email()).setHashedPassword(hash).setName(user.name())
                    .setIsActive(user.active()).setIsVerified(user.verified()).setRole(user.role())
                    .setCreatedAt(joined).setUpdatedAt(joined));
            plan.rows.add(RECORDS.newRecord(USER_PREFERENCES)
                    .setUserId(user.id())
                    .setTheme(List.of("light", "dark", "system").get(random.nextInt(3)))
                    .setDealCategories(jsonArray(List.of(pick(random, leafIds), pick(random, leafIds))))
                    .setPreferredMarkets(jsonArray(List.of(pick(random, activeMarkets).id(), pick(random, activeMarkets).id())))
                    .setMinDiscountPercentage(10 + random.nextInt(31))
                    .setMaxPrice(index % 4 == 0 ? null : BigDecimal.valueOf(100 + random.nextInt(1900)))
                    .setCreatedAt(joined).setUpdatedAt(joined));
            boolean quiet = index % 3 == 0;
            plan.rows.add(RECORDS.newRecord(NOTIFICATION_SETTINGS)
                    .setUserId(user.id())
                    .setEmailDealAlerts(index % 5 != 4).setEmailPriceDrops(true).setEmailGoalUpdates(index % 2 == 0)
                    .setPushDealAlerts(true).setPushPriceDrops(index % 4 != 3).setPushGoalUpdates(true)
                    .setQuietHoursStart(quiet ? LocalTime.of(22, 0) : null).setQuietHoursEnd(quiet ? LocalTime.of(7, 0) : null)
                    .setTimeZone(List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo").get(index % 4))
                    .setCreatedAt(joined).setUpdatedAt(joined));
        }
    }

    /** Ledger history, goals and their matches, saves, shares, interactions, notifications, analyses. */
    private void planActivity(Plan plan) {
        SeedData.TokenPackage standard = plan.packages.get(1);
        int linkedDeals = Math.min(LINKED_DEALS, seed.dealCount());
        for (int index = 0; index < plan.users.size(); index++) {
            SeedData.User user = plan.users.get(index);
            SplittableRandom random = Ids.random(randomSeed, "activity", index);
            OffsetDateTime joined = at(-400 + index % 300);
            var ledger = new Ledger(user.id());
            ledger.add(TokenTransactionType.SIGNUP_BONUS, 50, "Welcome bonus", null, null, joined.plusMinutes(1));
            if (index % 3 != 2) {
                BigDecimal paid = standard.priceUsd().multiply(BigDecimal.valueOf(100 - standard.discountPercentage()))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                ledger.add(TokenTransactionType.PURCHASE, standard.tokenAmount(), "Purchased " + standard.name() + " package", null,
                        "{\"package_id\": \"" + standard.id() + "\", \"package_name\": \"" + standard.name()
                                + "\", \"price_usd\": \"" + standard.priceUsd() + "\", \"price_paid_usd\": \"" + paid
                                + "\", \"payment_reference\": \"pay_seed_" + index + "\"}", joined.plusDays(5));
            }
            if (index >= 2 && index < 6 && linkedDeals > 0) {
                // Finished requests only, so a worker started on a seeded database runs only what its host queues. Each was
                // charged gpt-4o's budget (2.5 tokens per 1,000 of 4,096: 11); a completed one used nearly all of it (more
                // than 4,000 tokens cost 11, so nothing was refunded), a failed one was refunded in full.
                UUID request = Ids.uuid(randomSeed, "analysis", index);
                UUID deal = Ids.uuid(randomSeed, "deal", index % linkedDeals);
                boolean completed = index % 2 == 0;
                OffsetDateTime requestedAt = joined.plusDays(10);
                UUID charge = ledger.add(TokenTransactionType.AI_USAGE, -SEEDED_ANALYSIS_CHARGE, "AI usage", request, null, requestedAt);
                if (!completed) {
                    ledger.add(TokenTransactionType.REFUND, SEEDED_ANALYSIS_CHARGE, "Refund of an AI charge", charge,
                            "{\"original_transaction_id\": \"" + charge + "\"}", requestedAt.plusMinutes(1));
                }
                plan.rows.add(RECORDS.newRecord(AI_ANALYSIS_REQUESTS)
                        .setId(request).setUserId(user.id()).setDealId(deal).setUsageType("deal_analysis")
                        .setModelId(plan.models.get(0).id()).setPromptTemplateId(plan.templates.get(1).id())
                        .setPrompt("Analyse the deal with id " + deal + " (seeded).")
                        .setStatus(completed ? AnalysisStatus.COMPLETED : AnalysisStatus.FAILED)
                        .setRequestedAt(requestedAt).setTokensCharged(SEEDED_ANALYSIS_CHARGE).setChargeTransactionId(charge)
                        .setAttempts(1).setWorkerId("seed-worker").setClaimedAt(requestedAt.plusSeconds(1))
                        .setCompletedAt(requestedAt.plusSeconds(completed ? 42 : 60))
                        .setModelUsed(completed ? "gpt-4o" : null)
                        .setTokensUsed(completed ? 4_001 + random.nextInt(96) : null)
                        .setTokensRefunded(completed ? 0 : SEEDED_ANALYSIS_CHARGE)
                        .setErrorMessage(completed ? null : "model gpt-4o failed: timeout after 60 s; no fallback model to try")
                        .setResult(completed ? JSONB.valueOf("{\"verdict\": \"buy\", \"confidence\": 0.82, \"reasons\": "
                                + "[\"lowest price in 90 days\", \"reliable source\", \"discount above category average\"]}") : null));
            }
            plan.rows.addAll(ledger.rows);
            plan.rows.addAll(ledger.expiring);
            plan.balances.add(ledger.balance());
            plan.rows.add(RECORDS.newRecord(USER_TOKEN_BALANCES)
                    .setId(Ids.uuid(randomSeed, "balance", index)).setUserId(user.id())
                    .setBalance(ledger.balance).setLifetimeEarned(ledger.earned).setLifetimeSpent(ledger.spent)
                    .setVersion((long) ledger.rows.size())
                    .setCreatedAt(joined).setUpdatedAt(ledger.lastAt));

            plan.rows.add(RECORDS.newRecord(NOTIFICATIONS)
                    .setId(Ids.uuid(randomSeed, "notification", index)).setUserId(user.id()).setType(NotificationType.SYSTEM_MESSAGE)
                    .setTitle("Welcome to agentic-deals").setContent("Set a goal and we will watch the deals for you.")
                    .setIsRead(true).setReadAt(joined.plusHours(1)).setCreatedAt(joined.plusMinutes(2)));
            if (linkedDeals == 0 || index >= Catalog.DEMO_USERS.size()) {
                continue;
            }
            var saved = new java.util.HashSet<UUID>();
            for (int save = 0; save < 3; save++) {
                UUID deal = Ids.uuid(randomSeed, "deal", random.nextInt(linkedDeals));
                if (!saved.add(deal)) {
                    continue;
                }
                OffsetDateTime savedAt = joined.plusDays(20 + save);
                plan.rows.add(RECORDS.newRecord(SAVED_DEALS)
                        .setUserId(user.id()).setDealId(deal).setSavedAt(savedAt)
                        .setNotes(java.util.Arrays.asList("Waiting for a better price", "Gift idea", null, "Compare with last year's model").get(random.nextInt(4))));
                plan.rows.add(interaction(user.id(), deal, InteractionType.VIEW, savedAt.minusMinutes(3), index * 10L + save * 2L));
                plan.rows.add(interaction(user.id(), deal, InteractionType.SAVE, savedAt, index * 10L + save * 2L + 1));
            }
            if (index >= 2 && index < 5) {
                UUID deal = Ids.uuid(randomSeed, "deal", (index * 7) % linkedDeals);
                byte[] link = new byte[24];
                random.nextBytes(link);
                ShareType type = List.of(ShareType.LINK, ShareType.EMAIL, ShareType.SOCIAL).get(index - 2);
                OffsetDateTime sharedAt = joined.plusDays(25);
                UUID share = Ids.uuid(randomSeed, "share", index);
                plan.rows.add(RECORDS.newRecord(SHARED_DEALS)
                        .setId(share).setUserId(user.id()).setDealId(deal).setShareType(type)
                        .setRecipients(type == ShareType.EMAIL ? JSONB.valueOf("[\"" + plan.users.get(index + 1).email() + "\"]") : null)
                        .setPlatform(type == ShareType.SOCIAL ? "bluesky" : null)
                        .setMessage(type == ShareType.EMAIL ? "Thought you might like this one." : null)
                        .setPublicLinkId(Base64.getUrlEncoder().withoutPadding().encodeToString(link))
                        .setExpiresAt(at(1500)).setIsActive(true).setClickCount(0).setCreatedAt(sharedAt));
                plan.rows.add(interaction(user.id(), deal, InteractionType.SHARE, sharedAt, index * 10L + 9).setShareId(share)
                        .setMetadata(JSONB.valueOf("{\"channel\": \"" + type.getLiteral() + "\"}")));
            }
            planGoals(plan, user, index, joined, linkedDeals);
        }
    }

    private void planGoals(Plan plan, SeedData.User user, int index, OffsetDateTime joined, int linkedDeals) {
        Object[][] goals = switch (index) {
            case 2 -> new Object[][] {
                    {"Noise-cancelling headphones under $250", "Electronics/Audio/Headphones", "[\"noise\", \"cancelling\"]", 250, 15, 8, GoalStatus.ACTIVE},
                    {"A standing desk for the home office", "Home & Kitchen/Furniture/Desks", "[\"standing\", \"desk\"]", 600, 10, 5, GoalStatus.PAUSED}};
            case 3 -> new Object[][] {{"4K monitor for work", "Electronics/Computers/Monitors", "[\"4k\"]", 500, 20, 7, GoalStatus.ACTIVE}};
            case 4 -> new Object[][] {{"Air fryer on sale", "Home & Kitchen/Kitchen/Small Appliances", "[\"air\", \"fryer\"]", 150, 25, 6, GoalStatus.ACTIVE}};
            case 5 -> new Object[][] {{"Tent for a summer trip", "Sports & Outdoors/Camping/Tents", "[\"tent\"]", 400, 10, 4, GoalStatus.COMPLETED}};
            case 6 -> new Object[][] {{"LEGO Technic for the holidays", "Toys & Games/Building Sets/LEGO", "[\"technic\"]", 300, 15, 9, GoalStatus.ACTIVE}};
            default -> new Object[0][];
        };
        for (int goalIndex = 0; goalIndex < goals.length; goalIndex++) {
            Object[] row = goals[goalIndex];
            UUID goal = Ids.uuid(randomSeed, "goal", index * 10L + goalIndex);
            UUID category = categoryIds.get((String) row[1]);
            GoalStatus status = (GoalStatus) row[6];
            OffsetDateTime created = joined.plusDays(30 + goalIndex);
            plan.goals.add(new SeedData.Goal(goal, user.id(), (String) row[0]));
            plan.rows.add(RECORDS.newRecord(USER_GOALS)
                    .setId(goal).setUserId(user.id()).setTitle((String) row[0])
                    .setDescription("Seeded goal of " + user.name())
                    .setParameters(JSONB.valueOf("{\"keywords\": " + row[2] + ", \"categories\": [\"" + category + "\"], \"max_price\": "
                            + row[3] + ", \"min_discount\": " + row[4] + ", \"max_matches\": 20, \"alert_threshold\": 60}"))
                    .setStatus(status).setPriority((int) row[5])
                    .setTargetDate(at(1200)).setCompletionDate(status == GoalStatus.COMPLETED ? created.plusDays(14) : null)
                    .setCreatedAt(created).setUpdatedAt(created));
            int matched = 0;
            for (int dealIndex = 0; dealIndex < linkedDeals && matched < 3; dealIndex++) {
                if (!categoryIds.get(leafOf(dealIndex).path()).equals(category)) {
                    continue;
                }
                matched++;
                UUID deal = Ids.uuid(randomSeed, "deal", dealIndex);
                BigDecimal score = BigDecimal.valueOf(55 + Ids.random(randomSeed, "match", dealIndex).nextInt(45));
                plan.rows.add(RECORDS.newRecord(GOAL_DEALS)
                        .setGoalId(goal).setDealId(deal).setRelevanceScore(score).setMatchedAt(created.plusDays(1))
                        .setStatus(GoalDealStatus.ACTIVE));
                plan.rows.add(RECORDS.newRecord(NOTIFICATIONS)
                        .setId(Ids.uuid(randomSeed, "notification:" + goal, matched)).setUserId(user.id())
                        .setType(NotificationType.DEAL_ALERT).setTitle("New match for " + row[0])
                        .setContent("A deal scored " + score + " for your goal.").setIsRead(false)
                        .setMetadata(JSONB.valueOf("{\"goal_id\": \"" + goal + "\", \"deal_id\": \"" + deal + "\"}"))
                        .setActionUrl("/deals/" + deal).setCreatedAt(created.plusDays(1)));
            }
        }
    }

    private org.agenticdeals.jooq.tables.records.SocialInteractionsRecord interaction(UUID user, UUID deal, InteractionType type,
                                                                                     OffsetDateTime at, long index) {
        return RECORDS.newRecord(SOCIAL_INTERACTIONS)
                .setId(Ids.uuid(randomSeed, "interaction", index)).setUserId(user).setDealId(deal).setInteractionType(type)
                .setCreatedAt(at);
    }

    /** One user's seeded ledger: every row's balance_after continues the chain, the balance is its sum. */
    private final class Ledger {
        final UUID user;
        final List<TableRecord<?>> rows = new ArrayList<>();
        final List<TableRecord<?>> expiring = new ArrayList<>();
        int balance;
        int earned;
        int spent;
        OffsetDateTime lastAt;

        Ledger(UUID user) {
            this.user = user;
        }

        UUID add(TokenTransactionType type, int amount, String description, UUID reference, String metadata, OffsetDateTime at) {
            balance += amount;
            if (amount > 0) {
                earned += amount;
            } else {
                spent -= amount;
            }
            lastAt = at;
            UUID id = Ids.uuid(randomSeed, "transaction:" + user, rows.size());
            rows.add(RECORDS.newRecord(TOKEN_TRANSACTIONS)
                    .setId(id).setUserId(user).setTransactionType(type)
                    .setAmount(amount).setBalanceAfter(balance).setSequence((long) rows.size() + 1).setDescription(description)
                    .setReferenceId(reference)
                    .setMetadata(metadata == null ? null : JSONB.valueOf(metadata)).setCreatedAt(at));
            if (type == TokenTransactionType.SIGNUP_BONUS) {
                // Promotional credits expire unless spent; seeded ones lapsed long before REFERENCE_TIME's present.
                expiring.add(RECORDS.newRecord(TOKEN_EXPIRING_CREDITS)
                        .setTransactionId(id).setUserId(user).setTransactionType(type).setAmount(amount)
                        .setGrantedAt(at).setExpiresAt(at.plusDays(90)));
            }
            return id;
        }

        SeedData.Balance balance() {
            return new SeedData.Balance(user, balance, earned, spent);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Deals, one row per index
    // ---------------------------------------------------------------------------------------------------------

    private Catalog.LeafSpec leafOf(int dealIndex) {
        return leaves.get(Ids.random(randomSeed, "deal-leaf", dealIndex).nextInt(leaves.size()));
    }

    /** The deal at {@code index} as one line of COPY text format. */
    private void appendDeal(StringBuilder out, int index, List<SeedData.Market> activeMarkets, Map<String, List<Integer>> sourcesByMarket) {
        SplittableRandom random = Ids.random(randomSeed, "deal", index);
        Catalog.LeafSpec leaf = leafOf(index);
        String brand = pick(random, leaf.brands());
        String product = pick(random, leaf.products());
        String model = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "-" + (100 + random.nextInt(9900));
        String title = brand + " " + model + " " + product + ", " + pick(random, Catalog.VARIANTS);
        int dollars = leaf.minPrice() + random.nextInt(leaf.maxPrice() - leaf.minPrice() + 1);
        BigDecimal original = BigDecimal.valueOf(dollars).add(new BigDecimal("0.99"));
        int discountPercent = 5 + random.nextInt(66);
        BigDecimal current = original.multiply(BigDecimal.valueOf(100 - discountPercent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        BigDecimal discount = original.subtract(current).multiply(BigDecimal.valueOf(100)).divide(original, 2, RoundingMode.HALF_UP);
        SeedData.Market market = pick(random, activeMarkets);
        List<Integer> candidates = sourcesByMarket.get(market.name());
        SeedData.Source source = sources.get(candidates.get(random.nextInt(candidates.size())));
        int statusRoll = random.nextInt(100);
        String status = statusRoll < 90 ? "active" : statusRoll < 96 ? "expired" : "removed";
        OffsetDateTime created = SeedData.REFERENCE_TIME.minusMinutes(1 + (long) index * 7 % 525_600);
        OffsetDateTime expires = status.equals("expired") ? at(-1 - random.nextInt(300))
                : random.nextBoolean() ? null : at(1000 + random.nextInt(1000));
        UUID id = Ids.uuid(randomSeed, "deal", index);
        String domain = Catalog.MARKETS.stream().filter(spec -> spec.name().equals(market.name())).findFirst().orElseThrow().domain();
        out.append(id).append('\t')
                .append(title).append('\t')
                .append(product).append(" from ").append(brand).append(". ").append(pick(random, Catalog.FEATURES)).append(' ')
                .append(pick(random, Catalog.FEATURES)).append('\t')
                .append(original.toPlainString()).append('\t')
                .append(current.toPlainString()).append('\t')
                .append(discount.toPlainString()).append('\t')
                .append("https://www.").append(domain).append("/item/").append(model.toLowerCase(Locale.ROOT)).append('-').append(index).append('\t')
                .append("https://images.example.com/deals/").append(id).append(".jpg").append('\t')
                .append(market.id()).append('\t')
                .append(categoryIds.get(leaf.path())).append('\t')
                .append(source.id()).append('\t')
                .append(expires == null ? "\\N" : expires.toString()).append('\t')
                .append(status).append('\t')
                .append(created).append('\t')
                .append(created).append('\t')
                .append("\\N").append('\t')
                .append("{\"sku\": \"").append(model).append("\", \"seed_index\": ").append(index).append('}')
                .append('\n');
    }

    private void copyDeals(Connection connection) throws SQLException, IOException {
        if (seed.dealCount() == 0) {
            return;
        }
        List<SeedData.Market> activeMarkets = markets.stream().filter(market -> market.status() == MarketStatus.ACTIVE).toList();
        Map<String, List<Integer>> sourcesByMarket = new LinkedHashMap<>();
        for (SeedData.Market market : activeMarkets) {
            var candidates = new ArrayList<Integer>();
            for (int index = 0; index < sourceSpecs.size(); index++) {
                Catalog.SourceSpec spec = sourceSpecs.get(index);
                if (spec.status().equals("active") && (spec.market() == null || spec.market().equals(market.name()))) {
                    candidates.add(index);
                }
            }
            sourcesByMarket.put(market.name(), candidates);
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY deals.deals (id, title, description, original_price, current_price, discount_percentage, url, image_url,"
                        + " market_id, category_id, source_id, expires_at, status, created_at, updated_at, ai_analysis, metadata)"
                        + " FROM STDIN");
        try {
            var chunk = new StringBuilder(COPY_CHUNK_ROWS * 420);
            for (int index = 0; index < seed.dealCount(); index++) {
                appendDeal(chunk, index, activeMarkets, sourcesByMarket);
                if (chunk.length() > COPY_CHUNK_ROWS * 400 || index == seed.dealCount() - 1) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Writes the seed through {@code connection} (the owner's) in one transaction, in the system context so
     * row-level security admits rows of every user even when the owner is not a superuser.
     *
     * @return the handles of what was written
     */
    SeedData write(Connection connection) throws SQLException, IOException {
        Plan plan = plan();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.execute("SELECT set_config('app.system_context', 'on', true)");
            List<TableRecord<?>> beforeDeals = plan.rows.stream().filter(SeedGenerator::isReferenceData).toList();
            List<TableRecord<?>> afterDeals = plan.rows.stream().filter(row -> !isReferenceData(row)).toList();
            insertInTableOrder(dsl, beforeDeals);
            if (seed.dealCount() >= BULK_LOAD_DEALS) {
                withoutSecondaryIndexesAndForeignKeys(dsl, "deals.deals", () -> copyDeals(connection));
            } else {
                copyDeals(connection);
            }
            insertInTableOrder(dsl, afterDeals);
            connection.commit();
        } catch (SQLException | IOException | RuntimeException failed) {
            connection.rollback();
            throw failed;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return plan.seedData();
    }

    /** Work that may fail with the errors writing a seed may fail with. */
    @FunctionalInterface
    private interface Load {
        void run() throws SQLException, IOException;
    }

    /**
     * Runs {@code load} with {@code table}'s foreign keys and the indexes that back no constraint dropped, then
     * builds them again from their definitions, all in the caller's transaction: PostgreSQL's advice for
     * populating a database. One build per index is far cheaper than a million insertions into it (the
     * 1,000,000-deal seed: 64 s with them, 40 s without), and each foreign key is checked by one join instead of
     * a million lookups.
     */
    private static void withoutSecondaryIndexesAndForeignKeys(DSLContext dsl, String table, Load load) throws SQLException, IOException {
        var rebuild = new ArrayList<String>();
        var restoreKeys = new ArrayList<String>();
        for (org.jooq.Record key : dsl.fetch("SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype = 'f'", table)) {
            dsl.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + key.get(0, String.class));
            restoreKeys.add("ALTER TABLE " + table + " ADD CONSTRAINT " + key.get(0, String.class) + " " + key.get(1, String.class));
        }
        for (org.jooq.Record index : dsl.fetch("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i"
                + " WHERE indrelid = ?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)", table)) {
            dsl.execute("DROP INDEX " + index.get(0, String.class));
            rebuild.add(index.get(1, String.class));
        }
        load.run();
        dsl.execute("SET LOCAL maintenance_work_mem = '512MB'");
        rebuild.forEach(dsl::execute);
        restoreKeys.forEach(dsl::execute);
    }

    private static boolean isReferenceData(TableRecord<?> row) {
        return row.getTable() == MARKETS || row.getTable() == CATEGORIES || row.getTable() == SOURCES || row.getTable() == USERS
                || row.getTable() == USER_PREFERENCES || row.getTable() == NOTIFICATION_SETTINGS || row.getTable() == TOKEN_PACKAGES
                || row.getTable() == TOKEN_REDEMPTION_CODES || row.getTable() == AI_MODELS || row.getTable() == AI_PROMPT_TEMPLATES;
    }

    /** One batch per table, tables in the order foreign keys need, rows in plan order. */
    private static void insertInTableOrder(DSLContext dsl, List<TableRecord<?>> rows) {
        var byTable = new LinkedHashMap<org.jooq.Table<?>, List<TableRecord<?>>>();
        for (TableRecord<?> row : rows) {
            byTable.computeIfAbsent(row.getTable(), table -> new ArrayList<>()).add(row);
        }
        List<org.jooq.Table<?>> order = List.of(MARKETS, CATEGORIES, SOURCES, USERS, USER_PREFERENCES, NOTIFICATION_SETTINGS,
                TOKEN_PACKAGES, TOKEN_REDEMPTION_CODES, AI_MODELS, AI_PROMPT_TEMPLATES, USER_GOALS, GOAL_DEALS, USER_TOKEN_BALANCES,
                TOKEN_TRANSACTIONS, TOKEN_EXPIRING_CREDITS, SAVED_DEALS, SHARED_DEALS, SOCIAL_INTERACTIONS, AI_ANALYSIS_REQUESTS, NOTIFICATIONS);
        for (org.jooq.Table<?> table : order) {
            List<TableRecord<?>> tableRows = byTable.remove(table);
            if (tableRows != null) {
                for (int from = 0; from < tableRows.size(); from += 500) {
                    dsl.batchInsert(tableRows.subList(from, Math.min(from + 500, tableRows.size()))).execute();
                }
            }
        }
        if (!byTable.isEmpty()) {
            throw new IllegalStateException("no insert order for " + byTable.keySet());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static OffsetDateTime at(int daysFromReference) {
        return SeedData.REFERENCE_TIME.plusDays(daysFromReference);
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static JSONB jsonArray(List<UUID> ids) {
        return JSONB.valueOf(ids.stream().map(id -> "\"" + id + "\"").distinct().collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    }
}
