-- AI analysis (issue 9): models, prompt templates and a paid, crash-safe request queue.
--
-- A request records what it was charged for: the usage type, the model selected, the template version and the
-- prompt rendered from it (so a later template version cannot change a queued request), the ledger row of the
-- charge, and what a worker did with it: the claim (worker, time, attempt count), the tokens the model used and the
-- tokens refunded. status_fields states which of them each status has; the library's transitions keep to it.
--
-- Online: the new columns have constant defaults or none; the constraints are added NOT VALID and validated by V21;
-- the indexes are built CONCURRENTLY by V20.

ALTER TABLE ai_analysis_requests
    ADD COLUMN usage_type            VARCHAR(100),
    ADD COLUMN model_id              UUID,
    ADD COLUMN prompt_template_id    UUID,
    ADD COLUMN prompt                TEXT,
    ADD COLUMN charge_transaction_id UUID,
    ADD COLUMN tokens_used           INTEGER,
    ADD COLUMN tokens_refunded       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN attempts              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN worker_id             VARCHAR(100),
    ADD COLUMN claimed_at            TIMESTAMP WITH TIME ZONE,
    ADD COLUMN idempotency_key       VARCHAR(200);

ALTER TABLE ai_analysis_requests ADD CONSTRAINT ai_analysis_requests_model_id_fkey
    FOREIGN KEY (model_id) REFERENCES ai_models (id) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT ai_analysis_requests_prompt_template_id_fkey
    FOREIGN KEY (prompt_template_id) REFERENCES ai_prompt_templates (id) NOT VALID;
-- What a queued request needs to be worked on.
ALTER TABLE ai_analysis_requests ADD CONSTRAINT queue_fields
    CHECK (usage_type IS NOT NULL AND model_id IS NOT NULL AND prompt IS NOT NULL AND tokens_charged IS NOT NULL) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT status_fields CHECK (
    CASE status
        WHEN 'pending' THEN worker_id IS NULL AND claimed_at IS NULL AND completed_at IS NULL AND result IS NULL
        WHEN 'processing' THEN worker_id IS NOT NULL AND claimed_at IS NOT NULL AND completed_at IS NULL AND result IS NULL
        WHEN 'completed' THEN completed_at IS NOT NULL AND result IS NOT NULL AND tokens_used IS NOT NULL AND error_message IS NULL
        WHEN 'failed' THEN completed_at IS NOT NULL AND result IS NULL AND error_message IS NOT NULL
    END) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT refund_within_charge
    CHECK (tokens_refunded >= 0 AND tokens_refunded <= coalesce(tokens_charged, 0)) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT non_negative_tokens_used CHECK (tokens_used >= 0) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT non_negative_attempts CHECK (attempts >= 0) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT result_is_object CHECK (jsonb_typeof(result) = 'object') NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT error_message_length CHECK (char_length(error_message) <= 2000) NOT VALID;

ALTER TABLE ai_models ADD CONSTRAINT capabilities_is_array CHECK (jsonb_typeof(capabilities) = 'array') NOT VALID;

-- Exactly one active version per usage type: the partial unique index uq_prompt_templates_active_usage (V1) allows
-- at most one; this deferred check, at commit, that a usage type with versions keeps an active one. Switching
-- versions is then one transaction that deactivates the old and activates the new, in either order.
CREATE FUNCTION require_active_prompt_template() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    usage TEXT;
BEGIN
    FOREACH usage IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.usage_type END,
                                 CASE WHEN TG_OP <> 'DELETE' THEN NEW.usage_type END] LOOP
        IF usage IS NOT NULL
           AND EXISTS (SELECT FROM ai_prompt_templates WHERE usage_type = usage)
           AND NOT EXISTS (SELECT FROM ai_prompt_templates WHERE usage_type = usage AND is_active) THEN
            RAISE EXCEPTION 'usage type % has prompt templates but no active version', usage
                USING ERRCODE = 'check_violation', CONSTRAINT = 'one_active_template_per_usage';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER trg_prompt_templates_one_active
    AFTER INSERT OR UPDATE OF is_active, usage_type OR DELETE ON ai_prompt_templates
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION require_active_prompt_template();

-- What a model costs decides what users are charged, and the active template decides what the model is asked:
-- both are audited like the ledger's admin adjustments.
CREATE FUNCTION audit_ai_model() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
    VALUES (current_actor_id(), CASE WHEN TG_OP = 'INSERT' THEN 'ai_model.registered' ELSE 'ai_model.changed' END,
            TG_TABLE_NAME, NEW.id::TEXT,
            CASE WHEN TG_OP = 'UPDATE'
                 THEN jsonb_build_object('is_active', OLD.is_active, 'is_fallback', OLD.is_fallback,
                                         'token_cost_per_1k', OLD.token_cost_per_1k, 'max_tokens', OLD.max_tokens) END,
            jsonb_build_object('name', NEW.name, 'is_active', NEW.is_active, 'is_fallback', NEW.is_fallback,
                               'token_cost_per_1k', NEW.token_cost_per_1k, 'max_tokens', NEW.max_tokens));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_ai_models_audit_insert
    AFTER INSERT ON ai_models
    FOR EACH ROW EXECUTE FUNCTION audit_ai_model();

CREATE TRIGGER trg_ai_models_audit_update
    AFTER UPDATE OF is_active, is_fallback, token_cost_per_1k, max_tokens ON ai_models
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.is_fallback IS DISTINCT FROM NEW.is_fallback
          OR OLD.token_cost_per_1k IS DISTINCT FROM NEW.token_cost_per_1k OR OLD.max_tokens IS DISTINCT FROM NEW.max_tokens)
    EXECUTE FUNCTION audit_ai_model();

CREATE FUNCTION audit_prompt_template() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
    VALUES (current_actor_id(),
            CASE WHEN TG_OP = 'INSERT' THEN 'prompt_template.published'
                 WHEN NEW.is_active THEN 'prompt_template.activated'
                 ELSE 'prompt_template.deactivated' END,
            TG_TABLE_NAME, NEW.id::TEXT,
            CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('is_active', OLD.is_active) END,
            jsonb_build_object('name', NEW.name, 'version', NEW.version, 'usage_type', NEW.usage_type, 'is_active', NEW.is_active));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_prompt_templates_audit_insert
    AFTER INSERT ON ai_prompt_templates
    FOR EACH ROW EXECUTE FUNCTION audit_prompt_template();

CREATE TRIGGER trg_prompt_templates_audit_active
    AFTER UPDATE OF is_active ON ai_prompt_templates
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION audit_prompt_template();
