package org.agenticdeals.schema;

import java.io.PrintStream;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The command line for operators: migrate, inspect, validate, undo and create ledger partitions without
 * writing code.
 *
 * <pre>
 * java -jar deals-schema-VERSION-cli.jar migrate --url jdbc:postgresql://db:5432/app --user deals_owner [--app-role deals_app]
 * </pre>
 *
 * <p>The password comes from {@code --password} or, better (it stays out of the process list), from the
 * environment variable {@code DEALS_DB_PASSWORD}. Exit status: 0 done, 1 failed, 2 wrong usage.
 */
public final class SchemaCommand {

    private static final String USAGE = """
            usage: java -jar deals-schema-cli.jar <command> --url <jdbc-url> [options]

            commands:
              migrate               apply pending migrations, then the application role's grants
              info                  list migrations and their state
              validate              check applied migrations against the scripts; fails if any is pending
              undo --to <version>   undo applied migrations newer than <version> ("0" undoes all)
              partitions            create token_transactions partitions for this and the coming months

            options:
              --url <jdbc-url>        database to migrate (or DEALS_DB_URL)
              --user <role>           role that owns the schema's objects (or DEALS_DB_USER)
              --password <secret>     its password (prefer DEALS_DB_PASSWORD)
              --schema <name>         PostgreSQL schema (default deals)
              --app-role <role>       role the services connect as; granted its privileges after migrate
              --lock-timeout <dur>    e.g. 10s, 500ms (default 10s)
              --months <n>            partitions: how many months from the current one (default 3)
            """;

    private static final Set<String> COMMANDS = Set.of("migrate", "info", "validate", "undo", "partitions");
    private static final Set<String> OPTIONS = Set.of("--url", "--user", "--password", "--schema", "--app-role",
            "--lock-timeout", "--months", "--to");

    private SchemaCommand() {
    }

    /**
     * Runs the command line; the class comment lists the commands and options.
     *
     * @param args a command and its options; exits with status 0 on success, else 1 with the reason on standard error
     */
    public static void main(String[] args) {
        // The command-line jar bundles slf4j-simple: terse output, and no notice about the undo scripts that
        // open-source Flyway skips (DealsSchema.undoTo runs them).
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.resource.ResourceNameValidator", "warn");
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Runs one command; returns the exit status instead of exiting. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Map<String, String> options;
        try {
            if (!COMMANDS.contains(command)) {
                throw new IllegalArgumentException("unknown command '" + command + "'");
            }
            options = parseOptions(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException usage) {
            err.println("error: " + usage.getMessage());
            err.print(USAGE);
            return 2;
        }
        Function<String, String> env = name -> {
            String value = environment.get(name);
            return value == null || value.isBlank() ? null : value;
        };
        String url = options.getOrDefault("--url", env.apply("DEALS_DB_URL"));
        if (url == null) {
            err.println("error: --url (or DEALS_DB_URL) is required");
            return 2;
        }
        try {
            var dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            String user = options.getOrDefault("--user", env.apply("DEALS_DB_USER"));
            if (user != null) {
                dataSource.setUser(user);
            }
            String password = options.getOrDefault("--password", env.apply("DEALS_DB_PASSWORD"));
            if (password != null) {
                dataSource.setPassword(password);
            }
            DealsSchema.Builder builder = DealsSchema.builder(dataSource);
            if (options.containsKey("--schema")) {
                builder.schema(options.get("--schema"));
            }
            if (options.containsKey("--app-role")) {
                builder.applicationRole(options.get("--app-role"));
            }
            if (options.containsKey("--lock-timeout")) {
                builder.lockTimeout(parseDuration(options.get("--lock-timeout")));
            }
            DealsSchema schema = builder.build();
            return execute(command, options, schema, out, err);
        } catch (IllegalArgumentException usage) {
            err.println("error: " + usage.getMessage());
            return 2;
        } catch (RuntimeException failed) {
            err.println("failed: " + failed.getMessage());
            return 1;
        }
    }

    private static int execute(String command, Map<String, String> options, DealsSchema schema, PrintStream out, PrintStream err) {
        switch (command) {
            case "migrate" -> {
                MigrationResult result = schema.migrate();
                out.println(result.changed()
                        ? "schema " + result.schema() + " migrated to version " + result.schemaVersion() + " (applied " + String.join(", ", result.appliedVersions()) + ")"
                        : "schema " + result.schema() + " is up to date at version " + result.schemaVersion());
            }
            case "info" -> {
                out.printf("%-8s %-32s %-10s %s%n", "version", "description", "state", "installed on");
                for (MigrationInfo info : schema.flyway().info().all()) {
                    if (info.getVersion() == null) {
                        continue;
                    }
                    out.printf("%-8s %-32s %-10s %s%n", info.getVersion(), info.getDescription(), info.getState().getDisplayName(),
                            info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant());
                }
                out.println("current version: " + schema.currentVersion().orElse("none") + ", latest: " + schema.latestVersion());
            }
            case "validate" -> {
                schema.validate();
                out.println("schema " + schema.schema() + " is valid at version " + schema.currentVersion().orElse("none"));
            }
            case "undo" -> {
                String target = options.get("--to");
                if (target == null) {
                    err.println("error: undo needs --to <version>");
                    return 2;
                }
                List<String> undone = schema.undoTo(target);
                out.println(undone.isEmpty()
                        ? "nothing to undo: schema " + schema.schema() + " is at or below version " + target
                        : "undid versions " + String.join(", ", undone) + "; schema " + schema.schema() + " is at version "
                                + schema.currentVersion().orElse("none"));
            }
            case "partitions" -> {
                int months = Integer.parseInt(options.getOrDefault("--months", "3"));
                List<String> created = schema.ensureTokenTransactionPartitions(YearMonth.now(ZoneOffset.UTC), months);
                out.println(created.isEmpty() ? "all partitions already exist" : "created " + String.join(", ", created));
            }
            default -> throw new IllegalStateException("unreachable: " + command);
        }
        return 0;
    }

    private static Map<String, String> parseOptions(String[] args) {
        var options = new HashMap<String, String>();
        for (int index = 0; index < args.length; index++) {
            String name = args[index];
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else {
                if (index + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++index];
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'");
            }
            options.put(name, value);
        }
        if (options.containsKey("--months")) {
            try {
                Integer.parseInt(options.get("--months"));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("--months must be a whole number, was '" + options.get("--months") + "'");
            }
        }
        return options;
    }

    private static Duration parseDuration(String text) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException malformed) {
            throw new IllegalArgumentException("--lock-timeout must look like 10s, 500ms or PT10S, was '" + text + "'");
        }
    }
}
