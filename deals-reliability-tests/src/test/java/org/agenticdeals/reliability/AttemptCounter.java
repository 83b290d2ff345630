package org.agenticdeals.reliability;

import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;

/**
 * Counts how often statements of one kind start on one table, across rollbacks (a sequence is not transactional):
 * a test-only statement trigger in the test's own database. With {@code slowMillis} above zero, each such statement
 * also sleeps that long first, as a statement stuck on a slow disk or an overloaded server would.
 */
final class AttemptCounter {

    private final DSLContext owner;
    private final String table;
    private final String name;

    private AttemptCounter(DSLContext owner, String table, String name) {
        this.owner = owner;
        this.table = table;
        this.name = name;
    }

    /**
     * Installs the trigger: {@code BEFORE event ON deals.table FOR EACH STATEMENT}.
     *
     * @param event {@code INSERT}, {@code UPDATE} or {@code DELETE}
     */
    static AttemptCounter on(TestDatabase database, String table, String event, int slowMillis) {
        DSLContext owner = database.ownerDsl();
        String name = "test_attempts_" + table;
        owner.execute("create sequence deals." + name);
        // Definer rights: the application role may not use the sequence; the trigger runs on its behalf.
        owner.execute("create function deals." + name + "() returns trigger language plpgsql security definer"
                + " set search_path = deals, pg_temp as $$ begin perform nextval('deals." + name + "');"
                + (slowMillis > 0 ? " perform pg_sleep(" + slowMillis / 1000.0 + ");" : "") + " return null; end $$");
        owner.execute("create trigger " + name + " before " + event + " on deals." + table + " for each statement execute function deals."
                + name + "()");
        return new AttemptCounter(owner, table, name);
    }

    /** How many statements started since the trigger was installed. */
    long count() {
        Object[] row = owner.fetchOne("select last_value, is_called from deals." + name).intoArray();
        return Boolean.TRUE.equals(row[1]) ? ((Number) row[0]).longValue() : 0;
    }

    /** Removes the trigger (the sequence stays, for {@link #count()}). */
    void remove() {
        owner.execute("drop trigger " + name + " on deals." + table);
    }
}
