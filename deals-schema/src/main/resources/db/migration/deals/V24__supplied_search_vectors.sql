-- Ingestion supplies every deal's search vector in its upsert (the stored one when the text is unchanged, else one
-- computed ahead, decisions.md D29 and D53). The update trigger recomputed it anyway for every updated deal, since
-- the upsert sets title and description: now it recomputes only when the text changed and the writer did not
-- supply a new vector, so a plain UPDATE of a title still gets its vector. CREATE OR REPLACE TRIGGER (PostgreSQL
-- 14+) swaps the trigger in one statement.
CREATE OR REPLACE TRIGGER trg_deals_search_vector_update
    BEFORE UPDATE OF title, description ON deals
    FOR EACH ROW
    WHEN ((NEW.title IS DISTINCT FROM OLD.title OR NEW.description IS DISTINCT FROM OLD.description)
          AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector)
    EXECUTE FUNCTION set_deal_search_vector();
