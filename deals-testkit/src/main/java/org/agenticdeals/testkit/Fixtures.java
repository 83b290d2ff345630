package org.agenticdeals.testkit;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.NOTIFICATION_SETTINGS;
import static org.agenticdeals.jooq.Tables.SOURCES;
import static org.agenticdeals.jooq.Tables.TOKEN_PACKAGES;
import static org.agenticdeals.jooq.Tables.TOKEN_REDEMPTION_CODES;
import static org.agenticdeals.jooq.Tables.USERS;
import static org.agenticdeals.jooq.Tables.USER_GOALS;
import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;
import static org.agenticdeals.jooq.Tables.USER_TOKEN_BALANCES;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.GoalStatus;
import org.agenticdeals.jooq.enums.MarketStatus;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.jooq.enums.UserRole;
import org.agenticdeals.jooq.tables.records.CategoriesRecord;
import org.agenticdeals.jooq.tables.records.DealsRecord;
import org.agenticdeals.jooq.tables.records.MarketsRecord;
import org.agenticdeals.jooq.tables.records.SourcesRecord;
import org.agenticdeals.jooq.tables.records.TokenPackagesRecord;
import org.agenticdeals.jooq.tables.records.TokenRedemptionCodesRecord;
import org.agenticdeals.jooq.tables.records.UserGoalsRecord;
import org.agenticdeals.jooq.tables.records.UsersRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Factories for the one extra row a test needs, with meaningful defaults: every field can be set, none has
 * to be. Rows are written as the owner in the system context, each {@code create()} in its own transaction,
 * and returned as the jOOQ record that was stored (database defaults included).
 *
 * <pre>{@code
 * UsersRecord buyer = fixtures.user().email("buyer@example.com").create();
 * DealsRecord deal = fixtures.deal().title("Espresso machine").price("199.99").originalPrice("249.99").create();
 * }</pre>
 */
