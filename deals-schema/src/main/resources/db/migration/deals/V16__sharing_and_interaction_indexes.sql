-- The indexes sharing and popularity read, built CONCURRENTLY (V15 explains the rest). The spec's single-column
-- indexes they make redundant go (decisions.md D39).
--
-- A user's shares, newest first: one keyset walk.
CREATE INDEX CONCURRENTLY idx_shared_deals_user_created_at_id ON shared_deals (user_id, created_at, id);
-- A deal's interactions by type over a time window, answered from the index alone.
CREATE INDEX CONCURRENTLY idx_social_interactions_deal_created_at ON social_interactions (deal_id, created_at) INCLUDE (interaction_type);
-- Trending: every interaction of the last 24 hours, answered from the index alone.
CREATE INDEX CONCURRENTLY idx_social_interactions_created_at_deal ON social_interactions (created_at) INCLUDE (deal_id, interaction_type);
-- A share's recorded clicks (and the foreign key's checks).
CREATE INDEX CONCURRENTLY idx_social_interactions_share ON social_interactions (share_id) WHERE share_id IS NOT NULL;
DROP INDEX CONCURRENTLY idx_shared_deals_user;
DROP INDEX CONCURRENTLY idx_social_interactions_deal;
DROP INDEX CONCURRENTLY idx_social_interactions_created_at;
DROP INDEX CONCURRENTLY idx_social_interactions_type;
