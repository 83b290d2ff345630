-- Fills the match_ columns (V11) of the goals that existed before V11, 5,000 rows per transaction in primary-key
-- order, as V9 does for deals: no row stays locked for long and the table is never locked. Goals written meanwhile
-- get them from V11's trigger, which this update fires. Runs outside a transaction (see the .conf file) so it can
-- commit between batches.
DO $$
DECLARE
    done_through UUID := '00000000-0000-0000-0000-000000000000';
    batch_end    UUID;
BEGIN
    LOOP
        SELECT id INTO batch_end FROM user_goals WHERE id > done_through ORDER BY id OFFSET 4999 LIMIT 1;
        UPDATE user_goals SET parameters = parameters
        WHERE id > done_through AND (batch_end IS NULL OR id <= batch_end) AND match_terms IS NULL;
        COMMIT;
        EXIT WHEN batch_end IS NULL;
        done_through := batch_end;
    END LOOP;
    UPDATE user_goals SET parameters = parameters
    WHERE id = '00000000-0000-0000-0000-000000000000' AND match_terms IS NULL;
END
$$;
