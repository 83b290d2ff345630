-- category_path, as PL/pgSQL: a SQL-language function that cannot be inlined (a recursive query) is planned
-- again on every call, 170 µs here; PL/pgSQL keeps the plan for the session, 35 µs. Every search page and every
-- resolved share link calls it once per deal it shows. Same signature, same result (decisions.md D41).
CREATE OR REPLACE FUNCTION category_path(category UUID) RETURNS TEXT[]
    LANGUAGE plpgsql
    STABLE
    PARALLEL SAFE
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    names TEXT[];
BEGIN
    WITH RECURSIVE path (id, name, parent_id, depth) AS (
        SELECT c.id, c.name, c.parent_id, 0 FROM categories c WHERE c.id = category
        UNION ALL
        SELECT parent.id, parent.name, parent.parent_id, path.depth + 1
        FROM categories parent JOIN path ON parent.id = path.parent_id
        WHERE path.depth < 64
    )
    SELECT array_agg(path.name ORDER BY path.depth DESC) INTO names FROM path;
    RETURN names;
END
$$;
