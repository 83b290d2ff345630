-- Undoes V8__catalog.sql.
DROP FUNCTION refresh_deal_statistics();
DROP MATERIALIZED VIEW deal_statistics;
DROP FUNCTION category_path(UUID);
DROP TRIGGER trg_deals_updated_at ON deals;
CREATE TRIGGER trg_deals_updated_at BEFORE UPDATE ON deals
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
DROP TRIGGER trg_deals_search_vector_update ON deals;
DROP TRIGGER trg_deals_search_vector_insert ON deals;
DROP FUNCTION set_deal_search_vector();
ALTER TABLE deals DROP COLUMN search_vector;
DROP FUNCTION deal_search_vector(TEXT, TEXT);
DROP TABLE deal_price_history;
ALTER TABLE categories DROP COLUMN is_active;
