-- Undoes V22__ingestion_indexes.sql: the spec's indexes come back.
CREATE INDEX CONCURRENTLY idx_deals_status ON deals (status);
CREATE INDEX CONCURRENTLY idx_deals_expires_at ON deals (expires_at);
DROP INDEX CONCURRENTLY idx_deals_expires_at_due;
