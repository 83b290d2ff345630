-- Undoes V21__validate_ai_analysis_constraints.sql: the constraints go back to NOT VALID (PostgreSQL cannot
-- un-validate, so they are dropped and added again as V19 added them).
ALTER TABLE ai_models DROP CONSTRAINT capabilities_is_array;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT error_message_length;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT result_is_object;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT non_negative_attempts;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT non_negative_tokens_used;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT refund_within_charge;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT status_fields;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT queue_fields;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT ai_analysis_requests_prompt_template_id_fkey;
ALTER TABLE ai_analysis_requests DROP CONSTRAINT ai_analysis_requests_model_id_fkey;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT ai_analysis_requests_model_id_fkey
    FOREIGN KEY (model_id) REFERENCES ai_models (id) NOT VALID;
ALTER TABLE ai_analysis_requests ADD CONSTRAINT ai_analysis_requests_prompt_template_id_fkey
    FOREIGN KEY (prompt_template_id) REFERENCES ai_prompt_templates (id) NOT VALID;
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
