-- Undoes V16__sharing_and_interaction_indexes.sql: the spec's indexes come back.
CREATE INDEX CONCURRENTLY idx_social_interactions_type ON social_interactions (interaction_type);
CREATE INDEX CONCURRENTLY idx_social_interactions_created_at ON social_interactions (created_at);
CREATE INDEX CONCURRENTLY idx_social_interactions_deal ON social_interactions (deal_id);
CREATE INDEX CONCURRENTLY idx_shared_deals_user ON shared_deals (user_id);
DROP INDEX CONCURRENTLY idx_social_interactions_share;
DROP INDEX CONCURRENTLY idx_social_interactions_created_at_deal;
DROP INDEX CONCURRENTLY idx_social_interactions_deal_created_at;
DROP INDEX CONCURRENTLY idx_shared_deals_user_created_at_id;
