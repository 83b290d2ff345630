package org.agenticdeals.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A pgjdbc URL taken apart: host list, database, credentials and the remaining parameters, so the same
 * server can be addressed for another database or as another role.
 */
final class JdbcUrl {

    private static final Pattern SHAPE = Pattern.compile("jdbc:postgresql:(?://([^/?]*))?/?([^?]*)(?:\\?(.*))?");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private final String hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private JdbcUrl(String hosts, String database, String user, String password, Map<String, String> parameters) {
        this.hosts = hosts;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = parameters;
    }

    static JdbcUrl parse(String url) {
        Matcher matcher = SHAPE.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database?user=…&password=…): " + redact(url));
        }
        String hosts = matcher.group(1) == null || matcher.group(1).isEmpty() ? "localhost" : matcher.group(1);
        String database = matcher.group(2).isEmpty() ? "postgres" : decode(matcher.group(2));
        var parameters = new LinkedHashMap<String, String>();
        if (matcher.group(3) != null) {
            for (String pair : matcher.group(3).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.put(key, value);
            }
        }
        String user = parameters.remove("user");
        String password = parameters.remove("password");
        return new JdbcUrl(hosts, database, user != null ? user : System.getProperty("user.name"),
                password != null ? password : "", parameters);
    }

    /** The URL with any password replaced by {@code ****}, for messages and logs. */
    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1****");
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The same server and parameters, addressing {@code otherDatabase}, without credentials. */
    String forDatabase(String otherDatabase) {
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hosts + "/" + encode(otherDatabase) + (query.isEmpty() ? "" : "?" + query);
    }

    ConnectionInfo connectionTo(String otherDatabase) {
        return new ConnectionInfo(forDatabase(otherDatabase), user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
