-- Users: a verification token expires (the column verification_token holds the token's SHA-256, never the
-- token). Notification settings: quiet hours are wall-clock times, so they need the user's IANA time zone.
-- Preferences: the theme comes from a fixed set.
--
-- Online: both columns are added without a volatile default (no rewrite); the theme check is added NOT VALID
-- (no scan under lock) and validated by V5.

ALTER TABLE users ADD COLUMN verification_token_expires_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE notification_settings ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';

ALTER TABLE user_preferences
    ADD CONSTRAINT valid_theme CHECK (theme IN ('light', 'dark', 'system')) NOT VALID;
