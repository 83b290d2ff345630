-- Prepares a migrated database (schema deals) for debit.sql: 100,000 users with balances, numbered so pgbench
-- can pick one with \set. Run as the owner, after `deals-schema-<version>-cli.jar migrate`.
CREATE TABLE IF NOT EXISTS bench_users (n INTEGER PRIMARY KEY, user_id UUID NOT NULL);
INSERT INTO deals.users (id, email, hashed_password)
    SELECT gen_random_uuid(), 'pgbench' || g || '@example.com', 'x' FROM generate_series(1, 100000) g;
INSERT INTO bench_users (n, user_id)
    SELECT row_number() OVER (ORDER BY email), id FROM deals.users WHERE email LIKE 'pgbench%';
INSERT INTO deals.user_token_balances (user_id, balance, lifetime_earned)
    SELECT user_id, 1000000000, 1000000000 FROM bench_users;
VACUUM ANALYZE bench_users, deals.users, deals.user_token_balances;
