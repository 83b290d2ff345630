-- Undoes V25__notification_metadata_storage.sql: large metadata is compressed again (values written since stay as
-- they are until rewritten).
ALTER TABLE notifications ALTER COLUMN metadata SET STORAGE EXTENDED;
