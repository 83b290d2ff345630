-- Goal matching and notifications (issue 7).
--
-- Matching reads a goal's keywords from its parameters with the functions below, so what a goal matches has one
-- definition in SQL; relevance is a documented formula (goal_deal_relevance, mirrored in Java by
-- org.agenticdeals.goals.Relevance). goal_deals remembers when a match was alerted, so a match is never alerted
-- twice. Notifications learn their goal and deal (no duplicate alert for a goal and a deal, throttling per goal),
-- the channels they go out on, when they may go out (quiet hours defer, never drop) and their delivery state.
--
-- A goal's keyword conditions are derived from its parameters into columns by a trigger (the match_ columns), so a
-- matching run reads them instead of parsing 10,000 goals' JSON again (0.9 s).
--
-- Online: columns without defaults or with constant ones (no rewrite); goals that existed before get their match_
-- columns from V12 in batches; the foreign keys are added NOT VALID and validated by V14; the indexes on existing
-- tables are built CONCURRENTLY by V13.

ALTER TABLE goal_deals ADD COLUMN alerted_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE notifications
    ADD COLUMN goal_id                UUID,
    ADD COLUMN deal_id                UUID,
    ADD COLUMN deliver_email          BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN deliver_push           BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN deliver_after          TIMESTAMP WITH TIME ZONE,
    ADD COLUMN delivery_claimed_until TIMESTAMP WITH TIME ZONE,
    ADD COLUMN delivered_at           TIMESTAMP WITH TIME ZONE;

ALTER TABLE notifications ADD CONSTRAINT notifications_goal_id_fkey
    FOREIGN KEY (goal_id) REFERENCES user_goals (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE notifications ADD CONSTRAINT notifications_deal_id_fkey
    FOREIGN KEY (deal_id) REFERENCES deals (id) ON DELETE CASCADE NOT VALID;

-- Progress metrics and the match_ columns below are derived data: keeping them current is not a change of the goal.
DROP TRIGGER trg_user_goals_updated_at ON user_goals;
CREATE TRIGGER trg_user_goals_updated_at
    BEFORE UPDATE ON user_goals
    FOR EACH ROW
    WHEN ((NEW.title, NEW.description, NEW.parameters, NEW.status, NEW.target_date, NEW.completion_date, NEW.priority, NEW.user_id)
          IS DISTINCT FROM (OLD.title, OLD.description, OLD.parameters, OLD.status, OLD.target_date, OLD.completion_date, OLD.priority,
                            OLD.user_id))
    EXECUTE FUNCTION touch_updated_at();

CREATE AGGREGATE all_of(tsquery) (SFUNC = pg_catalog.tsquery_and, STYPE = tsquery);
CREATE AGGREGATE any_of(tsquery) (SFUNC = pg_catalog.tsquery_or, STYPE = tsquery);

-- One full-text term per keyword of a JSON array, in order; a keyword of several words is a term that needs all
-- of them. Keywords without a searchable word (only stop words) give no term.
CREATE FUNCTION goal_keyword_terms(keywords JSONB) RETURNS tsquery[]
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(term ORDER BY keyword.position), '{}')
    FROM jsonb_array_elements_text(coalesce(keywords, '[]')) WITH ORDINALITY AS keyword (word, position),
         plainto_tsquery('english'::regconfig, keyword.word) AS term
    WHERE numnode(term) > 0
$$;

-- What a goal's keywords demand of a deal's search_vector: every keyword, at least one of the any-of keywords,
-- none of the excluded ones. NULL when the goal has no keyword condition.
CREATE FUNCTION goal_match_query(parameters JSONB) RETURNS tsquery
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT ${flyway:defaultSchema}.all_of(part) FROM (
        SELECT unnest(${flyway:defaultSchema}.goal_keyword_terms(parameters -> 'keywords'))
        UNION ALL
        SELECT (SELECT ${flyway:defaultSchema}.any_of(term) FROM unnest(${flyway:defaultSchema}.goal_keyword_terms(parameters -> 'any_keywords')) AS term)
        UNION ALL
        SELECT !! term FROM unnest(${flyway:defaultSchema}.goal_keyword_terms(parameters -> 'excluded_keywords')) AS term
    ) AS parts (part)
$$;

-- The lexemes every deal the goal matches holds: those of all its keywords (NULL without keywords). Matching a
-- batch joins each goal to the deals holding the one of them that is rarest in the batch.
CREATE FUNCTION goal_required_lexemes(parameters JSONB) RETURNS TEXT[]
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT array_agg(DISTINCT lexeme)
    FROM jsonb_array_elements_text(coalesce(parameters -> 'keywords', '[]')) AS keyword,
         unnest(tsvector_to_array(to_tsvector('english'::regconfig, keyword))) AS lexeme
$$;

-- For a goal with any-of keywords: one lexeme of each (its longest: longer words are rarer), of which every deal
-- the goal matches holds at least one. NULL without any-of keywords.
CREATE FUNCTION goal_any_lexemes(parameters JSONB) RETURNS TEXT[]
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT array_agg(longest)
    FROM (SELECT (SELECT lexeme FROM unnest(tsvector_to_array(to_tsvector('english'::regconfig, keyword))) AS lexeme
                  ORDER BY length(lexeme) DESC, lexeme LIMIT 1) AS longest
          FROM jsonb_array_elements_text(coalesce(parameters -> 'any_keywords', '[]')) AS keyword) AS any_keyword
    WHERE longest IS NOT NULL
