package org.agenticdeals.testkit;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.SOURCES;
import static org.agenticdeals.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.schema.DealsSchema;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed is realistic, internally consistent, and byte-identical for the same random seed. */
class SeedTest {

    /** Every table of the schema whose rows a seed writes (audit_log and Flyway's history are not seed data). */
    private static final List<String> SEEDED_TABLES = List.of("users", "user_preferences", "notification_settings", "markets",
            "categories", "sources", "deals", "saved_deals", "user_goals", "goal_deals", "user_token_balances",
            "token_transactions", "token_expiring_credits", "token_packages", "token_redemption_codes", "shared_deals", "social_interactions",
            "ai_models", "ai_prompt_templates", "ai_analysis_requests", "notifications");

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void demoHasDozensOfRowsInEveryTable(TestDatabase test) {
        Map<String, Integer> counts = counts(test.ownerDsl());

        assertThat(counts).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
        assertThat(counts.get("deals")).isEqualTo(60);
        assertThat(counts.get("users")).isEqualTo(12);
        assertThat(counts.get("markets")).isGreaterThanOrEqualTo(8);
        assertThat(counts.get("token_transactions")).isGreaterThan(20);
    }

    @Test
    void theCategoryTreeIsThreeLevelsDeepAndEverySourceTypeIsPresent(TestDatabase test, SeedData seed) {
        DSLContext owner = test.ownerDsl();

        assertThat(seed.categories()).extracting(SeedData.Category::depth).contains(1, 2, 3).allMatch(depth -> depth <= 3);
        assertThat(owner.fetchCount(CATEGORIES, CATEGORIES.PARENT_ID.isNull())).isEqualTo(4);
        assertThat(owner.selectDistinct(SOURCES.TYPE).from(SOURCES).fetch(SOURCES.TYPE)).containsExactlyInAnyOrder(SourceType.values());
        assertThat(seed.category("Electronics/Audio/Headphones").parentId()).isEqualTo(seed.category("Electronics/Audio").id());
    }

    @Test
    void dealsHaveRealPricesAndDiscountsComputedFromThem(TestDatabase test) {
        var deals = test.ownerDsl().selectFrom(DEALS).fetch();

        assertThat(deals).allSatisfy(deal -> {
            assertThat(deal.getCurrentPrice()).isPositive().isLessThanOrEqualTo(deal.getOriginalPrice());
            assertThat(deal.getDiscountPercentage()).isEqualByComparingTo(deal.getOriginalPrice().subtract(deal.getCurrentPrice())
                    .multiply(java.math.BigDecimal.valueOf(100)).divide(deal.getOriginalPrice(), 2, java.math.RoundingMode.HALF_UP));
            assertThat(deal.getTitle()).matches("[A-Z][\\w&'.-]*( [\\w&'.-]+)* [A-Z]{2}-\\d{3,4} .+, .+");
        });
        assertThat(deals.stream().map(deal -> deal.getSourceId() + " " + deal.getUrl()).distinct()).hasSize(deals.size());
    }

    @Test
    void everyBalanceIsTheSumOfItsLedgerAndTheBalanceAfterChainHolds(TestDatabase test) {
        var mismatches = test.ownerDsl().fetch("""
                WITH chain AS (
                    SELECT user_id, amount, balance_after,
                           sum(amount) OVER (PARTITION BY user_id ORDER BY created_at, id) AS running
                    FROM deals.token_transactions)
                SELECT b.user_id FROM deals.user_token_balances b
                WHERE b.balance <> (SELECT coalesce(sum(amount), 0) FROM deals.token_transactions t WHERE t.user_id = b.user_id)
                   OR b.lifetime_earned <> (SELECT coalesce(sum(amount), 0) FROM deals.token_transactions t WHERE t.user_id = b.user_id AND amount > 0)
                   OR b.lifetime_spent <> (SELECT coalesce(-sum(amount), 0) FROM deals.token_transactions t WHERE t.user_id = b.user_id AND amount < 0)
                   OR EXISTS (SELECT 1 FROM chain c WHERE c.user_id = b.user_id AND c.running <> c.balance_after)
                """);

        assertThat(mismatches).isEmpty();
    }

    @Test
    void seededUsersLogInWithTheKnownPassword(TestDatabase test, SeedData seed) {
        String hash = test.ownerDsl().select(USERS.HASHED_PASSWORD).from(USERS).where(USERS.ID.eq(seed.user("alice@example.com").id()))
                .fetchOne(USERS.HASHED_PASSWORD);

        assertThat(BCrypt.verifyer().verify(SeedData.PASSWORD.toCharArray(), hash).verified).isTrue();
        assertThat(hash).startsWith("$2a$04$");
    }

