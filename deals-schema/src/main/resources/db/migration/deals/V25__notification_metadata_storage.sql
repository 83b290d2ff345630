-- A digest notification (docs/notifications.md) lists the deals it folds in its metadata, and every matching run in
-- the hour appends to it: a jsonb value of a few kilobytes, moved out of line and compressed each time it is
-- rewritten. EXTERNAL keeps large values out of line but uncompressed, so a run's digest updates no longer spend
-- their time compressing (about a third of their cost; decisions.md D57). Small metadata stays inline as before.
ALTER TABLE notifications ALTER COLUMN metadata SET STORAGE EXTERNAL;