$$;

-- How well a deal meets a goal, 0 to 100 (docs/goals.md): the weighted mean of the components that apply:
--   price headroom under the goal's maximum, (max - price) / max        weight 30, when the goal has a maximum
--   discount / 100                                                        weight 25
--   keyword hits, (2 * hits in the title + hits only in the description)
--                 / (2 * keywords)                                        weight 30, when the goal has keywords
--   source reliability (0..1)                                             weight 15
-- each clamped to 0..1, rounded half up to two decimals. Computed exactly: the mean is one fraction of exact
-- decimals (every component brought to the common denominator max * 2 * keywords) and rounded by integer division,
-- so the Java mirror (org.agenticdeals.goals.Relevance) gets the same digits. Inlined into the matching queries.
CREATE FUNCTION rounded_share(numerator NUMERIC, denominator NUMERIC) RETURNS NUMERIC
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT round(div(20000 * numerator + denominator, 2 * denominator) / 100, 2)
$$;

CREATE FUNCTION goal_deal_relevance(price NUMERIC, max_price NUMERIC, discount NUMERIC, keyword_count INTEGER, title_hits INTEGER,
                                    description_hits INTEGER, reliability NUMERIC) RETURNS NUMERIC
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT ${flyway:defaultSchema}.rounded_share(
        (CASE WHEN max_price > 0 THEN 30 * (max_price - least(price, max_price)) ELSE 0 END
             * CASE WHEN keyword_count > 0 THEN 2 * keyword_count ELSE 1 END)
        + (25 * greatest(0, least(100, coalesce(discount, 0))) / 100 + 15 * greatest(0, least(1, coalesce(reliability, 0))))
             * CASE WHEN max_price > 0 THEN max_price ELSE 1 END * CASE WHEN keyword_count > 0 THEN 2 * keyword_count ELSE 1 END
        + (CASE WHEN keyword_count > 0 THEN 30 * least(2 * keyword_count, 2 * title_hits + description_hits) ELSE 0 END)
             * CASE WHEN max_price > 0 THEN max_price ELSE 1 END,
        (40 + CASE WHEN max_price > 0 THEN 30 ELSE 0 END + CASE WHEN keyword_count > 0 THEN 30 ELSE 0 END)
             * CASE WHEN max_price > 0 THEN max_price ELSE 1 END * CASE WHEN keyword_count > 0 THEN 2 * keyword_count ELSE 1 END)
$$;

-- When a notification created at `at` may go out: at once, or at the end of the user's quiet hours if `at` falls
-- in them. Quiet hours are wall-clock times in the user's time zone, start inclusive, end exclusive; a window whose
-- start is after its end crosses midnight. Mirrored by NotificationSettings.deliveryTime in Java.
CREATE FUNCTION notification_deliver_after(quiet_start TIME, quiet_end TIME, time_zone TEXT, at TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN quiet_start IS NULL OR quiet_end IS NULL OR quiet_start = quiet_end THEN at
        WHEN quiet_start < quiet_end AND NOT (local::TIME >= quiet_start AND local::TIME < quiet_end) THEN at
        WHEN quiet_start > quiet_end AND NOT (local::TIME >= quiet_start OR local::TIME < quiet_end) THEN at
        WHEN local::DATE + quiet_end > local THEN (local::DATE + quiet_end) AT TIME ZONE zone
        ELSE (local::DATE + 1 + quiet_end) AT TIME ZONE zone
    END
    FROM (SELECT at AT TIME ZONE coalesce(time_zone, 'UTC') AS local, coalesce(time_zone, 'UTC') AS zone) AS wall_clock
$$;

ALTER TABLE user_goals
    ADD COLUMN match_query      tsquery,
    ADD COLUMN match_terms      tsquery[],
    ADD COLUMN required_lexemes TEXT[],
    ADD COLUMN any_lexemes      TEXT[],
    ADD COLUMN match_categories UUID[],
    ADD COLUMN match_markets    UUID[];

-- The match_ columns, from the parameters: the keyword query, the terms relevance counts (keywords and any-of
-- keywords), the lexemes candidates are joined on, and the category and market ids (NULL for none).
CREATE FUNCTION set_goal_match_columns() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
BEGIN
    NEW.match_query := goal_match_query(NEW.parameters);
    NEW.match_terms := goal_keyword_terms(NEW.parameters -> 'keywords') || goal_keyword_terms(NEW.parameters -> 'any_keywords');
    NEW.required_lexemes := goal_required_lexemes(NEW.parameters);
    NEW.any_lexemes := goal_any_lexemes(NEW.parameters);
    NEW.match_categories := nullif(ARRAY(SELECT jsonb_array_elements_text(coalesce(NEW.parameters -> 'categories', '[]'))::UUID), '{}');
    NEW.match_markets := nullif(ARRAY(SELECT jsonb_array_elements_text(coalesce(NEW.parameters -> 'markets', '[]'))::UUID), '{}');
    RETURN NEW;
END
$$;

CREATE TRIGGER trg_user_goals_match_columns
    BEFORE INSERT OR UPDATE OF parameters ON user_goals
    FOR EACH ROW EXECUTE FUNCTION set_goal_match_columns();
