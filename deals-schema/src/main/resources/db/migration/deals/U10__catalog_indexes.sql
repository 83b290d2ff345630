-- Undoes V10__catalog_indexes.sql.
CREATE INDEX CONCURRENTLY idx_deals_current_price ON deals (current_price);
DROP INDEX CONCURRENTLY idx_deals_current_price_id;
CREATE INDEX CONCURRENTLY idx_deals_discount_percentage ON deals (discount_percentage);
DROP INDEX CONCURRENTLY idx_deals_discount_percentage_id;
CREATE INDEX CONCURRENTLY idx_deals_created_at ON deals (created_at);
DROP INDEX CONCURRENTLY idx_deals_created_at_id;
DROP INDEX CONCURRENTLY idx_deals_search;
CREATE INDEX CONCURRENTLY idx_deals_source ON deals (source_id);
DROP INDEX CONCURRENTLY uq_deals_source_url;
