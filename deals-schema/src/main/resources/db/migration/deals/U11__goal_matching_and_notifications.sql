-- Undoes V11__goal_matching_and_notifications.sql.
DROP TRIGGER trg_user_goals_match_columns ON user_goals;
DROP FUNCTION set_goal_match_columns();
ALTER TABLE user_goals
    DROP COLUMN match_markets,
    DROP COLUMN match_categories,
    DROP COLUMN any_lexemes,
    DROP COLUMN required_lexemes,
    DROP COLUMN match_terms,
    DROP COLUMN match_query;
DROP FUNCTION notification_deliver_after(TIME, TIME, TEXT, TIMESTAMPTZ);
DROP FUNCTION goal_deal_relevance(NUMERIC, NUMERIC, NUMERIC, INTEGER, INTEGER, INTEGER, NUMERIC);
DROP FUNCTION rounded_share(NUMERIC, NUMERIC);
DROP FUNCTION goal_any_lexemes(JSONB);
DROP FUNCTION goal_required_lexemes(JSONB);
DROP FUNCTION goal_match_query(JSONB);
DROP FUNCTION goal_keyword_terms(JSONB);
DROP AGGREGATE any_of(tsquery);
DROP AGGREGATE all_of(tsquery);
DROP TRIGGER trg_user_goals_updated_at ON user_goals;
CREATE TRIGGER trg_user_goals_updated_at BEFORE UPDATE ON user_goals
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE notifications
    DROP COLUMN delivered_at,
    DROP COLUMN delivery_claimed_until,
    DROP COLUMN deliver_after,
    DROP COLUMN deliver_push,
    DROP COLUMN deliver_email,
    DROP COLUMN deal_id,
    DROP COLUMN goal_id;
ALTER TABLE goal_deals DROP COLUMN alerted_at;
