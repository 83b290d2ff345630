-- Undoes V10__catalog_indexes.sql.
DROP INDEX CONCURRENTLY idx_deals_active_price;
DROP INDEX CONCURRENTLY idx_deals_active_discount;
DROP INDEX CONCURRENTLY idx_deals_active_newest;
DROP INDEX CONCURRENTLY idx_deals_search;
DROP INDEX CONCURRENTLY uq_deals_source_url;
