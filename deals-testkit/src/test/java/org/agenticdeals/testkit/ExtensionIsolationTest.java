package org.agenticdeals.testkit;

import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each test method gets a database of its own: what one test writes, the next never sees. */
class ExtensionIsolationTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @RepeatedTest(3)
    void aWriteInOneTestIsNotSeenByTheNext(TestDatabase test, SeedData seed) {
        DSLContext owner = test.ownerDsl();
        int before = owner.fetchCount(MARKETS);

        owner.insertInto(MARKETS).set(MARKETS.NAME, "Isolation Market").execute();

        assertThat(before).isEqualTo(seed.markets().size());
        assertThat(owner.fetchCount(MARKETS)).isEqualTo(seed.markets().size() + 1);
    }

    @Test
    void injectedDataSourceAndDslConnectAsTheApplicationRoleUnderRowLevelSecurity(DataSource dataSource, DSLContext dsl,
                                                                                  TestDatabase test) {
        DSLContext viaDataSource = DSL.using(dataSource, SQLDialect.POSTGRES);

        assertThat(viaDataSource.fetchValue("SELECT current_user")).isEqualTo(test.application().user());
        assertThat(dsl.fetchCount(NOTIFICATIONS)).as("no user context: no user-owned rows").isZero();
        assertThat(test.ownerDsl().fetchCount(NOTIFICATIONS)).isGreaterThan(10);
        int inSystemContext = dsl.transactionResult(configuration -> {
            configuration.dsl().execute("SELECT set_config('app.system_context', 'on', true)");
            return configuration.dsl().fetchCount(NOTIFICATIONS);
        });
        assertThat(inSystemContext).isEqualTo(test.ownerDsl().fetchCount(NOTIFICATIONS));
    }

    @Test
    void fixturesAddRowsWithMeaningfulDefaults(Fixtures fixtures, TestDatabase test) {
        var buyer = fixtures.user().email("buyer@example.com").create();
        var deal = fixtures.deal().title("Espresso machine").originalPrice("249.99").price("199.99").create();
        var goal = fixtures.goal().user(buyer.getId()).title("Coffee").create();

        assertThat(buyer.getRole().getLiteral()).isEqualTo("user");
        assertThat(deal.getDiscountPercentage()).isEqualByComparingTo("20.00");
        assertThat(deal.getMarketId()).isNotNull();
        assertThat(goal.getUserId()).isEqualTo(buyer.getId());
        assertThat(test.ownerDsl().fetchValue("SELECT count(*) FROM deals.user_token_balances WHERE user_id = ?", buyer.getId()))
                .isEqualTo(1L);
    }
}
