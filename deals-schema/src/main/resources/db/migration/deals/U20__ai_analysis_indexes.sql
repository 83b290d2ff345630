-- Undoes V20__ai_analysis_indexes.sql: the spec's indexes come back.
CREATE INDEX CONCURRENTLY idx_ai_requests_user ON ai_analysis_requests (user_id);
CREATE INDEX CONCURRENTLY idx_ai_requests_status ON ai_analysis_requests (status);
DROP INDEX CONCURRENTLY uq_ai_models_fallback;
DROP INDEX CONCURRENTLY uq_ai_requests_idempotency;
DROP INDEX CONCURRENTLY idx_ai_requests_user_requested_at;
DROP INDEX CONCURRENTLY idx_ai_requests_processing;
DROP INDEX CONCURRENTLY idx_ai_requests_pending;
