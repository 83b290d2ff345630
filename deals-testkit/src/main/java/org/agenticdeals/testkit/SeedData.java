package org.agenticdeals.testkit;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.agenticdeals.jooq.enums.MarketStatus;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.jooq.enums.UserRole;

/**
 * The handles of what a {@link Seed} put in the database: ids, names and the states tests care about, so a
 * test asks for "the expired code" or "alice" instead of querying for them. Every value is deterministic: the
 * same seed gives the same ids in every run. Every look-up of one item (by e-mail, name, path, state or user)
 * throws {@link NoSuchElementException} naming what it looked for when the seed holds no such item.
 */
public final class SeedData {

    /** The password of every seeded user (stored only as a bcrypt hash of cost {@value #BCRYPT_COST}). */
    public static final String PASSWORD = "Seeded-Password-2026!";

    /** The bcrypt cost of the seeded users' hashes: low, so tests that log in stay fast. */
    public static final int BCRYPT_COST = 4;

    /**
     * The instant seeded history is dated from: every seeded timestamp is at or before it, except expiries,
     * which are years after it (active) or before it (expired).
     */
    public static final OffsetDateTime REFERENCE_TIME = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** A seeded user; all share {@link #PASSWORD}. */
    public record User(UUID id, String email, String name, UserRole role, boolean active, boolean verified) {
    }

    /** A seeded market. */
    public record Market(UUID id, String name, MarketStatus status) {
    }

    /** A seeded category; {@code path} joins the names from the root with {@code /}. */
    public record Category(UUID id, String path, UUID parentId) {

        /** {@return the category's own name}, the last segment of its path. */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** {@return how deep the category sits}: 1 for a root. */
        public int depth() {
            return (int) path.chars().filter(character -> character == '/').count() + 1;
        }
    }

    /** A seeded deal source. */
    public record Source(UUID id, String name, SourceType type, BigDecimal reliabilityScore, SourceStatus status) {
    }

    /** A seeded token package. */
    public record TokenPackage(UUID id, String name, int tokenAmount, BigDecimal priceUsd, int discountPercentage, boolean active) {
    }

    /** The state a seeded redemption code is in. */
    public enum CodeState {
        /** Redeemable. */
        ACTIVE,
        /** Past its expiry. */
        EXPIRED,
        /** Redeemed its maximum number of times. */
        EXHAUSTED,
        /** Deactivated. */
        INACTIVE
    }

    /** A seeded redemption code. */
    public record RedemptionCode(UUID id, String code, int tokenAmount, int maxRedemptions, int redemptionsCount, CodeState state) {
    }

    /** A seeded AI model. */
    public record AiModel(UUID id, String name, String provider, boolean active, boolean fallback) {
    }

    /** A seeded prompt template version. */
    public record PromptTemplate(UUID id, String name, String version, String usageType, boolean active) {
    }

    /** A seeded goal. */
    public record Goal(UUID id, UUID userId, String title) {
    }

    /** A seeded token balance; it equals the sum of the user's seeded transactions. */
    public record Balance(UUID userId, int balance, int lifetimeEarned, int lifetimeSpent) {
    }

    private final Seed seed;
    private final List<User> users;
    private final List<Market> markets;
    private final List<Category> categories;
    private final List<Source> sources;
    private final List<TokenPackage> packages;
    private final List<RedemptionCode> codes;
    private final List<AiModel> models;
    private final List<PromptTemplate> templates;
    private final List<Goal> goals;
    private final List<Balance> balances;
    private final List<UUID> deals;

    SeedData(Seed seed, List<User> users, List<Market> markets, List<Category> categories, List<Source> sources,
             List<TokenPackage> packages, List<RedemptionCode> codes, List<AiModel> models, List<PromptTemplate> templates,
             List<Goal> goals, List<Balance> balances) {
        this.seed = seed;
        this.users = List.copyOf(users);
        this.markets = List.copyOf(markets);
        this.categories = List.copyOf(categories);
        this.sources = List.copyOf(sources);
        this.packages = List.copyOf(packages);
        this.codes = List.copyOf(codes);
        this.models = List.copyOf(models);
        this.templates = List.copyOf(templates);
        this.goals = List.copyOf(goals);
        this.balances = List.copyOf(balances);
        this.deals = new AbstractList<>() {
            @Override
            public UUID get(int index) {
                Objects.checkIndex(index, seed.dealCount());
                return Ids.uuid(seed.randomSeed(), "deal", index);
            }

            @Override
            public int size() {
                return seed.dealCount();
            }
        };
    }

    /** {@return the seed these handles belong to} */
    public Seed seed() {
        return seed;
    }

    /** {@return every seeded user}: an admin, a moderator, then regular users (one inactive, one unverified). */
    public List<User> users() {
        return users;
    }

    /**
     * The user with this e-mail address.
     *
     * @param email the address
     * @return the user
     * @throws java.util.NoSuchElementException if no seeded user has it
     */
    public User user(String email) {
        return find(users, user -> user.email().equals(email), "user " + email);
    }

    /** {@return the seeded administrator} */
    public User admin() {
        return find(users, user -> user.role() == UserRole.ADMIN, "an admin");
    }

    /** {@return active, verified users with the plain {@code user} role} */
    public List<User> regularUsers() {
        return users.stream().filter(user -> user.role() == UserRole.USER && user.active() && user.verified()).toList();
    }

    /** {@return the seeded markets} */
    public List<Market> markets() {
        return markets;
    }

    /**
     * The market with this name, e.g. {@code "Amazon"}.
     *
     * @param name the name
     * @return the market
     */
    public Market market(String name) {
        return find(markets, market -> market.name().equals(name), "market " + name);
    }

    /** {@return the category tree, parents before children} */
    public List<Category> categories() {
        return categories;
    }

    /**
     * The category at this path, e.g. {@code "Electronics/Audio/Headphones"}.
     *
     * @param path the names from the root, joined with {@code /}
     * @return the category
     */
    public Category category(String path) {
        return find(categories, category -> category.path().equals(path), "category " + path);
    }

    /** {@return the seeded sources} */
    public List<Source> sources() {
        return sources;
    }

    /**
     * The source with this name.
     *
     * @param name the name
     * @return the source
     */
    public Source source(String name) {
        return find(sources, source -> source.name().equals(name), "source " + name);
    }

    /** {@return the ids of the seeded deals}, computed on demand (a large seed holds up to a million). */
    public List<UUID> deals() {
        return deals;
    }

    /** {@return the seeded token packages} */
    public List<TokenPackage> packages() {
        return packages;
    }

    /** {@return the seeded redemption codes, one in each state at least} */
    public List<RedemptionCode> codes() {
        return codes;
    }

    /**
     * The seeded code in this state.
     *
     * @param state the state
     * @return the first seeded code in it
     */
    public RedemptionCode code(CodeState state) {
        return find(codes, code -> code.state() == state, "a code in state " + state);
    }

    /** {@return the seeded AI models} */
    public List<AiModel> models() {
        return models;
    }

    /** {@return the one fallback model} */
    public AiModel fallbackModel() {
        return find(models, AiModel::fallback, "the fallback model");
    }

    /** {@return the seeded prompt templates} */
    public List<PromptTemplate> templates() {
        return templates;
    }

    /** {@return the seeded goals} */
    public List<Goal> goals() {
        return goals;
    }

    /**
     * The user's seeded balance.
     *
     * @param userId a seeded user
     * @return the balance
     */
    public Balance balance(UUID userId) {
        return find(balances, balance -> balance.userId().equals(userId), "balance of " + userId);
    }

    /** {@return the seeded balances} */
    public List<Balance> balances() {
        return balances;
    }

    private static <T> T find(List<T> items, Predicate<T> predicate, String what) {
        return items.stream().filter(predicate).findFirst().orElseThrow(() -> new NoSuchElementException("the seed has no " + what));
    }
}
