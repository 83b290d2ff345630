-- audit_log: an append-only record of sensitive changes, written by triggers so no code path can skip it.
--
-- Audited: a user's role or active flag changing; every admin_adjustment of a token balance; a redemption
-- code being created, deactivated or reactivated. The actor is app.actor_id when the library sets it (an
-- admin acting in the system context), else app.current_user_id, else NULL (a job or a migration);
-- database_user always records the login role.
--
-- The trigger functions are SECURITY DEFINER (owned by the schema owner) so the application role needs
-- no INSERT on audit_log: it may read the log, never write or change it.

CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    actor_id      UUID,
    database_user TEXT NOT NULL DEFAULT session_user,
    action        TEXT NOT NULL,
    table_name    TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    old_values    JSONB,
    new_values    JSONB
);

CREATE INDEX idx_audit_log_row ON audit_log (table_name, row_id);
CREATE INDEX idx_audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX idx_audit_log_actor ON audit_log (actor_id);

CREATE FUNCTION current_actor_id() RETURNS UUID
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
    SELECT coalesce(nullif(current_setting('app.actor_id', TRUE), '')::UUID, current_app_user_id())
$$;

CREATE FUNCTION audit_user_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    IF NEW.role IS DISTINCT FROM OLD.role THEN
        INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
        VALUES (current_actor_id(), 'user.role_changed', TG_TABLE_NAME, NEW.id::TEXT,
                jsonb_build_object('role', OLD.role), jsonb_build_object('role', NEW.role));
    END IF;
    IF NEW.is_active IS DISTINCT FROM OLD.is_active THEN
        INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
        VALUES (current_actor_id(), CASE WHEN NEW.is_active THEN 'user.reactivated' ELSE 'user.deactivated' END,
                TG_TABLE_NAME, NEW.id::TEXT,
                jsonb_build_object('is_active', OLD.is_active), jsonb_build_object('is_active', NEW.is_active));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_users_audit
    AFTER UPDATE OF role, is_active ON users
    FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION audit_user_change();

-- The balance change itself is what the transaction row records: balance_after is the new balance and
-- balance_after - amount the old one.
CREATE FUNCTION audit_admin_adjustment() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
    VALUES (current_actor_id(), 'tokens.admin_adjustment', 'user_token_balances', NEW.user_id::TEXT,
            jsonb_build_object('balance', NEW.balance_after - NEW.amount),
            jsonb_build_object('balance', NEW.balance_after, 'amount', NEW.amount,
                               'transaction_id', NEW.id, 'description', NEW.description));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_token_transactions_audit
    AFTER INSERT ON token_transactions
    FOR EACH ROW
    WHEN (NEW.transaction_type = 'admin_adjustment')
    EXECUTE FUNCTION audit_admin_adjustment();

CREATE FUNCTION audit_redemption_code() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
        VALUES (current_actor_id(), 'redemption_code.created', TG_TABLE_NAME, NEW.id::TEXT, NULL,
                jsonb_build_object('code', NEW.code, 'token_amount', NEW.token_amount,
                                   'max_redemptions', NEW.max_redemptions, 'expires_at', NEW.expires_at,
                                   'is_active', NEW.is_active, 'created_by', NEW.created_by));
    ELSE
        INSERT INTO audit_log (actor_id, action, table_name, row_id, old_values, new_values)
        VALUES (current_actor_id(),
                CASE WHEN NEW.is_active THEN 'redemption_code.reactivated' ELSE 'redemption_code.deactivated' END,
                TG_TABLE_NAME, NEW.id::TEXT,
                jsonb_build_object('is_active', OLD.is_active), jsonb_build_object('is_active', NEW.is_active));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_redemption_codes_audit_insert
    AFTER INSERT ON token_redemption_codes
    FOR EACH ROW
    EXECUTE FUNCTION audit_redemption_code();

CREATE TRIGGER trg_redemption_codes_audit_active
    AFTER UPDATE OF is_active ON token_redemption_codes
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION audit_redemption_code();
