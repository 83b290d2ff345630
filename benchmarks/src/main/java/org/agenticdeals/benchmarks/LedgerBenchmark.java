package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;

/**
 * Debits through {@code TokenLedger.chargeAiUsage} against a raw-JDBC baseline of the same shape and security
 * (set the context, {@code UPDATE} the balance {@code RETURNING} it, {@code INSERT} the transaction, commit),
 * on the same pool and server, spread over 100,000 users and on one hot user, at 1 and 8 threads.
 */
final class LedgerBenchmark {

    static final int USERS = 100_000;

    private LedgerBenchmark() {
    }

    /** A debit under test: one call, on one user, by one thread. */
    @FunctionalInterface
    interface Debit {
        void charge(UUID userId) throws Exception;
    }

    static void run(Report report, PrintStream out) throws Exception {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0);
             TestDatabase database = testkit.database(Seed.empty())) {
            out.println("server: " + testkit.server().describe());
            List<UUID> users = createUsers(database);
            Deals deals = database.deals();
            DataSource pool = database.dataSource();
            Debit library = user -> deals.ledger().chargeAiUsage(user, 1, UUID.randomUUID());
            Debit baseline = user -> rawDebit(pool, user);
            UUID hot = users.get(0);
            for (int threads : new int[] {1, 8}) {
                for (boolean spread : new boolean[] {true, false}) {
                    String shape = spread ? "spread over 100,000 users" : "one hot user";
                    Report.Row raw = measure("baseline raw JDBC debit, " + shape, threads, users, spread ? null : hot, baseline, null);
                    Report.Row ours = measure("TokenLedger.chargeAiUsage, " + shape, threads, users, spread ? null : hot, library, raw);
                    report.add(raw);
                    report.add(ours);
                    out.printf(Locale.ROOT, "  %-40s %d threads: %.0f ops/s vs baseline %.0f ops/s (%.2f)%n", shape, threads, ours.opsPerSecond(),
                            raw.opsPerSecond(), ours.opsPerSecond() / raw.opsPerSecond());
                }
            }
        }
    }

    private static Report.Row measure(String scenario, int threads, List<UUID> users, UUID hot, Debit debit, Report.Row baseline)
            throws Exception {
        return Throughput.measure(scenario, threads, random -> debit.charge(hot != null ? hot : users.get(random.nextInt(users.size()))),
                baseline);
    }

    /** The baseline: what a careful hand-written debit does under the same row-level security. */
    private static void rawDebit(DataSource pool, UUID user) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement context = connection.prepareStatement("select set_config('app.current_user_id', ?, true)");
                 PreparedStatement update = connection.prepareStatement("update deals.user_token_balances set balance = balance - 1,"
                         + " lifetime_spent = lifetime_spent + 1 where user_id = ? and balance >= 1 returning balance");
                 PreparedStatement insert = connection.prepareStatement("insert into deals.token_transactions"
                         + " (id, user_id, transaction_type, amount, balance_after, created_at) values (?, ?, 'ai_usage', -1, ?, ?)")) {
                context.setString(1, user.toString());
                context.execute();
                update.setObject(1, user);
                int balance;
                try (ResultSet row = update.executeQuery()) {
                    row.next();
                    balance = row.getInt(1);
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, user);
                insert.setInt(3, balance);
                insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        }
    }

    /** 100,000 users with a million tokens each, written set-wise as the owner. */
    private static List<UUID> createUsers(TestDatabase database) {
        var owner = database.ownerDsl();
        owner.execute("insert into deals.users (id, email, hashed_password) select gen_random_uuid(), 'bench' || g || '@example.com', 'x'"
                + " from generate_series(1, " + USERS + ") g");
        owner.execute("insert into deals.user_token_balances (user_id, balance, lifetime_earned) select id, 1000000000, 1000000000 from deals.users");
        owner.execute("vacuum analyze deals.users, deals.user_token_balances");
        return owner.fetchValues("select id from deals.users order by email").stream().map(value -> (UUID) value).toList();
    }
}
