-- Sharing and social interactions (issue 8).
--
-- Every share carries a public link id: the library draws 24 bytes from SecureRandom and writes them as 32
-- characters of URL-safe Base64 (e-mail and social shares send the same kind of link). Social shares record
-- their platform; e-mail shares their recipients; messages are capped.
--
-- A click through a link is an interaction like any other, so a link's visitor need not be signed in: user_id
-- becomes optional for clicks only, and an interaction remembers the share it came through. click_count is then
-- checkable: it equals the share's recorded clicks, because resolve_shared_link writes both in one statement's
-- transaction.
--
-- Online: the new columns have no defaults; the constraints are added NOT VALID and validated by V17; the indexes
-- are built CONCURRENTLY by V16.

ALTER TABLE shared_deals ADD COLUMN platform VARCHAR(50);
ALTER TABLE shared_deals ADD CONSTRAINT public_link_id_format
    CHECK (public_link_id IS NOT NULL AND public_link_id ~ '^[A-Za-z0-9_-]{32}$') NOT VALID;
ALTER TABLE shared_deals ADD CONSTRAINT channel_fields
    CHECK ((share_type = 'email') = (recipients IS NOT NULL) AND (share_type = 'social') = (platform IS NOT NULL)) NOT VALID;
ALTER TABLE shared_deals ADD CONSTRAINT message_length CHECK (char_length(message) <= 500) NOT VALID;

-- Dropping NOT NULL only changes the catalog.
ALTER TABLE social_interactions ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE social_interactions ADD COLUMN share_id UUID;
ALTER TABLE social_interactions ADD CONSTRAINT social_interactions_share_id_fkey
    FOREIGN KEY (share_id) REFERENCES shared_deals (id) NOT VALID;
ALTER TABLE social_interactions ADD CONSTRAINT only_clicks_are_anonymous
    CHECK (user_id IS NOT NULL OR interaction_type = 'click') NOT VALID;
ALTER TABLE social_interactions ADD CONSTRAINT metadata_is_object CHECK (jsonb_typeof(metadata) = 'object') NOT VALID;

-- Resolving a link is what anonymous visitors do, so it cannot run in a user's security context, and it must not
-- need the whole system context either: this function is the one door. It counts the click and records it if the
-- share is active and unexpired and its deal is active and unexpired at resolved_at, and returns what happened
-- ('resolved', or why not: 'unknown', 'deactivated', 'expired', 'deal_unavailable') for the library to log; callers
-- show every refusal alike. The count is exact under concurrency: the UPDATE takes the share's row lock, and a
-- waiting resolve re-reads the row it finally updates.
CREATE FUNCTION resolve_shared_link(link_id TEXT, visitor_id UUID, resolved_at TIMESTAMPTZ)
    RETURNS TABLE (outcome TEXT, share_id UUID, deal_id UUID)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    -- The owner is subject to row-level security too (FORCE); for this call only, the system context lets it in.
    SET app.system_context = 'on'
AS $$
BEGIN
    UPDATE shared_deals s
    SET click_count = s.click_count + 1
    WHERE s.public_link_id = link_id
      AND s.is_active
      AND (s.expires_at IS NULL OR s.expires_at > resolved_at)
      AND EXISTS (SELECT FROM deals d
                  WHERE d.id = s.deal_id AND d.status = 'active' AND (d.expires_at IS NULL OR d.expires_at > resolved_at))
    RETURNING s.id, s.deal_id INTO share_id, deal_id;

    IF FOUND THEN
        INSERT INTO social_interactions (user_id, deal_id, interaction_type, share_id, created_at)
        VALUES (visitor_id, deal_id, 'click', share_id, resolved_at);
        outcome := 'resolved';
        RETURN NEXT;
        RETURN;
    END IF;

    SELECT CASE
               WHEN NOT s.is_active THEN 'deactivated'
               WHEN s.expires_at <= resolved_at THEN 'expired'
               ELSE 'deal_unavailable'
           END, s.id, s.deal_id
    INTO outcome, share_id, deal_id
    FROM shared_deals s
    WHERE s.public_link_id = link_id;
    IF NOT FOUND THEN
        outcome := 'unknown';
    END IF;
    RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION resolve_shared_link(TEXT, UUID, TIMESTAMPTZ) FROM PUBLIC;
