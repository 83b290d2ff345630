-- The catalog's indexes, built CONCURRENTLY: ingestion's upsert key (one row per source and URL) and full-text
-- search. Search's orders use the spec's indexes on created_at, discount_percentage and current_price: partial
-- copies of them for active deals cost a quarter of ingestion's speed and gained nothing measurable.
CREATE UNIQUE INDEX CONCURRENTLY uq_deals_source_url ON deals (source_id, url);
CREATE INDEX CONCURRENTLY idx_deals_search ON deals USING gin (search_vector);
