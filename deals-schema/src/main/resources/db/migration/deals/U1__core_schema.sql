-- Undoes V1__core_schema.sql (run by DealsSchema.undoTo; open-source Flyway does not run undo scripts).
-- Dropping token_transactions drops all of its partitions, including those made by the partition job.
DROP FUNCTION ensure_token_transaction_partitions(DATE, INTEGER);

DROP TABLE notification_settings;
DROP TABLE notifications;
DROP TABLE ai_analysis_requests;
DROP TABLE ai_prompt_templates;
DROP TABLE ai_models;
DROP TABLE social_interactions;
DROP TABLE shared_deals;
DROP TABLE token_redemption_codes;
DROP TABLE token_packages;
DROP TABLE token_transaction_keys;
DROP TABLE token_transactions;
DROP TABLE user_token_balances;
DROP TABLE goal_deals;
DROP TABLE user_goals;
DROP TABLE saved_deals;
DROP TABLE deals;
DROP TABLE sources;
DROP TABLE categories;
DROP TABLE markets;
DROP TABLE user_preferences;
DROP TABLE users;

DROP FUNCTION touch_updated_at();

DROP TYPE goal_deal_status;
DROP TYPE goal_status;
DROP TYPE source_status;
DROP TYPE notification_type;
DROP TYPE analysis_status;
DROP TYPE interaction_type;
DROP TYPE share_type;
DROP TYPE token_transaction_type;
DROP TYPE source_type;
DROP TYPE market_status;
DROP TYPE deal_status;
DROP TYPE user_role;
