-- Undoes V3__audit_log.sql (run by DealsSchema.undoTo; open-source Flyway does not run undo scripts).
DROP TRIGGER trg_redemption_codes_audit_active ON token_redemption_codes;
DROP TRIGGER trg_redemption_codes_audit_insert ON token_redemption_codes;
DROP TRIGGER trg_token_transactions_audit ON token_transactions;
DROP TRIGGER trg_users_audit ON users;
DROP FUNCTION audit_redemption_code();
DROP FUNCTION audit_admin_adjustment();
DROP FUNCTION audit_user_change();
DROP FUNCTION current_actor_id();
DROP TABLE audit_log;
