-- Undoes V19__ai_analysis_queue.sql.
DROP TRIGGER trg_prompt_templates_audit_active ON ai_prompt_templates;
DROP TRIGGER trg_prompt_templates_audit_insert ON ai_prompt_templates;
DROP FUNCTION audit_prompt_template();
DROP TRIGGER trg_ai_models_audit_update ON ai_models;
DROP TRIGGER trg_ai_models_audit_insert ON ai_models;
DROP FUNCTION audit_ai_model();
DROP TRIGGER trg_prompt_templates_one_active ON ai_prompt_templates;
DROP FUNCTION require_active_prompt_template();
ALTER TABLE ai_models DROP CONSTRAINT capabilities_is_array;
ALTER TABLE ai_analysis_requests
    DROP CONSTRAINT error_message_length,
    DROP CONSTRAINT result_is_object,
    DROP CONSTRAINT non_negative_attempts,
    DROP CONSTRAINT non_negative_tokens_used,
    DROP CONSTRAINT refund_within_charge,
    DROP CONSTRAINT status_fields,
    DROP CONSTRAINT queue_fields,
    DROP CONSTRAINT ai_analysis_requests_prompt_template_id_fkey,
    DROP CONSTRAINT ai_analysis_requests_model_id_fkey,
    DROP COLUMN idempotency_key,
    DROP COLUMN claimed_at,
    DROP COLUMN worker_id,
    DROP COLUMN attempts,
    DROP COLUMN tokens_refunded,
    DROP COLUMN tokens_used,
    DROP COLUMN charge_transaction_id,
    DROP COLUMN prompt,
    DROP COLUMN prompt_template_id,
    DROP COLUMN model_id,
    DROP COLUMN usage_type;