    @Test
    void handlesNameTheStatesTestsNeed(SeedData seed) {
        assertThat(seed.code(SeedData.CodeState.EXHAUSTED).redemptionsCount()).isEqualTo(seed.code(SeedData.CodeState.EXHAUSTED).maxRedemptions());
        assertThat(seed.models()).filteredOn(SeedData.AiModel::fallback).hasSize(1);
        assertThat(seed.admin().email()).isEqualTo("admin@example.com");
        assertThat(seed.regularUsers()).hasSize(8);
        assertThat(seed.deals()).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void theSameRandomSeedGivesByteIdenticalDataAndAnotherGivesOther(TestDatabase test) throws Exception {
        DealsTestkit testkit = DealsTestkit.shared();
        try (TestDatabase first = testkit.database(Seed.empty());
             TestDatabase second = testkit.database(Seed.empty());
             TestDatabase other = testkit.database(Seed.empty())) {
            write(first, Seed.demo());
            write(second, Seed.demo());
            write(other, Seed.demo().withRandomSeed(7));

            Map<String, String> firstDigest = digests(first.ownerDsl());
            assertThat(digests(second.ownerDsl())).isEqualTo(firstDigest);
            assertThat(digests(test.ownerDsl())).as("the template the extension copied").isEqualTo(firstDigest);
            assertThat(digests(other.ownerDsl()).get("deals")).isNotEqualTo(firstDigest.get("deals"));
        }
    }

    @Test
    void aLargeSeedLoadsItsDealsWithCopyAndAThousandUsers() throws Exception {
        try (TestDatabase large = DealsTestkit.shared().database(Seed.large(5_000))) {
            assertThat(large.ownerDsl().fetchCount(DEALS)).isEqualTo(5_000);
            assertThat(large.ownerDsl().fetchCount(USERS)).isEqualTo(1_000);
            assertThat(large.seedData().deals().get(4_999))
                    .isEqualTo(large.ownerDsl().select(DEALS.ID).from(DEALS).where(DEALS.METADATA.cast(String.class).like("%\"seed_index\": 4999}"))
                            .fetchOne(DEALS.ID));
        }
    }

    @Test
    void aBulkLoadedSeedEndsWithTheIndexesAndForeignKeysTheMigrationsDefine(TestDatabase test) {
        try (TestDatabase bulk = DealsTestkit.shared().database(Seed.large(SeedGenerator.BULK_LOAD_DEALS))) {
            assertThat(definitions(bulk.ownerDsl())).isEqualTo(definitions(test.ownerDsl())).hasSizeGreaterThan(10);
            assertThat(bulk.ownerDsl().fetchCount(DEALS, DEALS.SEARCH_VECTOR.isNull())).isZero();
            assertThat(bulk.ownerDsl().fetchValue("SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'deals.deals'::regclass"))
                    .isEqualTo(true);
        }
    }

    /** The deals table's index and constraint definitions. */
    private static List<String> definitions(DSLContext owner) {
        return owner.fetch("""
                SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'deals.deals'::regclass
                UNION ALL
                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'deals.deals'::regclass
                ORDER BY 1
                """).getValues(0, String.class);
    }

    private static void write(TestDatabase database, Seed seed) throws Exception {
        try (Connection connection = database.ownerDataSource().getConnection()) {
            new SeedGenerator(seed).write(connection);
        }
    }

    private static Map<String, Integer> counts(DSLContext owner) {
        var counts = new LinkedHashMap<String, Integer>();
        for (String table : SEEDED_TABLES) {
            counts.put(table, owner.fetchOne("SELECT count(*) FROM " + DealsSchema.DEFAULT_SCHEMA + "." + table).get(0, Integer.class));
        }
        return counts;
    }

    /** An md5 of every row of every seeded table, in a stable order. */
    private static Map<String, String> digests(DSLContext owner) {
        var digests = new LinkedHashMap<String, String>();
        for (String table : SEEDED_TABLES) {
            digests.put(table, owner.fetchOne("SELECT md5(coalesce(string_agg(row_text, E'\\n' ORDER BY row_text), ''))"
                    + " FROM (SELECT t::text AS row_text FROM deals." + table + " t) rows").get(0, String.class));
        }
        return digests;
    }
}
