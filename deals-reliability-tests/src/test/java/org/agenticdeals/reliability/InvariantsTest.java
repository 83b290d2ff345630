package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks the fault and load tests end with are not vacuous: they pass on the seed, which has rows of every kind they
 * look at, and each one reports the damage done to it by hand (as the owner, behind the library's back).
 */
@Tag("reliability")
class InvariantsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void theSeedKeepsEveryInvariant(Deals deals, TestDatabase test, SeedData seed) {
        DSLContext owner = test.ownerDsl();
        assertThat(owner.fetchValue("select count(*) from deals.ai_analysis_requests")).as("seeded requests").isNotEqualTo(0L);
        assertThat(owner.fetchValue("select count(*) from deals.shared_deals")).as("seeded shares").isNotEqualTo(0L);
        assertThat(owner.fetchValue("select count(*) from deals.goal_deals")).as("seeded matches").isNotEqualTo(0L);

        assertThat(new Invariants(deals, test).all(users(seed))).isEmpty();
    }

    @Test
    void aBalanceOffItsLedgerAndAKeyWithoutItsTransactionAreReported(Deals deals, TestDatabase test, SeedData seed) {
        UUID user = seed.regularUsers().get(0).id();
        test.ownerDsl().execute("update deals.user_token_balances set balance = balance + 1, lifetime_earned = lifetime_earned + 1 where user_id = ?", user);
        test.ownerDsl().execute("insert into deals.token_transaction_keys (idempotency_key, user_id, transaction_id, transaction_created_at)"
                + " values ('purchase:lost', ?, gen_random_uuid(), now())", user);

        assertThat(new Invariants(deals, test).ledger()).anySatisfy(violation -> assertThat(violation).startsWith("balance disagrees"))
                .anySatisfy(violation -> assertThat(violation).startsWith("idempotency key without its transaction"));
    }

    @Test
    void aClickCountOffItsRecordedClicksIsReported(Deals deals, TestDatabase test) {
        test.ownerDsl().execute("update deals.shared_deals set click_count = click_count + 1 where id = (select min(id::text)::uuid from deals.shared_deals)");

        assertThat(new Invariants(deals, test).clicks()).singleElement().asString().startsWith("click count differs");
    }

    @Test
    void aGoalOverItsCapAndAlertsOutOfStepWithTheirMatchesAreReported(Deals deals, TestDatabase test, SeedData seed) {
        DSLContext owner = test.ownerDsl();
        UUID goal = seed.goals().get(0).id();
        // The seeded goals keep 20 matches at most.
        owner.execute("insert into deals.goal_deals (goal_id, deal_id, relevance_score, status) select ?, d.id, 50, 'active' from deals.deals d"
                + " where not exists (select from deals.goal_deals m where m.goal_id = ? and m.deal_id = d.id) limit 21", goal, goal);
        var match = owner.fetchOne("select goal_id, deal_id from deals.goal_deals where goal_id = ? limit 1", goal);
        owner.execute("update deals.goal_deals set alerted_at = now() where goal_id = ? and deal_id = ?", match.get(0), match.get(1));
        var other = owner.fetchOne("select goal_id, deal_id from deals.goal_deals where goal_id = ? and alerted_at is null limit 1", goal);
        owner.execute("drop index deals.uq_notifications_goal_deal_alert");
        for (int copy = 0; copy < 2; copy++) {
            owner.execute("insert into deals.notifications (user_id, type, title, content, goal_id, deal_id) select user_id, 'deal_alert', 'x', 'x', id, ?"
                    + " from deals.user_goals where id = ?", other.get(1), goal);
        }

        assertThat(new Invariants(deals, test).goalMatches())
                .anySatisfy(violation -> assertThat(violation).startsWith("goal over its match cap"))
                .anySatisfy(violation -> assertThat(violation).startsWith("deal alerted twice"))
                .anySatisfy(violation -> assertThat(violation).startsWith("alert whose match is not marked alerted"))
                .anySatisfy(violation -> assertThat(violation).startsWith("match marked alerted without an alert"));
    }

    @Test
    void requestsOutOfStepWithTheirChargesAndRefundsAreReported(Deals deals, TestDatabase test, SeedData seed) {
        DSLContext owner = test.ownerDsl();
        owner.execute("update deals.ai_analysis_requests set charge_transaction_id = gen_random_uuid()"
                + " where id = (select min(id::text)::uuid from deals.ai_analysis_requests where status = 'completed')");
        owner.execute("update deals.ai_analysis_requests set tokens_refunded = tokens_refunded - 1"
                + " where id = (select min(id::text)::uuid from deals.ai_analysis_requests where status = 'failed')");

        assertThat(new Invariants(deals, test).analysis(users(seed)))
                .anySatisfy(violation -> assertThat(violation).startsWith("charged request without its ledger charge"))
                .anySatisfy(violation -> assertThat(violation).startsWith("analysis charge without its request"))
                .anySatisfy(violation -> assertThat(violation).startsWith("request whose ledger refunds differ"))
                .anySatisfy(violation -> assertThat(violation).startsWith("request refunded against its status"));
    }

    private static List<UUID> users(SeedData seed) {
        return seed.users().stream().map(SeedData.User::id).toList();
    }
}
