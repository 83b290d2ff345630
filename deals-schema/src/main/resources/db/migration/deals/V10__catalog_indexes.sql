-- The catalog's indexes, built CONCURRENTLY: ingestion's upsert key (one row per source and URL), full-text
-- search, and the three orders search pages by, over active deals only.
CREATE UNIQUE INDEX CONCURRENTLY uq_deals_source_url ON deals (source_id, url);
CREATE INDEX CONCURRENTLY idx_deals_search ON deals USING gin (search_vector);
CREATE INDEX CONCURRENTLY idx_deals_active_newest ON deals (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX CONCURRENTLY idx_deals_active_discount ON deals (discount_percentage DESC, id DESC) WHERE status = 'active';
CREATE INDEX CONCURRENTLY idx_deals_active_price ON deals (current_price, id) WHERE status = 'active';
