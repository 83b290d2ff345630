-- Two of the spec's indexes on deals cost every ingested deal an index entry and serve no query (decisions.md
-- D52), built and dropped CONCURRENTLY:
--
-- idx_deals_status indexes four values over the whole catalog: no query of the library can use it (search
-- reads active deals through its order or text indexes, and so does everything else).
--
-- idx_deals_expires_at indexed every deal, most of which never expire. The one query it serves is the expiry
-- job's (expires_at <= now, which implies NOT NULL), so it now holds only the deals that can expire.
CREATE INDEX CONCURRENTLY idx_deals_expires_at_due ON deals (expires_at) WHERE expires_at IS NOT NULL;
DROP INDEX CONCURRENTLY idx_deals_expires_at;
DROP INDEX CONCURRENTLY idx_deals_status;
