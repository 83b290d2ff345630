package org.agenticdeals.postgres;

import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How to reach one database as one role: a JDBC URL without credentials, the user and the password.
 *
 * <p>{@link #toString()} never prints the password.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://…/database}, without {@code user} or {@code password} parameters
 * @param user     the role to log in as
 * @param password its password; empty when the server trusts local connections
 */
public record ConnectionInfo(String jdbcUrl, String user, String password) {

    /**
     * Checks that no part is null.
     *
     * @param jdbcUrl the JDBC URL, without credentials
     * @param user the role to log in as
     * @param password its password, empty for none
     * @throws NullPointerException naming the missing part
     */
    public ConnectionInfo {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * A new unpooled {@link DataSource} for these credentials. Wrap it in a pool (HikariCP's
     * {@code HikariConfig.setDataSource}) for anything beyond a handful of connections.
     *
     * @return a {@code PGSimpleDataSource} that opens a new connection on every call
     */
    public DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        if (!password.isEmpty()) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    @Override
    public String toString() {
        return "ConnectionInfo[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
