-- Undoes V12__backfill_goal_match_columns.sql: nothing to do. The backfill changed data, not the catalogue, and
-- V11's trigger keeps the columns right for as long as they exist.
SELECT 1;
