-- Validates V19's constraints: scans that take SHARE UPDATE EXCLUSIVE, so writers go on.
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT ai_analysis_requests_model_id_fkey;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT ai_analysis_requests_prompt_template_id_fkey;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT queue_fields;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT status_fields;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT refund_within_charge;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT non_negative_tokens_used;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT non_negative_attempts;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT result_is_object;
ALTER TABLE ai_analysis_requests VALIDATE CONSTRAINT error_message_length;
ALTER TABLE ai_models VALIDATE CONSTRAINT capabilities_is_array;
