package org.agenticdeals.support;

import java.util.Map;
import java.util.TreeMap;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;

/** How many rows every table of the schema holds, read as the owner: "nothing was written" is counts unchanged. */
public final class RowCounts {

    private RowCounts() {
    }

    public static Map<String, Long> of(TestDatabase database) {
        DSLContext owner = database.ownerDsl();
        var counts = new TreeMap<String, Long>();
        for (String table : owner.fetchValues("SELECT relname FROM pg_class WHERE relnamespace = 'deals'::regnamespace"
                + " AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'flyway_schema_history'").stream().map(String::valueOf).toList()) {
            counts.put(table, ((Number) owner.fetchValue("SELECT count(*) FROM deals." + table)).longValue());
        }
        return counts;
    }
}
