package org.agenticdeals.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Inserts the rows schema tests need, as the owner (a superuser, so row-level security does not apply). */
final class Rows {

    private final DataSource owner;

    Rows(DataSource owner) {
        this.owner = owner;
    }

    UUID user(String email) throws SQLException {
        return insert("INSERT INTO deals.users (email, hashed_password) VALUES (?, '$2a$12$hash') RETURNING id", email);
    }

    UUID market(String name) throws SQLException {
        return insert("INSERT INTO deals.markets (name) VALUES (?) RETURNING id", name);
    }

    UUID source(String name) throws SQLException {
        return insert("INSERT INTO deals.sources (name, type) VALUES (?, 'api') RETURNING id", name);
    }

    UUID deal(String title) throws SQLException {
        UUID market = market("market for " + title);
        UUID source = source("source for " + title);
        return insert("INSERT INTO deals.deals (title, original_price, current_price, discount_percentage, url, market_id, source_id)"
                + " VALUES (?, 100, 80, 20, 'https://example.com/deal', '" + market + "', '" + source + "') RETURNING id", title);
    }

    /** One row in every user-owned table for {@code user}; returns the user's goal id. */
    UUID everythingOf(UUID user, UUID deal) throws SQLException {
        String id = "'" + user + "'";
        TestPostgres.execute(owner,
                "INSERT INTO deals.user_preferences (user_id) VALUES (" + id + ")",
                "INSERT INTO deals.notification_settings (user_id) VALUES (" + id + ")",
                "INSERT INTO deals.saved_deals (user_id, deal_id) VALUES (" + id + ", '" + deal + "')",
                "INSERT INTO deals.user_token_balances (user_id, balance, lifetime_earned) VALUES (" + id + ", 10, 10)",
                "INSERT INTO deals.token_transactions (id, user_id, transaction_type, amount, balance_after) VALUES ('"
                        + user + "', " + id + ", 'signup_bonus', 10, 10)",
                "INSERT INTO deals.token_transaction_keys (idempotency_key, user_id, transaction_id, transaction_created_at)"
                        + " VALUES ('signup:" + user + "', " + id + ", '" + user + "', now())",
                "INSERT INTO deals.token_redemption_codes (code, token_amount) VALUES ('CODE-" + user + "', 10)",
                "INSERT INTO deals.token_code_redemptions (code_id, user_id, transaction_id, redeemed_at)"
                        + " SELECT id, " + id + ", '" + user + "', now() FROM deals.token_redemption_codes WHERE code = 'CODE-" + user + "'",
                "INSERT INTO deals.token_expiring_credits (transaction_id, user_id, transaction_type, amount, granted_at, expires_at)"
                        + " VALUES ('" + user + "', " + id + ", 'signup_bonus', 10, now(), now() + interval '30 days')",
                "INSERT INTO deals.shared_deals (user_id, deal_id, share_type, public_link_id) VALUES (" + id + ", '" + deal
                        + "', 'link', '" + user.toString().replace("-", "") + "')",
                "INSERT INTO deals.social_interactions (user_id, deal_id, interaction_type) VALUES (" + id + ", '" + deal + "', 'view')",
                "INSERT INTO deals.ai_models (name, provider, version, token_cost_per_1k, max_tokens, capabilities)"
                        + " VALUES ('model-" + user + "', 'test', '1', 1, 1000, '[]')",
                "INSERT INTO deals.ai_analysis_requests (user_id, deal_id, usage_type, model_id, prompt, tokens_charged)"
                        + " SELECT " + id + ", '" + deal + "', 'deal_analysis', id, 'prompt', 1 FROM deals.ai_models WHERE name = 'model-" + user + "'",
                "INSERT INTO deals.notifications (user_id, type, title, content) VALUES (" + id + ", 'system_message', 'hi', 'hello')");
        UUID goal = insert("INSERT INTO deals.user_goals (user_id, title, parameters) VALUES (?, 'goal', '{}') RETURNING id", user);
        TestPostgres.execute(owner, "INSERT INTO deals.goal_deals (goal_id, deal_id, relevance_score) VALUES ('" + goal + "', '" + deal + "', 50)");
        return goal;
    }

    private UUID insert(String sql, Object parameter) throws SQLException {
        try (Connection connection = owner.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }
}
