-- The ledger benchmark's baseline as a pgbench script: one debit = set the context, UPDATE the balance
-- RETURNING it, INSERT the transaction row, in one transaction.
--   spread:   pgbench -n -f debit.sql -D users=100000 -c 8 -j 2 -T 20 <database>
--   hot user: pgbench -n -f debit.sql -D users=1 -c 8 -j 2 -T 20 <database>
\set n random(1, :users)
BEGIN;
SELECT set_config('app.current_user_id', user_id::text, true) FROM bench_users WHERE n = :n;
UPDATE deals.user_token_balances SET balance = balance - 1, lifetime_spent = lifetime_spent + 1
    WHERE user_id = (SELECT user_id FROM bench_users WHERE n = :n) AND balance >= 1
    RETURNING balance;
INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after)
    SELECT user_id, 'ai_usage', -1, 0 FROM bench_users WHERE n = :n;
END;
