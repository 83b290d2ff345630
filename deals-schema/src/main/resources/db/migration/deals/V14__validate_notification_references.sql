-- Validates V11's foreign keys of notifications: a scan that takes SHARE UPDATE EXCLUSIVE, so writers go on.
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_goal_id_fkey;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_deal_id_fkey;
