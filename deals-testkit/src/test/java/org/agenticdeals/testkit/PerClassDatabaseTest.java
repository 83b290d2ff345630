package org.agenticdeals.testkit;

import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** withDatabasePerClass(): one database for the class, available to @BeforeAll too. */
class PerClassDatabaseTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty().withDatabasePerClass();

    private static final Set<String> names = new HashSet<>();

    @BeforeAll
    static void addAMarketForAllTests(TestDatabase test, DataSource dataSource) {
        assertThat(dataSource).isNotNull();
        test.ownerDsl().insertInto(MARKETS).set(MARKETS.NAME, "Shared by the class").execute();
    }

    @RepeatedTest(3)
    void everyMethodSeesTheSameDatabase(TestDatabase test) {
        names.add(test.name());
        assertThat(test.ownerDsl().fetchCount(MARKETS)).isEqualTo(1);
    }

    @AfterAll
    static void onlyOneDatabaseWasUsed() {
        assertThat(names).hasSize(1);
    }
}
