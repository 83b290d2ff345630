package org.agenticdeals.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenticdeals.testkit.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that keeps terminating the application's sessions on one test database ({@code pg_terminate_backend}
 * from the owner's connection), the way a failover, an operator or an idle-session reaper would: a round every 20 to
 * 120 ms. Most rounds kill one
 * session that is running a statement or holding a transaction open, some kill any one session (idle ones in the
 * pool included), and every tenth kills them all. Only sessions of the application role on this database are
 * touched.
 */
final class BackendKiller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendKiller.class);
    private static final String VICTIMS = """
            select count(*) filter (where pg_terminate_backend(pid)) from (
                select pid from pg_stat_activity
                where datname = current_database() and usename = ? and pid <> pg_backend_pid()
                  and (? or state in ('active', 'idle in transaction'))
                order by random() limit ?) victims""";

    private final TestDatabase database;
    private final SplittableRandom random;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger kills = new AtomicInteger();
    private final Thread thread;

    BackendKiller(TestDatabase database, long seed) {
        this.database = database;
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::killUntilClosed, "backend-killer-" + database.name());
        this.thread.setDaemon(true);
    }

    /** Whether the owner may terminate the application's sessions: a superuser, or a member of pg_signal_backend. */
    static boolean permitted(TestDatabase database) {
        Object allowed = database.ownerDsl().fetchValue(
                "select rolsuper or pg_has_role(current_user, 'pg_signal_backend', 'member') from pg_roles where rolname = current_user");
        return Boolean.TRUE.equals(allowed);
    }

    BackendKiller start() {
        running.set(true);
        thread.start();
        return this;
    }

    /** Sessions terminated so far. */
    int kills() {
        return kills.get();
    }

    /** Stops killing and waits (at most 10 s) for the thread to end. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void killUntilClosed() {
        String role = database.application().user();
        while (running.get()) {
            try (Connection owner = database.ownerDataSource().getConnection();
                 PreparedStatement kill = owner.prepareStatement(VICTIMS)) {
                for (int round = 1; running.get(); round++) {
                    boolean all = round % 10 == 0;
                    kill.setString(1, role);
                    kill.setBoolean(2, all || random.nextInt(4) == 0);
                    kill.setInt(3, all ? 1_000 : 1);
                    try (ResultSet killed = kill.executeQuery()) {
                        killed.next();
                        kills.addAndGet(killed.getInt(1));
                    }
                    Thread.sleep(20 + random.nextInt(100));
                }
            } catch (SQLException failed) {
                log.warn("the killer's own connection failed ({}); reconnecting", failed.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
