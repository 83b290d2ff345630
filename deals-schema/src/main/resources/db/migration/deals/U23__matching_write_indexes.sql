-- Undoes V23__matching_write_indexes.sql: the spec's indexes come back.
CREATE INDEX CONCURRENTLY idx_goal_deals_relevance ON goal_deals (relevance_score);
CREATE INDEX CONCURRENTLY idx_goal_deals_goal ON goal_deals (goal_id);
