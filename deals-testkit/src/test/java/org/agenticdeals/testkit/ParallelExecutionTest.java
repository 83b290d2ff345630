package org.agenticdeals.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenticdeals.jooq.Tables;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * With JUnit's parallel execution on, test classes running at the same time each get their own databases.
 * Runs two test classes through the JUnit engine (as Jdbi tests its JdbiExtension) and inspects what they saw.
 */
class ParallelExecutionTest {

    private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    @Test
    void parallelTestClassesGetDistinctDatabases() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .execute()
                .testEvents()
                .assertStatistics(statistics -> statistics.started(8).succeeded(8).failed(0));

        assertThat(DATABASES).hasSize(8);
        assertThat(MOST_AT_ONCE.get()).as("tests really ran concurrently").isGreaterThan(1);
    }

    static void useTheDatabase(TestDatabase database) throws InterruptedException {
        int running = RUNNING.incrementAndGet();
        MOST_AT_ONCE.accumulateAndGet(running, Math::max);
        try {
            DATABASES.add(database.name());
            database.ownerDsl().insertInto(Tables.MARKETS).set(Tables.MARKETS.NAME, "Written by " + Thread.currentThread().getName()).execute();
            Thread.sleep(200);
            assertThat(database.ownerDsl().fetchCount(Tables.MARKETS)).isEqualTo(database.seedData().markets().size() + 1);
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    static class FirstClass {
        @RegisterExtension
        static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

        @RepeatedTest(4)
        void writes(TestDatabase test) throws InterruptedException {
            useTheDatabase(test);
        }
    }

    static class SecondClass {
        @RegisterExtension
        static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

        @RepeatedTest(4)
        void writes(TestDatabase test) throws InterruptedException {
            useTheDatabase(test);
        }
    }
}
