package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.PageRequest;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.postgres.ProviderKind;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server stops under load and starts again. While it is down every call fails with a retryable
 * {@code UNAVAILABLE} {@link DealsDataAccessException}, in about the pool's connection timeout, never anything else;
 * once it is back, calls succeed through the same {@link Deals} and the same pool, with no step by the host. Debits
 * whose outcome was lost are repeated with their request ids and exist exactly once.
 *
 * <p>Stopping the JVM's shared test server would break every other test class, so this test starts an embedded server of
 * its own ({@link PostgresServer#pause()}, {@link PostgresServer#resume()}).
 */
@Tag("reliability")
class ServerRestartTest {

    private static final Logger log = LoggerFactory.getLogger(ServerRestartTest.class);
    private static final int THREADS = 4;
    /** How long a call waits for a connection: a host serving requests would not wait longer while its database is down. */
    private static final long CONNECTION_TIMEOUT_MILLIS = 1_000;
    private static final long PHASE_LIMIT_MILLIS = 60_000;

    enum Phase { UP, STOPPING, DOWN, STARTING, BACK }

    /** One call: the phase it started and ended in, when it ended, and its failure (null if it succeeded). */
    record Call(int thread, String operation, Phase started, Phase ended, long endedAt, RuntimeException failure) {
    }

    private static DealsTestkit testkit;
    private static TestDatabase database;
    private static HikariDataSource pool;
    private static Deals deals;

    @BeforeAll
    static void startAServerOfItsOwn() {
        testkit = DealsTestkit.start(ProviderSettings.fromEnvironment().withKind(ProviderKind.EMBEDDED).withKeepDatabases(false), 0);
        database = testkit.database(Seed.demo());
        var config = new HikariConfig();
        config.setPoolName("restart-test");
        config.setJdbcUrl(database.application().jdbcUrl());
        config.setUsername(database.application().user());
        config.setPassword(database.application().password());
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        pool = new HikariDataSource(config);
        deals = Deals.create(DealsConfig.builder().dataSource(pool).bcryptCost(SeedData.BCRYPT_COST).build());
    }

    @AfterAll
    static void stopIt() {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
        if (testkit != null) {
            testkit.close();
        }
    }

    @Test
    void callsFailRetryablyWhileTheServerIsDownAndSucceedOnceItIsBack() throws Exception {
        PostgresServer server = testkit.server();
        assumeTrue(server.restartable(), "the server cannot be stopped and started again: " + server.describe());
        SeedData seed = database.seedData();
        List<UUID> users = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            UUID user = seed.regularUsers().get(thread).id();
            deals.ledger().adjust(seed.admin().id(), user, 100_000, "restart test funds", "funds-" + user);
            users.add(user);
        }
        String link = deals.sharing().share(users.get(0), NewShare.byLink(ActiveDeals.of(database).get(0))).publicLinkId();
        var phase = new AtomicReference<>(Phase.UP);
        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        Queue<LedgerEntry> charged = new ConcurrentLinkedQueue<>();
        Queue<Object[]> unsettled = new ConcurrentLinkedQueue<>();
        var running = new AtomicBoolean(true);
        long[] marks = new long[2];

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int index = thread;
            var random = new SplittableRandom(31 + thread);
            workers.add(threads.submit(() -> {
                while (running.get()) {
                    String operation = List.of("chargeAiUsage", "search", "resolve").get(random.nextInt(3));
                    UUID request = UUID.randomUUID();
                    Phase started = phase.get();
                    RuntimeException failure = null;
                    try {
                        switch (operation) {
                            case "chargeAiUsage" -> charged.add(deals.ledger().chargeAiUsage(users.get(index), 1, request));
                            case "search" -> deals.catalog().search(DealQuery.all().withText("headphones"), PageRequest.first(10));
                            default -> deals.sharing().resolve(link);
                        }
                    } catch (RuntimeException failed) {
                        failure = failed;
                        if (operation.equals("chargeAiUsage")) {
                            unsettled.add(new Object[] {users.get(index), request});
                        }
                    }
                    calls.add(new Call(index, operation, started, phase.get(), System.nanoTime(), failure));
                    if (failure != null) {
                        Thread.sleep(20);
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(1_500);
            phase.set(Phase.STOPPING);
            server.pause();
            phase.set(Phase.DOWN);
            marks[0] = System.nanoTime();
            await(calls, call -> call.started() == Phase.DOWN && call.failure() != null, "a failure while the server was down");
            phase.set(Phase.STARTING);
            server.resume();
            phase.set(Phase.BACK);
            marks[1] = System.nanoTime();
            await(calls, call -> call.started() == Phase.BACK && call.failure() == null, "a success once the server was back");
            Thread.sleep(1_000);
        } finally {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(PHASE_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            threads.shutdownNow();
            server.resume();
        }

        Map<String, Integer> failures = new TreeMap<>();
        for (Call call : calls) {
            if (call.failure() != null) {
                failures.merge(call.started() + " " + describe(call.failure()), 1, Integer::sum);
            }
        }
        long recoveredMillis = 0;
        for (int thread = 0; thread < THREADS; thread++) {
            int index = thread;
            long firstSuccess = calls.stream().filter(call -> call.thread() == index && call.started() == Phase.BACK && call.failure() == null)
                    .mapToLong(Call::endedAt).min().orElseThrow();
            recoveredMillis = Math.max(recoveredMillis, (firstSuccess - marks[1]) / 1_000_000);
        }
        log.info("server restart: {} calls; down for {} ms; every thread succeeded again {} ms after the server was back; failures by phase and"
                + " SQLSTATE: {}", calls.size(), (marks[1] - marks[0]) / 1_000_000, recoveredMillis, failures);
        assertThat(calls).filteredOn(call -> call.failure() != null).allSatisfy(call -> assertThat(call.failure())
                .isInstanceOfSatisfying(DealsDataAccessException.class, failure -> {
                    assertThat(failure.code()).as("%s", failure).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(failure.retryable()).isTrue();
                }));
        assertThat(calls).as("calls while the server was up").filteredOn(call -> call.started() == Phase.UP && call.ended() == Phase.UP)
                .isNotEmpty().allSatisfy(call -> assertThat(call.failure()).isNull());
        assertThat(calls).as("calls while the server was down").filteredOn(call -> call.started() == Phase.DOWN && call.ended() == Phase.DOWN)
                .isNotEmpty().allSatisfy(call -> assertThat(call.failure()).isNotNull());

        // The same Deals over the same pool, with nobody having touched either: debits lost in the outage are repeated.
        for (Object[] lost : unsettled) {
            charged.add(deals.ledger().chargeAiUsage((UUID) lost[0], 1, (UUID) lost[1]));
        }
        for (LedgerEntry charge : charged) {
            assertThat(database.ownerDsl().fetchValue("select count(*) from deals.token_transactions where reference_id = ? and transaction_type = 'ai_usage'",
                    charge.referenceId())).as("the debit of request %s", charge.referenceId()).isEqualTo(1L);
        }
        assertThat(deals.catalog().search(DealQuery.all().withText("headphones"), PageRequest.first(10)).items()).isNotEmpty();
        assertThat(pool.isClosed()).isFalse();
        Invariants invariants = new Invariants(deals, database);
        assertThat(invariants.ledger()).isEmpty();
        assertThat(invariants.clicks()).isEmpty();
    }

    /** Waits until every thread made a call matching {@code wanted}; fails after {@link #PHASE_LIMIT_MILLIS}. */
    private static void await(Queue<Call> calls, Predicate<Call> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PHASE_LIMIT_MILLIS);
        while (calls.stream().filter(wanted).map(Call::thread).distinct().count() < THREADS) {
            assertThat(System.nanoTime()).as("every thread saw " + what + " within " + PHASE_LIMIT_MILLIS + " ms").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String describe(RuntimeException failure) {
        return failure instanceof DealsDataAccessException dataAccess
                ? dataAccess.sqlState().orElse("no SQLSTATE") + " " + dataAccess.code()
                : failure.getClass().getSimpleName();
    }
}
