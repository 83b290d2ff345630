package org.agenticdeals.hostile;

import java.util.Map;
import java.util.TreeMap;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Every table of the schema as a row count and a digest of its rows, read as the owner in one statement: "nothing was
 * written" is the state unchanged, which catches an update that keeps the row count too.
 */
final class DatabaseState {

    private final DSLContext owner;
    private final String statement;

    DatabaseState(TestDatabase database) {
        this.owner = database.ownerDsl();
        this.statement = String.valueOf(owner.fetchValue("""
                select string_agg(format('select %L as name, count(*) as rows, coalesce(sum(hashtextextended(t::text, 0)), 0) as digest'
                                         || ' from deals.%I t', relname, relname), ' union all ' order by relname)
                from pg_class
                where relnamespace = 'deals'::regnamespace and relkind in ('r', 'p') and not relispartition and relname <> 'flyway_schema_history'
                """));
    }

    /** Table name to {@code rows:digest}. */
    Map<String, String> read() {
        var state = new TreeMap<String, String>();
        for (Record row : owner.fetch(statement)) {
            state.put(row.get(0, String.class), row.get(1, Long.class) + ":" + row.get(2, String.class));  // digest: a sum of row hashes
        }
        return state;
    }

    /** The tables whose rows differ between two states. */
    static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        var changed = new TreeMap<String, String>();
        before.forEach((table, state) -> {
            if (!state.equals(after.get(table))) {
                changed.put(table, state.split(":")[0] + " -> " + String.valueOf(after.get(table)).split(":")[0] + " rows");
            }
        });
        return changed;
    }
}
