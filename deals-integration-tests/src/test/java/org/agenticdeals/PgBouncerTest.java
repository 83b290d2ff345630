package org.agenticdeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.SavedDeal;
import org.agenticdeals.catalog.Source;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.Share;
import org.agenticdeals.users.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The services behind PgBouncer in transaction mode, configured as docs/operations.md says ({@code prepareThreshold=0}
 * on the application's JDBC URL): concurrent calls from more client connections than PgBouncer has server
 * connections, so consecutive transactions of one client land on different server connections. Nothing may leak from
 * one transaction to the next (the security context, the timeouts), and every guarantee must hold.
 *
 * <p>Runs when {@code DEALS_TEST_PGBOUNCER_URL} names the PgBouncer ({@code jdbc:postgresql://host:port}, trusting the
 * role {@value #ROLE}) and {@code DEALS_TEST_EXTERNAL_PG_URL} the server behind it, as a superuser; CI sets both. The
 * migration connects to the server directly, as it must (a session-level advisory lock).
 */
@EnabledIfEnvironmentVariable(named = "DEALS_TEST_PGBOUNCER_URL", matches = ".+")
class PgBouncerTest {

    static final String ROLE = "deals_app_pgbouncer";

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)/[^?]*(\\?.*)?");
    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    @Test
    void concurrentCallsThroughATransactionPoolerKeepEveryGuarantee() throws Exception {
        Matcher server = JDBC_URL.matcher(System.getenv("DEALS_TEST_EXTERNAL_PG_URL"));
        assertThat(server.matches()).as("DEALS_TEST_EXTERNAL_PG_URL is a jdbc:postgresql URL").isTrue();
        String query = server.group(2) == null ? "" : server.group(2);
        String database = "deals_pgbouncer_" + UUID.randomUUID().toString().substring(0, 8);
        DataSource admin = dataSource(server.group(1) + "/postgres" + query);
        execute(admin, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN CREATE ROLE " + ROLE
                + " LOGIN; END IF; END $$");
        execute(admin, "CREATE DATABASE " + database);
        try {
            DataSource owner = dataSource(server.group(1) + "/" + database + query);
            DealsSchema.builder(owner).applicationRole(ROLE).build().migrate();
            String throughBouncer = System.getenv("DEALS_TEST_PGBOUNCER_URL") + "/" + database + "?prepareThreshold=0";
            try (HikariDataSource pool = pool(throughBouncer)) {
                exercise(Deals.create(DealsConfig.builder().dataSource(pool).bcryptCost(4).build()), owner);
            }
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void exercise(Deals deals, DataSource owner) throws Exception {
        UUID admin = deals.users().register(new Registration("ops@example.com", "correct horse battery", "Ops")).user().id();
        execute(owner, "UPDATE deals.users SET role = 'admin' WHERE id = '" + admin + "'");
        UUID market = deals.catalog().createMarket(admin, "Shop", null, null).id();
        UUID source = deals.catalog().createSource(admin, "Feed", Source.Type.API, null, new BigDecimal("0.9")).id();
        var inputs = new ArrayList<DealInput>();
        for (int index = 0; index < 40; index++) {
            inputs.add(new DealInput("Pooled kettle " + index, null, "https://shop.example.com/kettle-" + index, null, new BigDecimal("100.00"),
                    new BigDecimal(60 + index % 30 + ".00"), market, null, null));
        }
        List<UUID> dealIds = deals.catalog().ingest(source, inputs).dealIds();
        UUID packageId = UUID.randomUUID();
        execute(owner, "INSERT INTO deals.token_packages (id, name, token_amount, price_usd) VALUES ('" + packageId + "', 'Ten', 10, 1.00)");
        var users = new ArrayList<UUID>();
        for (int user = 0; user < THREADS; user++) {
            users.add(deals.users().register(new Registration("user" + user + "@example.com", "correct horse battery", "User")).user().id());
        }
        Goal goal = deals.goals().create(users.get(0), NewGoal.of("Kettles", GoalParameters.none().withKeywords("kettle")));
        MatchRun rematch = deals.goals().rematch(users.get(0), goal.id());
        MatchRun again = deals.goals().matchNewDeals(dealIds);

        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        Map<UUID, AtomicInteger> resolves = new ConcurrentHashMap<>();
        AtomicInteger foreignRows = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        for (int thread = 0; thread < THREADS; thread++) {
            UUID user = users.get(thread);
            threads.execute(() -> {
                Set<UUID> saved = ConcurrentHashMap.newKeySet();
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        deals.catalog().search(DealQuery.all().withText("kettle"), PageRequest.first(10));
                        UUID deal = dealIds.get(ThreadLocalRandom.current().nextInt(dealIds.size()));
                        deals.savedDeals().save(user, deal, null);
                        saved.add(deal);
                        deals.ledger().purchase(user, packageId, "payment-" + user + "-" + round);
                        Share share = deals.sharing().share(user, NewShare.byLink(deal));
                        deals.sharing().resolve(share.publicLinkId());
                        resolves.computeIfAbsent(share.id(), key -> new AtomicInteger()).incrementAndGet();
                        int discount = round;
                        deals.useTransaction(transaction -> {
                            transaction.preferences().update(user, current -> current.withMinDiscountPercentage(discount));
                            transaction.savedDeals().list(user, PageRequest.first(5));
                        });
                        List<SavedDeal> listed = deals.savedDeals().list(user, PageRequest.first(100)).items();
                        foreignRows.addAndGet((int) listed.stream().filter(row -> !saved.contains(row.dealId())).count());
                    } catch (RuntimeException failed) {
                        failures.computeIfAbsent(failed.toString(), key -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.MINUTES)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(foreignRows).hasValue(0);
        assertThat(rematch.matchesAdded()).isEqualTo(40);
        assertThat(again.matchesAdded()).isZero();
        for (UUID user : users) {
            assertThat(deals.ledger().balance(user).balance()).isEqualTo(10 * ROUNDS);
            assertThat(deals.preferences().get(user).minDiscountPercentage()).isEqualTo(ROUNDS - 1);
        }
        assertThat(deals.ledger().reconcileAll()).isEmpty();
        for (Map.Entry<UUID, AtomicInteger> share : resolves.entrySet()) {
            UUID sharer = users.stream().filter(user -> deals.sharing().find(user, share.getKey()).isPresent()).findFirst().orElseThrow();
            assertThat(deals.sharing().find(sharer, share.getKey()).orElseThrow().clickCount()).isEqualTo(share.getValue().get());
        }
    }

    private static HikariDataSource pool(String url) {
        var config = new HikariConfig();
        config.setPoolName("deals-pgbouncer");
        config.setJdbcUrl(url);
        config.setUsername(ROLE);
        // Twice the threads, and more than PgBouncer's server connections: consecutive transactions of one pooled
        // connection run on different server connections.
        config.setMaximumPoolSize(2 * THREADS);
        return new HikariDataSource(config);
    }

    private static DataSource dataSource(String url) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
