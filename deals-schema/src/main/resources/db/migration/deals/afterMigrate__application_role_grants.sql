-- The application role's privileges, re-applied exactly after every migrate (Flyway callback).
--
-- Set the placeholder applicationRole (DealsSchema.Builder.applicationRole) to the non-superuser role the
-- services connect as; when it is empty this callback does nothing. All of the role's table privileges in
-- the schema are revoked and granted again from the matrix below, so the matrix is the whole truth: a
-- table missing from it is not reachable by the application at all. Append-only tables (the token ledger,
-- the audit log) get no UPDATE or DELETE; the audit log is read-only (its triggers write as the owner).
DO $grants$
DECLARE
    app_role   TEXT := '${applicationRole}';
    app_schema TEXT := '${flyway:defaultSchema}';
    entry      RECORD;
BEGIN
    IF app_role = '' THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', app_schema, app_role);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', app_schema, app_role);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', app_schema, app_role);

    FOR entry IN
        SELECT * FROM (VALUES
            ('users',                  'SELECT, INSERT, UPDATE'),
            ('user_preferences',       'SELECT, INSERT, UPDATE'),
            ('notification_settings',  'SELECT, INSERT, UPDATE'),
            ('markets',                'SELECT, INSERT, UPDATE'),
            ('categories',             'SELECT, INSERT, UPDATE'),
            ('sources',                'SELECT, INSERT, UPDATE'),
            ('deals',                  'SELECT, INSERT, UPDATE'),
            ('deal_price_history',     'SELECT, INSERT'),
            ('deal_statistics',        'SELECT'),
            ('saved_deals',            'SELECT, INSERT, UPDATE, DELETE'),
            ('user_goals',             'SELECT, INSERT, UPDATE'),
            ('goal_deals',             'SELECT, INSERT, UPDATE, DELETE'),
            ('user_token_balances',    'SELECT, INSERT, UPDATE'),
            ('token_transactions',     'SELECT, INSERT'),
            ('token_transaction_keys', 'SELECT, INSERT'),
            ('token_code_redemptions', 'SELECT, INSERT'),
            ('token_expiring_credits', 'SELECT, INSERT, UPDATE'),
            ('token_packages',         'SELECT, INSERT, UPDATE'),
            ('token_redemption_codes', 'SELECT, INSERT, UPDATE'),
            ('shared_deals',           'SELECT, INSERT, UPDATE'),
            ('social_interactions',    'SELECT, INSERT'),
            ('ai_models',              'SELECT, INSERT, UPDATE'),
            ('ai_prompt_templates',    'SELECT, INSERT, UPDATE'),
            ('ai_analysis_requests',   'SELECT, INSERT, UPDATE'),
            ('notifications',          'SELECT, INSERT, UPDATE, DELETE'),
            ('audit_log',              'SELECT'),
            ('flyway_schema_history',  'SELECT')
        ) AS matrix (table_name, privileges)
    LOOP
        IF to_regclass(format('%I.%I', app_schema, entry.table_name)) IS NOT NULL THEN
            EXECUTE format('GRANT %s ON %I.%I TO %I', entry.privileges, app_schema, entry.table_name, app_role);
        END IF;
    END LOOP;

    IF to_regprocedure(format('%I.refresh_deal_statistics()', app_schema)) IS NOT NULL THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %I.refresh_deal_statistics() TO %I', app_schema, app_role);
    END IF;

    IF to_regprocedure(format('%I.resolve_shared_link(text, uuid, timestamptz)', app_schema)) IS NOT NULL THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %I.resolve_shared_link(text, uuid, timestamptz) TO %I', app_schema, app_role);
    END IF;

    IF to_regprocedure(format('%I.ensure_token_transaction_partitions(date, integer)', app_schema)) IS NOT NULL THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %I.ensure_token_transaction_partitions(date, integer) TO %I',
                       app_schema, app_role);
    END IF;
END
$grants$;
