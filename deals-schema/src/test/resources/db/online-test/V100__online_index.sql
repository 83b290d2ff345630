-- A migration that must run outside a transaction, as later migrations adding indexes to live tables will.
CREATE INDEX CONCURRENTLY idx_online_test_deals_title ON deals (title);
