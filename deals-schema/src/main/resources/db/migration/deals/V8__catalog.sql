-- The deal catalog (issue 6): categories can be deactivated, prices have a history, deals carry a weighted
-- full-text search vector (title A, description B), a category's path is one function call, and deal
-- statistics per market and category live in a materialized view refreshed concurrently.
--
-- Online: columns without volatile defaults; search_vector is filled for new and changed rows by a trigger from
-- here on and for existing rows by V9 in batches; its indexes are built CONCURRENTLY by V10.

ALTER TABLE categories ADD COLUMN is_active BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE deal_price_history (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id        UUID           NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    price          NUMERIC(10, 2) NOT NULL,
    original_price NUMERIC(10, 2) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT positive_prices CHECK (price > 0 AND original_price > 0)
);

CREATE INDEX idx_deal_price_history_deal ON deal_price_history (deal_id, recorded_at);

-- The one definition of what search matches: the title weighs more than the description.
CREATE FUNCTION deal_search_vector(title TEXT, description TEXT) RETURNS tsvector
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
$$;

ALTER TABLE deals ADD COLUMN search_vector tsvector;

CREATE FUNCTION set_deal_search_vector() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    NEW.search_vector := deal_search_vector(NEW.title, NEW.description);
    RETURN NEW;
END
$$;

-- Writers that supply the vector themselves (ingestion computes it set-wise) skip the trigger on insert.
CREATE TRIGGER trg_deals_search_vector_insert
    BEFORE INSERT ON deals
    FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION set_deal_search_vector();

CREATE TRIGGER trg_deals_search_vector_update
    BEFORE UPDATE OF title, description ON deals
    FOR EACH ROW EXECUTE FUNCTION set_deal_search_vector();

-- The vector is derived data: filling it (V9's backfill) is not a change of the deal, so it leaves updated_at
-- alone. (BEFORE triggers fire in name order: the vector is already recomputed when this condition is tested.)
DROP TRIGGER trg_deals_updated_at ON deals;
CREATE TRIGGER trg_deals_updated_at
    BEFORE UPDATE ON deals
    FOR EACH ROW
    WHEN (NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector OR NEW.title IS DISTINCT FROM OLD.title
          OR NEW.description IS DISTINCT FROM OLD.description)
    EXECUTE FUNCTION touch_updated_at();

-- The names from the root down to the category, e.g. {Electronics,Audio,Headphones}.
CREATE FUNCTION category_path(category UUID) RETURNS TEXT[]
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
    WITH RECURSIVE path (id, name, parent_id, depth) AS (
        SELECT id, name, parent_id, 0 FROM categories WHERE id = category
        UNION ALL
        SELECT parent.id, parent.name, parent.parent_id, path.depth + 1
        FROM categories parent JOIN path ON parent.id = path.parent_id
        WHERE path.depth < 64
    )
    SELECT array_agg(name ORDER BY depth DESC) FROM path
$$;

CREATE MATERIALIZED VIEW deal_statistics AS
SELECT market_id,
       coalesce(category_id, '00000000-0000-0000-0000-000000000000'::UUID) AS category_id,
       count(*)                              AS deal_count,
       round(avg(discount_percentage), 2)    AS average_discount,
       max(discount_percentage)              AS best_discount,
       min(current_price)                    AS lowest_price,
       max(current_price)                    AS highest_price
FROM deals
WHERE status = 'active'
GROUP BY market_id, coalesce(category_id, '00000000-0000-0000-0000-000000000000'::UUID);

-- REFRESH ... CONCURRENTLY needs a unique index; a deal without a category counts under the nil id.
CREATE UNIQUE INDEX uq_deal_statistics ON deal_statistics (market_id, category_id);

-- Refreshing needs the view's owner; the application role calls this instead. Readers are never blocked.
CREATE FUNCTION refresh_deal_statistics() RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    SET lock_timeout = '5s'
AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY deal_statistics;
END
$$;

REVOKE ALL ON FUNCTION refresh_deal_statistics() FROM PUBLIC;
