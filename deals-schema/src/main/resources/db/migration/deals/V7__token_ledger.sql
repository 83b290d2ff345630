-- The token ledger (issue 5): a version on each balance row and a sequence on each transaction row (the
-- balance_after chain's order), one row per code redemption (a user redeems a code once), and the expiring
-- promotional credits the expiry job works from. See docs/ledger.md.
--
-- Online: the new columns are added without a volatile default (no rewrite; on the partitioned
-- token_transactions the column reaches every partition as a catalog change); the new tables are new.

ALTER TABLE user_token_balances ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

ALTER TABLE token_transactions ADD COLUMN sequence BIGINT;

CREATE TABLE token_code_redemptions (
    code_id        UUID NOT NULL REFERENCES token_redemption_codes (id) ON DELETE CASCADE,
    user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    transaction_id UUID NOT NULL,
    redeemed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (code_id, user_id)
);

CREATE INDEX idx_token_code_redemptions_user ON token_code_redemptions (user_id);

-- A promotional credit's tokens lapse at expires_at if unspent; expired_at and expired_amount record what the
-- expiry job took.
CREATE TABLE token_expiring_credits (
    transaction_id   UUID PRIMARY KEY,
    user_id          UUID                   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    transaction_type token_transaction_type NOT NULL,
    amount           INTEGER                NOT NULL,
    granted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expired_at       TIMESTAMP WITH TIME ZONE,
    expired_amount   INTEGER,
    CONSTRAINT positive_amount CHECK (amount > 0),
    CONSTRAINT expired_within_amount CHECK (expired_amount >= 0 AND expired_amount <= amount),
    CONSTRAINT expired_together CHECK ((expired_at IS NULL) = (expired_amount IS NULL))
);

CREATE INDEX idx_token_expiring_credits_due ON token_expiring_credits (expires_at) WHERE expired_at IS NULL;
CREATE INDEX idx_token_expiring_credits_user ON token_expiring_credits (user_id);

ALTER TABLE token_code_redemptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE token_code_redemptions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON token_code_redemptions
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));

ALTER TABLE token_expiring_credits ENABLE ROW LEVEL SECURITY;
ALTER TABLE token_expiring_credits FORCE ROW LEVEL SECURITY;
CREATE POLICY user_data_isolation ON token_expiring_credits
    USING ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()))
    WITH CHECK ((SELECT in_system_context()) OR user_id = (SELECT current_app_user_id()));
