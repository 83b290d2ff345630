-- Validates the check V4 added NOT VALID: a scan under SHARE UPDATE EXCLUSIVE, so writers keep writing.
ALTER TABLE user_preferences VALIDATE CONSTRAINT valid_theme;
