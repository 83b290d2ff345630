package org.agenticdeals.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.ledger.Reconciliation;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;

/**
 * What must hold after any storm, whatever was killed when. Each check returns the violations it found, described
 * (empty when it holds), read as the owner so row-level security hides nothing.
 */
final class Invariants {

    private final Deals deals;
    private final DSLContext owner;

    Invariants(Deals deals, TestDatabase database) {
        this.deals = deals;
        this.owner = database.ownerDsl();
    }

    /**
     * The ledger: {@code reconcileAll()} is empty (every balance row equals its ledger's sums and chain), no balance is
     * negative, and every idempotency key names a transaction that exists.
     */
    List<String> ledger() {
        var violations = new ArrayList<String>();
        for (Reconciliation unreconciled : deals.ledger().reconcileAll()) {
            violations.add("balance disagrees with its ledger: " + unreconciled);
        }
        describe(violations, "negative balance", "select user_id, balance from deals.user_token_balances where balance < 0");
        describe(violations, "idempotency key without its transaction", """
                select k.idempotency_key, k.transaction_id from deals.token_transaction_keys k
                where not exists (select from deals.token_transactions t where t.id = k.transaction_id)""");
        return violations;
    }

    /** Shared links: every share's {@code click_count} equals the {@code click} interactions recorded for it. */
    List<String> clicks() {
        var violations = new ArrayList<String>();
        describe(violations, "click count differs from the recorded clicks", """
                select s.id, s.click_count, count(i.id) as recorded_clicks from deals.shared_deals s
                left join deals.social_interactions i on i.share_id = s.id and i.interaction_type = 'click'
                group by s.id, s.click_count having s.click_count <> count(i.id)""");
        return violations;
    }

    /**
     * Goal matching: no goal holds more active matches than its {@code max_matches}, no goal alerted a deal twice,
     * every alert's match is marked alerted, and every match marked alerted has its alert or a place in a digest.
     */
    List<String> goalMatches() {
        var violations = new ArrayList<String>();
        describe(violations, "goal over its match cap", """
                select g.id, count(*) as active_matches, coalesce((g.parameters ->> 'max_matches')::int, 100) as cap
                from deals.user_goals g join deals.goal_deals m on m.goal_id = g.id and m.status = 'active'
                group by g.id having count(*) > coalesce((g.parameters ->> 'max_matches')::int, 100)""");
        describe(violations, "deal alerted twice for one goal", """
                select goal_id, deal_id, count(*) from deals.notifications
                where type = 'deal_alert' and deal_id is not null group by goal_id, deal_id having count(*) > 1""");
        describe(violations, "alert whose match is not marked alerted", """
                select n.id, n.goal_id, n.deal_id from deals.notifications n
                where n.type = 'deal_alert' and n.deal_id is not null
                  and not exists (select from deals.goal_deals m where m.goal_id = n.goal_id and m.deal_id = n.deal_id and m.alerted_at is not null)""");
        describe(violations, "match marked alerted without an alert or a digest", """
                select m.goal_id, m.deal_id from deals.goal_deals m
                where m.alerted_at is not null and not exists (
                    select from deals.notifications n where n.goal_id = m.goal_id and n.type = 'deal_alert'
                      and (n.deal_id = m.deal_id or n.deal_id is null and (n.metadata -> 'deal_ids') @> jsonb_build_array(m.deal_id)))""");
        return violations;
    }

    /**
     * The analysis queue: every charged request has its ledger charge (its id, amount and user), every
     * {@code ai_usage} row of {@code analysisUsers} is a request's charge, every request's refunds in the ledger add up
     * to its {@code tokens_refunded}, a failed request was refunded in full and an unfinished one not at all.
     */
    List<String> analysis(Collection<UUID> analysisUsers) {
        var violations = new ArrayList<String>();
        describe(violations, "charged request without its ledger charge", """
                select r.id, r.tokens_charged, r.charge_transaction_id from deals.ai_analysis_requests r
                where r.tokens_charged > 0 and not exists (
                    select from deals.token_transactions t where t.id = r.charge_transaction_id and t.transaction_type = 'ai_usage'
                      and t.reference_id = r.id and t.amount = -r.tokens_charged and t.user_id = r.user_id)""");
        describe(violations, "analysis charge without its request", """
                select t.id, t.user_id, t.amount, t.reference_id from deals.token_transactions t
                where t.transaction_type = 'ai_usage' and t.user_id = any(?::uuid[])
                  and not exists (select from deals.ai_analysis_requests r where r.charge_transaction_id = t.id and r.id = t.reference_id)""",
                (Object) analysisUsers.toArray(UUID[]::new));
        describe(violations, "request whose ledger refunds differ from its tokens_refunded", """
                select r.id, r.tokens_refunded, coalesce(sum(t.amount), 0) as refunded_in_ledger from deals.ai_analysis_requests r
                left join deals.token_transactions t on t.transaction_type = 'refund' and t.reference_id = r.charge_transaction_id
                group by r.id, r.tokens_refunded having r.tokens_refunded <> coalesce(sum(t.amount), 0)""");
        describe(violations, "request refunded against its status", """
                select id, status, tokens_charged, tokens_refunded from deals.ai_analysis_requests
                where status = 'failed' and tokens_refunded <> tokens_charged
                   or status in ('pending', 'processing') and tokens_refunded <> 0""");
        return violations;
    }

    /** Every check above. */
    List<String> all(Collection<UUID> analysisUsers) {
        var violations = new ArrayList<String>();
        violations.addAll(ledger());
        violations.addAll(clicks());
        violations.addAll(goalMatches());
        violations.addAll(analysis(analysisUsers));
        return violations;
    }

    private void describe(List<String> violations, String what, String sql, Object... bindings) {
        owner.fetch(sql, bindings).forEach(row -> violations.add(what + ": " + row.intoMap()));
    }
}
