-- Validates V15's constraints: scans that take SHARE UPDATE EXCLUSIVE, so writers go on.
ALTER TABLE shared_deals VALIDATE CONSTRAINT public_link_id_format;
ALTER TABLE shared_deals VALIDATE CONSTRAINT channel_fields;
ALTER TABLE shared_deals VALIDATE CONSTRAINT message_length;
ALTER TABLE social_interactions VALIDATE CONSTRAINT social_interactions_share_id_fkey;
ALTER TABLE social_interactions VALIDATE CONSTRAINT only_clicks_are_anonymous;
ALTER TABLE social_interactions VALIDATE CONSTRAINT metadata_is_object;
