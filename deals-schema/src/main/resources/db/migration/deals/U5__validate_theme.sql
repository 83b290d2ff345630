-- Undoes V5__validate_theme.sql: the constraint goes back to NOT VALID (PostgreSQL cannot un-validate, so it is
-- dropped and added again as V4 added it).
ALTER TABLE user_preferences DROP CONSTRAINT valid_theme;
ALTER TABLE user_preferences
    ADD CONSTRAINT valid_theme CHECK (theme IN ('light', 'dark', 'system')) NOT VALID;
