-- Two of the spec's indexes on goal_deals cost every match a matching run writes or retires an index entry and
-- serve no query (decisions.md D52), dropped CONCURRENTLY: idx_goal_deals_goal (goal_id) is the leading column of
-- the primary key (goal_id, deal_id), which serves every look-up by goal; idx_goal_deals_relevance indexes scores
-- across all goals, which no query orders or filters by (a goal's matches by score come from
-- idx_goal_deals_goal_score).
DROP INDEX CONCURRENTLY idx_goal_deals_goal;
DROP INDEX CONCURRENTLY idx_goal_deals_relevance;
