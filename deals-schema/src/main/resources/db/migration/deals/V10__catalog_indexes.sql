-- The catalog's indexes, built CONCURRENTLY: ingestion's upsert key (one row per source and URL), full-text
-- search, and search's three orders with the id that breaks their ties.
--
-- The upsert key leads with source_id, so the spec's idx_deals_source only slows every write down (decisions.md
-- D28): it goes.
--
-- The spec's indexes on created_at, discount_percentage and current_price give way to (column, id) ones
-- (decisions.md D28): a page in those orders is a keyset page on (column, id), and without the id an ingested
-- batch (10,000 deals with one created_at) is one group the executor sorts in full, spilling to disk, before it
-- can return a page's first row. Partial copies for active deals were measured too: they cost a quarter of
-- ingestion's speed and gained nothing measurable.
CREATE UNIQUE INDEX CONCURRENTLY uq_deals_source_url ON deals (source_id, url);
DROP INDEX CONCURRENTLY idx_deals_source;
CREATE INDEX CONCURRENTLY idx_deals_search ON deals USING gin (search_vector);

CREATE INDEX CONCURRENTLY idx_deals_created_at_id ON deals (created_at, id);
DROP INDEX CONCURRENTLY idx_deals_created_at;
CREATE INDEX CONCURRENTLY idx_deals_discount_percentage_id ON deals (discount_percentage, id);
DROP INDEX CONCURRENTLY idx_deals_discount_percentage;
CREATE INDEX CONCURRENTLY idx_deals_current_price_id ON deals (current_price, id);
DROP INDEX CONCURRENTLY idx_deals_current_price;
