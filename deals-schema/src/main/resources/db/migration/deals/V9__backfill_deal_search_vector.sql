-- Fills search_vector for the deals that existed before V8, 5,000 rows per transaction in primary-key order, so
-- no row stays locked for long, the table is never locked, and each batch starts where the last one ended
-- instead of scanning past the rows already filled. Deals written meanwhile get their vector from V8's
-- triggers. Runs outside a transaction (see the .conf file) so it can commit between batches.
DO $$
DECLARE
    done_through UUID := '00000000-0000-0000-0000-000000000000';
    batch_end    UUID;
BEGIN
    LOOP
        -- The 5,000th next id, or null for the last batch (no max(uuid) before PostgreSQL 18).
        SELECT id INTO batch_end FROM deals WHERE id > done_through ORDER BY id OFFSET 4999 LIMIT 1;
        UPDATE deals SET search_vector = deal_search_vector(title, description)
        WHERE id > done_through AND (batch_end IS NULL OR id <= batch_end) AND search_vector IS NULL;
        COMMIT;
        EXIT WHEN batch_end IS NULL;
        done_through := batch_end;
    END LOOP;
    -- The one id the walk starts after.
    UPDATE deals SET search_vector = deal_search_vector(title, description)
    WHERE id = '00000000-0000-0000-0000-000000000000' AND search_vector IS NULL;
END
$$;
