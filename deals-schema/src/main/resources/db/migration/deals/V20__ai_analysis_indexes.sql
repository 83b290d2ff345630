-- The indexes the analysis queue reads, built CONCURRENTLY (V19 explains the rest). The spec's status and user
-- indexes they replace go (decisions.md D42).
--
-- The claim: the oldest pending request first; partial, so finished requests cost the claim nothing.
CREATE INDEX CONCURRENTLY idx_ai_requests_pending ON ai_analysis_requests (requested_at, id) WHERE status = 'pending';
-- The reclaim job: requests whose worker has held them too long.
CREATE INDEX CONCURRENTLY idx_ai_requests_processing ON ai_analysis_requests (claimed_at) WHERE status = 'processing';
-- A user's requests, newest first: one keyset walk.
CREATE INDEX CONCURRENTLY idx_ai_requests_user_requested_at ON ai_analysis_requests (user_id, requested_at, id);
-- A retried request with the same key finds the first one instead of paying twice.
CREATE UNIQUE INDEX CONCURRENTLY uq_ai_requests_idempotency ON ai_analysis_requests (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- At most one fallback model.
CREATE UNIQUE INDEX CONCURRENTLY uq_ai_models_fallback ON ai_models (is_fallback) WHERE is_fallback;
DROP INDEX CONCURRENTLY idx_ai_requests_status;
DROP INDEX CONCURRENTLY idx_ai_requests_user;
