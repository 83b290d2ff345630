package org.agenticdeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What every transaction of the library sets for itself, and that none of it outlives the transaction. */
class TransactionSettingsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty();

    private static final String SETTINGS = "select current_setting('statement_timeout') || ' ' || current_setting('lock_timeout')"
            + " || ' ' || current_setting('jit') || ' ' || coalesce(current_setting('app.system_context', true), '')";

    @Test
    void eachTransactionSetsItsTimeoutsAndTurnsJitOffForItselfOnly(TestDatabase test) throws Exception {
        try (Connection connection = test.dataSource().getConnection()) {
            DSLContext session = DSL.using(connection, SQLDialect.POSTGRES);
            session.execute("set jit = on");
            String before = settings(session);
            var transactions = new Transactions(session, 0, Duration.ofSeconds(7), Duration.ofMillis(1500));

            String planned = transactions.run(SecurityContext.system(), tx -> settings(tx));
            String perCall = transactions.runPlannedPerCall(SecurityContext.anonymous(), tx -> settings(tx));
            String fused = transactions.runFused(SecurityContext.anonymous(), (tx, context) -> {
                tx.execute(context.sql(), context.parameters().toArray());
                return settings(tx);
            });

            assertThat(List.of(planned, perCall, fused)).containsExactly("7s 1500ms off on", "7s 1500ms off off", "7s 1500ms off off");
            assertThat(settings(session)).isEqualTo(before);
            assertThat(session.fetchValue("select current_setting('jit')")).isEqualTo("on");
        }
    }

    private static String settings(DSLContext connection) {
        return (String) connection.fetchValue(SETTINGS);
    }
}
