-- Undoes V6__verification_token_index.sql.
DROP INDEX CONCURRENTLY idx_users_verification_token;
