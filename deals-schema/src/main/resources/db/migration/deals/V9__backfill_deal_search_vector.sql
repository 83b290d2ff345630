-- Fills search_vector for the deals that existed before V8, 5,000 rows per transaction, so no row stays locked
-- for long and the table is never locked. Runs outside a transaction (see the .conf file) so it can commit
-- between batches.
DO $$
DECLARE
    filled INTEGER;
BEGIN
    LOOP
        UPDATE deals SET search_vector = deal_search_vector(title, description)
        WHERE id IN (SELECT id FROM deals WHERE search_vector IS NULL LIMIT 5000);
        GET DIAGNOSTICS filled = ROW_COUNT;
        COMMIT;
        EXIT WHEN filled = 0;
    END LOOP;
END
$$;
