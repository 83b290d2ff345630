-- Undoes V4__email_verification_and_time_zones.sql.
ALTER TABLE user_preferences DROP CONSTRAINT valid_theme;
ALTER TABLE notification_settings DROP COLUMN time_zone;
ALTER TABLE users DROP COLUMN verification_token_expires_at;
