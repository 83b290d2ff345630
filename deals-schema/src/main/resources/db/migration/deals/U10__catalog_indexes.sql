-- Undoes V10__catalog_indexes.sql.
DROP INDEX CONCURRENTLY idx_deals_search;
DROP INDEX CONCURRENTLY uq_deals_source_url;
