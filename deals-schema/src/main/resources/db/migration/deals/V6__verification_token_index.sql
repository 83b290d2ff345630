-- Verifying an e-mail address looks the user up by the hash of the token. Built CONCURRENTLY (its own
-- migration, outside a transaction) so users can keep registering and logging in meanwhile.
CREATE INDEX CONCURRENTLY idx_users_verification_token ON users (verification_token) WHERE verification_token IS NOT NULL;
