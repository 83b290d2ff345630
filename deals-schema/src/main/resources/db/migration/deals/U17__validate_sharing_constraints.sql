-- Undoes V17__validate_sharing_constraints.sql: the constraints go back to NOT VALID (PostgreSQL cannot
-- un-validate, so they are dropped and added again as V15 added them).
ALTER TABLE social_interactions DROP CONSTRAINT metadata_is_object;
ALTER TABLE social_interactions DROP CONSTRAINT only_clicks_are_anonymous;
ALTER TABLE social_interactions DROP CONSTRAINT social_interactions_share_id_fkey;
ALTER TABLE shared_deals DROP CONSTRAINT message_length;
ALTER TABLE shared_deals DROP CONSTRAINT channel_fields;
ALTER TABLE shared_deals DROP CONSTRAINT public_link_id_format;
ALTER TABLE shared_deals ADD CONSTRAINT public_link_id_format
    CHECK (public_link_id IS NOT NULL AND public_link_id ~ '^[A-Za-z0-9_-]{32}$') NOT VALID;
ALTER TABLE shared_deals ADD CONSTRAINT channel_fields
    CHECK ((share_type = 'email') = (recipients IS NOT NULL) AND (share_type = 'social') = (platform IS NOT NULL)) NOT VALID;
ALTER TABLE shared_deals ADD CONSTRAINT message_length CHECK (char_length(message) <= 500) NOT VALID;
ALTER TABLE social_interactions ADD CONSTRAINT social_interactions_share_id_fkey
    FOREIGN KEY (share_id) REFERENCES shared_deals (id) NOT VALID;
ALTER TABLE social_interactions ADD CONSTRAINT only_clicks_are_anonymous
    CHECK (user_id IS NOT NULL OR interaction_type = 'click') NOT VALID;
ALTER TABLE social_interactions ADD CONSTRAINT metadata_is_object CHECK (jsonb_typeof(metadata) = 'object') NOT VALID;