public final class Fixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final DataSource owner;

    Fixtures(DataSource owner) {
        this.owner = owner;
    }

    /**
     * A user with preferences, notification settings and an empty balance, as registration creates.
     *
     * @return a builder; {@code create()} writes the row
     */
    public UserFixture user() {
        return new UserFixture();
    }

    /**
     * An active market.
     *
     * @return a builder; {@code create()} writes the row
     */
    public MarketFixture market() {
        return new MarketFixture();
    }

    /**
     * An active API source of reliability 0.9.
     *
     * @return a builder; {@code create()} writes the row
     */
    public SourceFixture source() {
        return new SourceFixture();
    }

    /**
     * An active root category.
     *
     * @return a builder; {@code create()} writes the row
     */
    public CategoryFixture category() {
        return new CategoryFixture();
    }

    /**
     * An active deal; its market and source are created too unless given.
     *
     * @return a builder; {@code create()} writes the row
     */
    public DealFixture deal() {
        return new DealFixture();
    }

    /**
     * An active goal; its user is created too unless given.
     *
     * @return a builder; {@code create()} writes the row
     */
    public GoalFixture goal() {
        return new GoalFixture();
    }

    /**
     * An active token package.
     *
     * @return a builder; {@code create()} writes the row
     */
    public TokenPackageFixture tokenPackage() {
        return new TokenPackageFixture();
    }

    /**
     * An active redemption code without expiry.
     *
     * @return a builder; {@code create()} writes the row
     */
    public RedemptionCodeFixture redemptionCode() {
        return new RedemptionCodeFixture();
    }

    private <T> T inSystemContext(Function<DSLContext, T> work) {
        return DSL.using(owner, SQLDialect.POSTGRES).transactionResult(configuration -> {
            DSLContext transaction = configuration.dsl();
            transaction.execute("SELECT set_config('app.system_context', 'on', true)");
            return work.apply(transaction);
        });
    }

    private static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /** Builds a user. */
    public final class UserFixture {
        private String email = "fixture-user-" + next() + "@example.com";
        private String name = "Fixture User";
        private String password = SeedData.PASSWORD;
        private UserRole role = UserRole.USER;
        private boolean active = true;
        private boolean verified = true;
        private int balance;

        private UserFixture() {
        }

        /**
         * The e-mail address.
         *
         * @param value a valid address, unique
         * @return this builder
         */
        public UserFixture email(String value) {
            this.email = value;
            return this;
        }

        /**
         * The display name.
         *
         * @param value the name
         * @return this builder
         */
        public UserFixture name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The plain password; stored as a bcrypt hash of cost {@value SeedData#BCRYPT_COST}.
         *
         * @param value the password
         * @return this builder
         */
        public UserFixture password(String value) {
            this.password = value;
            return this;
        }

        /**
         * The role.
         *
         * @param value the role
         * @return this builder
         */
        public UserFixture role(UserRole value) {
            this.role = value;
            return this;
        }

        /**
         * An admin.
         *
         * @return this builder
         */
        public UserFixture admin() {
            return role(UserRole.ADMIN);
        }

        /**
         * A deactivated user.
         *
         * @return this builder
         */
        public UserFixture inactive() {
            this.active = false;
            return this;
        }

        /**
         * A user whose address is not verified.
         *
         * @return this builder
         */
        public UserFixture unverified() {
            this.verified = false;
            return this;
        }

        /**
         * A starting token balance (with no transactions behind it: for tests that do not reconcile).
         *
         * @param tokens the balance
         * @return this builder
         */
        public UserFixture balance(int tokens) {
            this.balance = tokens;
            return this;
        }

        /**
         * Writes the user, with preferences, notification settings and a balance.
         *
         * @return the user's row
         */
        public UsersRecord create() {
            String hash = BCrypt.withDefaults().hashToString(SeedData.BCRYPT_COST, password.toCharArray());
            return inSystemContext(dsl -> {
                UsersRecord user = dsl.insertInto(USERS)
                        .set(USERS.EMAIL, email).set(USERS.NAME, name).set(USERS.HASHED_PASSWORD, hash)
                        .set(USERS.ROLE, role).set(USERS.IS_ACTIVE, active).set(USERS.IS_VERIFIED, verified)
                        .returning().fetchOne();
                dsl.insertInto(USER_PREFERENCES).set(USER_PREFERENCES.USER_ID, user.getId()).execute();
                dsl.insertInto(NOTIFICATION_SETTINGS).set(NOTIFICATION_SETTINGS.USER_ID, user.getId()).execute();
                dsl.insertInto(USER_TOKEN_BALANCES).set(USER_TOKEN_BALANCES.USER_ID, user.getId())
                        .set(USER_TOKEN_BALANCES.BALANCE, balance).set(USER_TOKEN_BALANCES.LIFETIME_EARNED, balance).execute();
                return user;
            });
        }
    }

    /** Builds a market. */
    public final class MarketFixture {
        private String name = "Fixture Market " + next();
        private MarketStatus status = MarketStatus.ACTIVE;

        private MarketFixture() {
        }

        /**
         * The name.
         *
         * @param value unique
         * @return this builder
         */
        public MarketFixture name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The status.
         *
         * @param value the status
         * @return this builder
         */
        public MarketFixture status(MarketStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Writes the market.
         *
         * @return the market's row
         */
        public MarketsRecord create() {
            return inSystemContext(dsl -> dsl.insertInto(MARKETS).set(MARKETS.NAME, name).set(MARKETS.STATUS, status)
                    .set(MARKETS.URL, "https://" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example.com")
                    .returning().fetchOne());
        }
    }

    /** Builds a source. */
    public final class SourceFixture {
        private String name = "Fixture Source " + next();
        private SourceType type = SourceType.API;
        private BigDecimal reliability = new BigDecimal("0.90");

        private SourceFixture() {
        }

        /**
         * The name.
         *
         * @param value unique
         * @return this builder
         */
        public SourceFixture name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The type.
         *
         * @param value the type
         * @return this builder
         */
        public SourceFixture type(SourceType value) {
            this.type = value;
            return this;
        }

        /**
         * The reliability.
         *
         * @param value 0 to 1, as a decimal string
         * @return this builder
         */
        public SourceFixture reliability(String value) {
            this.reliability = new BigDecimal(value);
            return this;
        }

        /**
         * Writes the source.
         *
         * @return the source's row
         */
        public SourcesRecord create() {
            return inSystemContext(dsl -> dsl.insertInto(SOURCES).set(SOURCES.NAME, name).set(SOURCES.TYPE, type)
                    .set(SOURCES.RELIABILITY_SCORE, reliability).returning().fetchOne());
        }
    }

    /** Builds a category. */
    public final class CategoryFixture {
        private String name = "Fixture Category " + next();
        private UUID parentId;

        private CategoryFixture() {
        }

        /**
         * The name.
         *
         * @param value unique among its siblings
         * @return this builder
         */
        public CategoryFixture name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The parent.
         *
         * @param value the parent category, or null for a root
         * @return this builder
         */
        public CategoryFixture parent(UUID value) {
            this.parentId = value;
            return this;
        }

        /**
         * Writes the category.
         *
         * @return the category's row
         */
        public CategoriesRecord create() {
            return inSystemContext(dsl -> dsl.insertInto(CATEGORIES).set(CATEGORIES.NAME, name).set(CATEGORIES.PARENT_ID, parentId)
                    .returning().fetchOne());
        }
    }

    /** Builds a deal; the discount follows from the two prices, as ingestion computes it. */
    public final class DealFixture {
        private String title = "Fixture Deal " + next();
        private String description = "A deal made by a test fixture.";
        private BigDecimal originalPrice = new BigDecimal("100.00");
        private BigDecimal currentPrice = new BigDecimal("79.99");
        private UUID marketId;
        private UUID sourceId;
        private UUID categoryId;
        private DealStatus status = DealStatus.ACTIVE;
        private OffsetDateTime expiresAt;
        private String url;

        private DealFixture() {
        }

        /**
         * The title.
         *
         * @param value the title
         * @return this builder
         */
        public DealFixture title(String value) {
            this.title = value;
            return this;
        }

        /**
         * The description.
         *
         * @param value the description, or null
         * @return this builder
         */
        public DealFixture description(String value) {
            this.description = value;
            return this;
        }

        /**
         * The current price.
         *
         * @param value a decimal string such as {@code "19.99"}
         * @return this builder
         */
        public DealFixture price(String value) {
            this.currentPrice = new BigDecimal(value);
            if (originalPrice.compareTo(currentPrice) < 0) {
                originalPrice = currentPrice;
            }
            return this;
        }

        /**
         * The price before the discount.
         *
         * @param value a decimal string such as {@code "24.99"}
         * @return this builder
         */
        public DealFixture originalPrice(String value) {
            this.originalPrice = new BigDecimal(value);
            return this;
        }

        /**
         * The market.
         *
         * @param value an existing market
         * @return this builder
         */
        public DealFixture market(UUID value) {
            this.marketId = value;
            return this;
        }

        /**
         * The source.
         *
         * @param value an existing source
         * @return this builder
         */
        public DealFixture source(UUID value) {
            this.sourceId = value;
            return this;
        }

        /**
         * The category.
         *
         * @param value an existing category, or null
         * @return this builder
         */
        public DealFixture category(UUID value) {
            this.categoryId = value;
            return this;
        }

        /**
         * The status.
         *
         * @param value the status
         * @return this builder
         */
        public DealFixture status(DealStatus value) {
            this.status = value;
            return this;
        }

        /**
         * When the deal ends.
         *
         * @param value the instant, or null for never
         * @return this builder
         */
        public DealFixture expiresAt(OffsetDateTime value) {
            this.expiresAt = value;
            return this;
        }

        /**
         * Where the deal is sold (unique per source).
         *
         * @param value an absolute URL
         * @return this builder
         */
        public DealFixture url(String value) {
            this.url = value;
            return this;
        }

        /**
         * Writes the deal, and its market and source if none were given.
         *
         * @return the deal's row
         */
        public DealsRecord create() {
            UUID market = marketId != null ? marketId : Fixtures.this.market().create().getId();
            UUID source = sourceId != null ? sourceId : Fixtures.this.source().create().getId();
            BigDecimal discount = originalPrice.subtract(currentPrice).multiply(BigDecimal.valueOf(100))
                    .divide(originalPrice, 2, RoundingMode.HALF_UP);
            String link = url != null ? url : "https://shop.example.com/item/" + next();
            return inSystemContext(dsl -> dsl.insertInto(DEALS)
                    .set(DEALS.TITLE, title).set(DEALS.DESCRIPTION, description)
                    .set(DEALS.ORIGINAL_PRICE, originalPrice).set(DEALS.CURRENT_PRICE, currentPrice)
                    .set(DEALS.DISCOUNT_PERCENTAGE, discount).set(DEALS.URL, link)
                    .set(DEALS.MARKET_ID, market).set(DEALS.SOURCE_ID, source).set(DEALS.CATEGORY_ID, categoryId)
                    .set(DEALS.STATUS, status).set(DEALS.EXPIRES_AT, expiresAt)
                    .returning().fetchOne());
        }
    }

    /** Builds a goal. */
    public final class GoalFixture {
        private UUID userId;
        private String title = "Fixture Goal " + next();
        private String parameters = "{\"keywords\": [], \"max_matches\": 20, \"alert_threshold\": 60}";
        private GoalStatus status = GoalStatus.ACTIVE;
        private int priority = 5;

        private GoalFixture() {
        }

        /**
         * The goal's owner.
         *
         * @param value an existing user
         * @return this builder
         */
        public GoalFixture user(UUID value) {
            this.userId = value;
            return this;
        }

        /**
         * The title.
         *
         * @param value the title
         * @return this builder
         */
        public GoalFixture title(String value) {
            this.title = value;
            return this;
        }

        /**
         * The goal's parameters as a JSON object.
         *
         * @param json a JSON object in the goal parameters' form
         * @return this builder
         */
        public GoalFixture parameters(String json) {
            this.parameters = json;
            return this;
        }

        /**
         * The status.
         *
         * @param value the status
         * @return this builder
         */
        public GoalFixture status(GoalStatus value) {
            this.status = value;
            return this;
        }

        /**
         * The priority.
         *
         * @param value 1 (most important) to 10
         * @return this builder
         */
        public GoalFixture priority(int value) {
            this.priority = value;
            return this;
        }

        /**
         * Writes the goal, and its user if none was given.
         *
         * @return the goal's row
         */
        public UserGoalsRecord create() {
            UUID owner = userId != null ? userId : Fixtures.this.user().create().getId();
            return inSystemContext(dsl -> dsl.insertInto(USER_GOALS)
                    .set(USER_GOALS.USER_ID, owner).set(USER_GOALS.TITLE, title).set(USER_GOALS.PARAMETERS, JSONB.valueOf(parameters))
                    .set(USER_GOALS.STATUS, status).set(USER_GOALS.PRIORITY, priority)
                    .returning().fetchOne());
        }
    }

    /** Builds a token package. */
    public final class TokenPackageFixture {
        private String name = "Fixture Package " + next();
        private int tokens = 250;
        private BigDecimal priceUsd = new BigDecimal("9.99");
        private int discountPercentage;
        private boolean active = true;

        private TokenPackageFixture() {
        }

        /**
         * The name.
         *
         * @param value the name
         * @return this builder
         */
        public TokenPackageFixture name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The tokens it gives.
         *
         * @param value more than 0
         * @return this builder
         */
        public TokenPackageFixture tokens(int value) {
            this.tokens = value;
            return this;
        }

        /**
         * The price.
         *
         * @param value a decimal string such as {@code "9.99"}
         * @return this builder
         */
        public TokenPackageFixture priceUsd(String value) {
            this.priceUsd = new BigDecimal(value);
            return this;
        }

        /**
         * The discount.
         *
         * @param value 0 to 100
         * @return this builder
         */
        public TokenPackageFixture discountPercentage(int value) {
            this.discountPercentage = value;
            return this;
        }

        /**
         * An inactive package.
         *
         * @return this builder
         */
        public TokenPackageFixture inactive() {
            this.active = false;
            return this;
        }

        /**
         * Writes the package.
         *
         * @return the package's row
         */
        public TokenPackagesRecord create() {
            return inSystemContext(dsl -> dsl.insertInto(TOKEN_PACKAGES)
                    .set(TOKEN_PACKAGES.NAME, name).set(TOKEN_PACKAGES.TOKEN_AMOUNT, tokens).set(TOKEN_PACKAGES.PRICE_USD, priceUsd)
                    .set(TOKEN_PACKAGES.DISCOUNT_PERCENTAGE, discountPercentage).set(TOKEN_PACKAGES.IS_ACTIVE, active)
                    .returning().fetchOne());
        }
    }

    /** Builds a redemption code. */
    public final class RedemptionCodeFixture {
        private String code = "FIXTURE" + next();
        private int tokens = 50;
        private int maxRedemptions = 1;
        private OffsetDateTime expiresAt;
        private boolean active = true;

        private RedemptionCodeFixture() {
        }

        /**
         * The code's text.
         *
         * @param value upper-case letters, digits and dashes
         * @return this builder
         */
        public RedemptionCodeFixture code(String value) {
            this.code = value;
            return this;
        }

        /**
         * The tokens per redemption.
         *
         * @param value more than 0
         * @return this builder
         */
        public RedemptionCodeFixture tokens(int value) {
            this.tokens = value;
            return this;
        }

        /**
         * How many users may redeem it.
         *
         * @param value more than 0
         * @return this builder
         */
        public RedemptionCodeFixture maxRedemptions(int value) {
            this.maxRedemptions = value;
            return this;
        }

        /**
         * When it stops working.
         *
         * @param value the instant, or null for never
         * @return this builder
         */
        public RedemptionCodeFixture expiresAt(OffsetDateTime value) {
            this.expiresAt = value;
            return this;
        }

        /**
         * An inactive code.
         *
         * @return this builder
         */
        public RedemptionCodeFixture inactive() {
            this.active = false;
            return this;
        }

        /**
         * Writes the code.
         *
         * @return the code's row
         */
        public TokenRedemptionCodesRecord create() {
            return inSystemContext(dsl -> dsl.insertInto(TOKEN_REDEMPTION_CODES)
                    .set(TOKEN_REDEMPTION_CODES.CODE, code).set(TOKEN_REDEMPTION_CODES.TOKEN_AMOUNT, tokens)
                    .set(TOKEN_REDEMPTION_CODES.MAX_REDEMPTIONS, maxRedemptions).set(TOKEN_REDEMPTION_CODES.EXPIRES_AT, expiresAt)
                    .set(TOKEN_REDEMPTION_CODES.IS_ACTIVE, active)
                    .returning().fetchOne());
        }
    }
}
