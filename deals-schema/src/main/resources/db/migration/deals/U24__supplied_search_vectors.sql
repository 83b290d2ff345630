-- Undoes V24__supplied_search_vectors.sql: the update trigger recomputes the vector on every update of the text columns.
CREATE OR REPLACE TRIGGER trg_deals_search_vector_update
    BEFORE UPDATE OF title, description ON deals
    FOR EACH ROW EXECUTE FUNCTION set_deal_search_vector();
