-- Undoes V14__validate_notification_references.sql: the foreign keys go back to NOT VALID (PostgreSQL cannot
-- un-validate, so they are dropped and added again as V11 added them).
ALTER TABLE notifications DROP CONSTRAINT notifications_deal_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_goal_id_fkey;
ALTER TABLE notifications ADD CONSTRAINT notifications_goal_id_fkey
    FOREIGN KEY (goal_id) REFERENCES user_goals (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE notifications ADD CONSTRAINT notifications_deal_id_fkey
    FOREIGN KEY (deal_id) REFERENCES deals (id) ON DELETE CASCADE NOT VALID;
