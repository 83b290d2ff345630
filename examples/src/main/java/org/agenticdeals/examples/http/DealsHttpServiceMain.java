package org.agenticdeals.examples.http;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.catalog.DealCatalog;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.Source;
import org.agenticdeals.postgres.ConnectionInfo;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.users.Registration;

/**
 * Runs {@link DealsHttpService} the way a newcomer tries it: PostgreSQL from the provider chain ({@code DEALS_PG_URL},
 * else Docker, else embedded), a database of its own migrated at start-up, a few demo deals and one user, then serves
 * until Ctrl-C. {@code ./mvnw -q -Phttp -pl examples -am verify -DskipTests} runs it on port 8080
 * ({@code -Dhttp.port=…} for another).
 *
 * <p>With {@code --smoke} it calls its own {@code GET /deals} once, prints the answer and stops: CI's check that the
 * program starts.
 */
public final class DealsHttpServiceMain {

    /** The demo user's address. */
    static final String DEMO_EMAIL = "alice@example.com";
    /** The demo user's password. */
    static final String DEMO_PASSWORD = "a long passphrase";

    private DealsHttpServiceMain() {
    }

    /**
     * Starts PostgreSQL, the pool and the service; serves until the JVM is stopped.
     *
     * @param args {@code [port] [--smoke]}; the port defaults to 8080
     * @throws Exception if PostgreSQL cannot be had or the port is taken
     */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        boolean smoke = false;
        for (String argument : args) {
            if (argument.equals("--smoke")) {
                smoke = true;
            } else if (!argument.isBlank()) {
                port = Integer.parseInt(argument);
            }
        }
        PostgresServer server = PostgresProvider.start();
        PostgresDatabase database = server.createDatabase("deals_http");
        // Migrating at start-up, as the schema's owner; the pool below connects as the application role.
        DealsSchema.builder(database.ownerDataSource()).applicationRole(database.applicationRole()).build().migrate();
        HikariDataSource pool = pool(database.application());
        Deals deals = Deals.create(DealsConfig.builder().dataSource(pool).build());
        seed(deals, database.ownerDataSource());
        // Loopback only: the demo account's password is printed below.
        DealsHttpService service = DealsHttpService.start(deals, new InetSocketAddress(InetAddress.getLoopbackAddress(), smoke ? 0 : port), 16);

        var stopped = new CountDownLatch(1);
        // server.close() drops the databases it created and stops a server it started; on Ctrl-C its own shutdown hook
        // may have done so already (it is idempotent).
        Runnable shutdown = () -> {
            try {
                service.close();
                pool.close();
                server.close();
            } finally {
                stopped.countDown();
            }
        };
        if (smoke) {
            int status = smokeTest(service);
            shutdown.run();
            System.exit(status == 200 ? 0 : 1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "deals-http-shutdown"));
        String base = service.baseUri().toString();
        System.out.println("agentic-deals HTTP example on " + base + " (PostgreSQL " + server.describe() + ")");
        System.out.println("  curl '" + base + "/deals?q=headphones&size=2'");
        System.out.println("  curl -X POST " + base + "/login -d '{\"email\": \"" + DEMO_EMAIL + "\", \"password\": \"" + DEMO_PASSWORD + "\"}'");
        System.out.println("  curl -H 'Authorization: Bearer <the token>' " + base + "/balance");
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }

    private static int smokeTest(DealsHttpService service) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(service.baseUri().resolve("/deals?q=headphones&size=2")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("GET /deals?q=headphones&size=2 -> " + answer.statusCode() + " " + answer.body());
        return answer.statusCode();
    }

    /** An operator's first rows: an admin, a market, a source, a category, a few deals, and the demo user. */
    private static void seed(Deals deals, DataSource owner) throws SQLException {
        UUID admin = deals.users().register(new Registration("ops@example.com", "correct horse battery staple", "Ops")).user().id();
        try (Connection connection = owner.getConnection();
             PreparedStatement promote = connection.prepareStatement("UPDATE deals.users SET role = 'admin' WHERE id = ?")) {
            promote.setObject(1, admin);
            promote.executeUpdate();
        }
        DealCatalog catalog = deals.catalog();
        UUID market = catalog.createMarket(admin, "Example Shop", "https://shop.example.com", null).id();
        UUID feed = catalog.createSource(admin, "Example feed", Source.Type.API, "{}", new BigDecimal("0.9")).id();
        UUID audio = catalog.createCategory(admin, "Audio", null).id();
        catalog.ingest(feed, List.of(
                deal("Wireless Noise Cancelling Headphones", "nc700", "349.00", "279.00", market, audio),
                deal("Noise Cancelling Earbuds", "buds", "199.00", "149.00", market, audio),
                deal("Studio Monitor Headphones", "studio", "129.00", "99.00", market, audio),
                deal("Portable Bluetooth Speaker", "speaker", "89.00", "59.00", market, audio)));
        deals.users().register(new Registration(DEMO_EMAIL, DEMO_PASSWORD, "Alice"));
    }

    private static DealInput deal(String title, String path, String original, String current, UUID market, UUID category) {
        return new DealInput(title, null, "https://shop.example.com/" + path, null, new BigDecimal(original), new BigDecimal(current), market,
                category, null);
    }

    private static HikariDataSource pool(ConnectionInfo application) {
        var config = new HikariConfig();
        config.setPoolName("deals-http");
        config.setJdbcUrl(application.jdbcUrl());
        config.setUsername(application.user());
        config.setPassword(application.password());
        // Connections, not threads, bound the work PostgreSQL does at once: a small pool serves many request threads.
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
