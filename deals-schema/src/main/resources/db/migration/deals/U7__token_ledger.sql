-- Undoes V7__token_ledger.sql.
DROP TABLE token_expiring_credits;
DROP TABLE token_code_redemptions;
ALTER TABLE token_transactions DROP COLUMN sequence;
ALTER TABLE user_token_balances DROP COLUMN version;
