-- Undoes V18__category_path_cached_plan.sql: category_path as V8 wrote it.
CREATE OR REPLACE FUNCTION category_path(category UUID) RETURNS TEXT[]
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
