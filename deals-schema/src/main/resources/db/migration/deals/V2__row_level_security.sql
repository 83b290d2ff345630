-- Row-level security on every user-owned table, keyed on the transaction-local setting app.current_user_id.
--
-- * FORCE makes the table owner subject to the policies too; only superusers (and BYPASSRLS roles) escape.
-- * Fails closed: with app.current_user_id unset or empty no user-owned row is visible or writable.
-- * The system context (app.system_context = 'on') is the one other way in, for matching jobs, expiry
--   jobs and admin work. The library sets both settings with set_config(..., true), so they end with the
--   transaction and never leak to the next borrower of a pooled connection.
--
-- Policies call the helper functions through scalar sub-selects: PostgreSQL then evaluates each once per
-- statement (an InitPlan) instead of once per row, and `user_id = (SELECT ...)` stays usable as an index
-- condition. See docs/security.md.

CREATE FUNCTION current_app_user_id() RETURNS UUID
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT nullif(current_setting('app.current_user_id', TRUE), '')::UUID
$$;

CREATE FUNCTION in_system_context() RETURNS BOOLEAN
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT coalesce(current_setting('app.system_context', TRUE), '') = 'on'
$$;

ALTER TABLE user_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON user_preferences
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON notification_settings
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE saved_deals ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_deals FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON saved_deals
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE user_goals ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_goals FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON user_goals
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

-- goal_deals has no user_id: a row belongs to the owner of its goal (the sub-select is itself subject to
-- the user_goals policy).
ALTER TABLE goal_deals ENABLE ROW LEVEL SECURITY;
ALTER TABLE goal_deals FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON goal_deals
    USING ((SELECT in_system_context())
           OR EXISTS (SELECT 1 FROM user_goals goal
                      WHERE goal.id = goal_deals.goal_id AND goal.user_id = (SELECT current_app_user_id())))
    WITH CHECK ((SELECT in_system_context())
                OR EXISTS (SELECT 1 FROM user_goals goal
                           WHERE goal.id = goal_deals.goal_id AND goal.user_id = (SELECT current_app_user_id())));

ALTER TABLE user_token_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_token_balances FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON user_token_balances
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

-- On the partitioned parent; partitions are reached only through it (the application role has no
-- privileges on them).
ALTER TABLE token_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE token_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON token_transactions
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE token_transaction_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE token_transaction_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON token_transaction_keys
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE shared_deals ENABLE ROW LEVEL SECURITY;
ALTER TABLE shared_deals FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON shared_deals
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE social_interactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE social_interactions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON social_interactions
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE ai_analysis_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_analysis_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON ai_analysis_requests
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON notifications
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));
