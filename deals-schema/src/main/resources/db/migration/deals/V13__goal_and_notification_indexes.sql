-- The indexes goal matching and the notification inbox need, built CONCURRENTLY (V11 explains the rest).
--
-- A goal's matches by score (the cap keeps its best ones; listing them is a keyset walk of this index).
CREATE INDEX CONCURRENTLY idx_goal_deals_goal_score ON goal_deals (goal_id, relevance_score DESC, deal_id) WHERE status = 'active';
-- A user's goals in priority order.
CREATE INDEX CONCURRENTLY idx_user_goals_user_priority ON user_goals (user_id, priority, created_at, id);
-- The inbox: unread first, newest first, one keyset walk.
CREATE INDEX CONCURRENTLY idx_notifications_inbox ON notifications (user_id, is_read, created_at DESC, id DESC);
-- No second alert for a goal and a deal, whatever races.
CREATE UNIQUE INDEX CONCURRENTLY uq_notifications_goal_deal_alert ON notifications (goal_id, deal_id)
    WHERE type = 'deal_alert' AND deal_id IS NOT NULL;
-- Throttling counts a goal's alerts of the last hour.
CREATE INDEX CONCURRENTLY idx_notifications_goal_created ON notifications (goal_id, created_at) WHERE goal_id IS NOT NULL;
-- What senders claim: undelivered notifications for a channel, by the time they may go out.
CREATE INDEX CONCURRENTLY idx_notifications_pending ON notifications (deliver_after, id)
    WHERE delivered_at IS NULL AND (deliver_email OR deliver_push);
