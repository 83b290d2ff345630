package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.UUID;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

/** The database refuses what the spec forbids, naming the constraint that refused it. */
class ConstraintTest {

    private static PostgresDatabase database;
    private static Rows rows;
    private static UUID market;
    private static UUID source;
    private static UUID user;

    @BeforeAll
    static void seed() throws SQLException {
        database = TestPostgres.migratedDatabase();
        rows = new Rows(database.ownerDataSource());
        market = rows.market("Amazon");
        source = rows.source("Amazon API");
        user = rows.user("constraints@example.com");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @ParameterizedTest(name = "original {0}, current {1}, discount {2} -> {3}")
    @CsvSource({
            "0, 10, 0, positive_prices",
            "10, 0, 0, positive_prices",
            "-5, 10, 0, positive_prices",
            "100, 80, 100.01, valid_discount",
            "100, 80, -1, valid_discount"})
    void dealsRefuseNonPositivePricesAndDiscountsOutsideZeroToHundred(String original, String current, String discount,
                                                                       String constraint) {
        assertRefused("INSERT INTO deals.deals (title, original_price, current_price, discount_percentage, url, market_id, source_id)"
                + " VALUES ('x', " + original + ", " + current + ", " + discount + ", 'https://x', '" + market + "', '" + source + "')",
                "23514", constraint);
    }

    @Test
    void discountBoundariesZeroAndHundredAreAllowed() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(),
                "INSERT INTO deals.deals (title, original_price, current_price, discount_percentage, url, market_id, source_id)"
                        + " VALUES ('free', 10, 10, 0, 'https://x', '" + market + "', '" + source + "'),"
                        + " ('all', 10, 0.01, 100, 'https://y', '" + market + "', '" + source + "')");
    }

    @Test
    void aBalanceCannotGoNegative() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(), "INSERT INTO deals.user_token_balances (user_id) VALUES ('" + user + "')");

        assertRefused("UPDATE deals.user_token_balances SET balance = balance - 1 WHERE user_id = '" + user + "'", "23514", "positive_balance");
    }

    @Test
    void aTransactionCannotMoveZeroTokens() {
        assertRefused("INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after) VALUES ('"
                + user + "', 'purchase', 0, 0)", "23514", "valid_amount");
    }

    @ParameterizedTest
    @CsvSource({"1.01", "-0.01", "2"})
    void reliabilityMustBeBetweenZeroAndOne(String score) {
        assertRefused("INSERT INTO deals.sources (name, type, reliability_score) VALUES ('s" + score + "', 'scraper', " + score + ")",
                "23514", "valid_reliability_score");
    }

    @Test
    void unknownEnumValuesAreRefused() {
        assertRefused("INSERT INTO deals.users (email, hashed_password, role) VALUES ('root@example.com', 'x', 'superuser')", "22P02", null);
        assertRefused("INSERT INTO deals.sources (name, type) VALUES ('rss', 'rss_feed')", "22P02", null);
        assertRefused("INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after) VALUES ('"
                + user + "', 'gift', 1, 1)", "22P02", null);
    }

    @Test
    void anEmailIsUniqueRegardlessOfCase() throws SQLException {
        rows.user("Duplicate@Example.com");

        assertRefused("INSERT INTO deals.users (email, hashed_password) VALUES ('duplicate@example.COM', 'x')", "23505", "idx_users_email");
    }

    @Test
    void aCategoryNameIsUniqueUnderItsParentAndAmongRoots() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(),
                "INSERT INTO deals.categories (id, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'Electronics')",
                "INSERT INTO deals.categories (name, parent_id) VALUES ('Audio', '00000000-0000-0000-0000-00000000000a')");

        assertRefused("INSERT INTO deals.categories (name, parent_id) VALUES ('Audio', '00000000-0000-0000-0000-00000000000a')",
                "23505", "unique_name_per_parent");
        assertRefused("INSERT INTO deals.categories (name) VALUES ('Electronics')", "23505", "uq_categories_root_name");
        TestPostgres.execute(database.ownerDataSource(), "INSERT INTO deals.categories (name) VALUES ('Audio')");
    }

    @Test
    void aCodeIsNeverRedeemedMoreOftenThanItsMaximum() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(),
                "INSERT INTO deals.token_redemption_codes (code, token_amount, max_redemptions) VALUES ('WELCOME5', 50, 5)");

        assertRefused("UPDATE deals.token_redemption_codes SET redemptions_count = 6 WHERE code = 'WELCOME5'", "23514", "redemptions_within_limit");
        assertRefused("INSERT INTO deals.token_redemption_codes (code, token_amount, max_redemptions) VALUES ('ZERO', 50, 0)",
                "23514", "valid_max_redemptions");
    }

    @Test
    void aGoalsPriorityIsOneToTenAndItsParametersAnObject() {
        assertRefused("INSERT INTO deals.user_goals (user_id, title, parameters, priority) VALUES ('" + user + "', 'g', '{}', 11)",
                "23514", "valid_priority");
        assertRefused("INSERT INTO deals.user_goals (user_id, title, parameters) VALUES ('" + user + "', 'g', '[1]')",
                "23514", "parameters_is_object");
    }

    @Test
    void onlyOnePromptTemplateVersionPerUsageTypeIsActive() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(),
                "INSERT INTO deals.ai_prompt_templates (name, template_text, version, usage_type) VALUES ('analysis', 'v1 {deal}', '1', 'deal_analysis')",
                "INSERT INTO deals.ai_prompt_templates (name, template_text, version, usage_type, is_active) VALUES ('analysis', 'v2 {deal}', '2', 'deal_analysis', false)");

        assertRefused("UPDATE deals.ai_prompt_templates SET is_active = true WHERE version = '2'", "23505", "uq_prompt_templates_active_usage");
        assertRefused("INSERT INTO deals.ai_prompt_templates (name, template_text, version, usage_type, is_active) VALUES ('analysis', 'again', '1', 'other', false)",
                "23505", "unique_template_version");
    }

    @Test
    void anAnalysisRequestNeedsADealAUrlOrAProductName() {
        assertRefused("INSERT INTO deals.ai_analysis_requests (user_id) VALUES ('" + user + "')", "23514", "has_subject");
    }

    private static void assertRefused(String sql, String sqlState, String constraint) {
        assertThatThrownBy(() -> TestPostgres.execute(database.ownerDataSource(), sql))
                .as(sql)
                .isInstanceOfSatisfying(PSQLException.class, refused -> {
                    assertThat(refused.getSQLState()).isEqualTo(sqlState);
                    if (constraint != null) {
                        assertThat(refused.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
                    }
                });
    }
}
