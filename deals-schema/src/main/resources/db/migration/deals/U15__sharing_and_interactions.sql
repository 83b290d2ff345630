-- Undoes V15__sharing_and_interactions.sql. Anonymous clicks cannot survive user_id becoming required again, so
-- they are deleted first (their shares keep their click_count).
DROP FUNCTION resolve_shared_link(TEXT, UUID, TIMESTAMPTZ);
DELETE FROM social_interactions WHERE user_id IS NULL;
ALTER TABLE social_interactions DROP CONSTRAINT metadata_is_object;
ALTER TABLE social_interactions DROP CONSTRAINT only_clicks_are_anonymous;
ALTER TABLE social_interactions DROP CONSTRAINT social_interactions_share_id_fkey;
ALTER TABLE social_interactions DROP COLUMN share_id;
ALTER TABLE social_interactions ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE shared_deals DROP CONSTRAINT message_length;
ALTER TABLE shared_deals DROP CONSTRAINT channel_fields;
ALTER TABLE shared_deals DROP CONSTRAINT public_link_id_format;
ALTER TABLE shared_deals DROP COLUMN platform;
