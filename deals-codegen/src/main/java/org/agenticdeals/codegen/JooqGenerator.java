package org.agenticdeals.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.agenticdeals.postgres.ConnectionInfo;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.schema.DealsSchema;
import org.jooq.Constants;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates deals-jooq's sources: migrates a fresh database from the provider chain with the deals-schema
 * migrations on the classpath, then runs jOOQ's generator against it. The database is dropped afterwards.
 *
 * <pre>
 * java -cp … org.agenticdeals.codegen.JooqGenerator &lt;target directory&gt;
 * </pre>
 *
 * <p>Skips the work when the target holds sources generated from the same migrations by the same generator
 * and jOOQ version (a fingerprint file records them), so an unchanged build does not start PostgreSQL.
 */
public final class JooqGenerator {

    /** The package of the generated classes. */
    public static final String PACKAGE = "org.agenticdeals.jooq";

    private static final Logger log = LoggerFactory.getLogger(JooqGenerator.class);
    private static final String FINGERPRINT_FILE = ".migrations.sha256";

    private JooqGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: JooqGenerator <target directory>");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        String fingerprint = fingerprint();
        Path fingerprintFile = target.resolve(FINGERPRINT_FILE);
        if (Files.isRegularFile(fingerprintFile) && Files.readString(fingerprintFile).equals(fingerprint)) {
            log.info("jOOQ sources in {} are up to date with the migrations", target);
            return;
        }
        generate(target);
        Files.writeString(fingerprintFile, fingerprint);
    }

    /** Migrates a new database and generates the jOOQ sources into {@code target}, replacing what was there. */
    public static void generate(Path target) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        try (PostgresServer server = PostgresProvider.start();
             PostgresDatabase database = server.createDatabase("deals_codegen")) {
            DealsSchema.builder(database.ownerDataSource()).build().migrate();
            GenerationTool.generate(configuration(database.owner(), target));
            log.info("generated jOOQ sources in {} from {}", target, server.describe());
        }
    }

    static Configuration configuration(ConnectionInfo owner, Path target) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withOnError(org.jooq.meta.jaxb.OnError.FAIL)
                .withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(owner.jdbcUrl())
                        .withUser(owner.user())
                        .withPassword(owner.password()))
                .withGenerator(new Generator()
                        .withName("org.jooq.codegen.JavaGenerator")
                        .withStrategy(new Strategy().withName(DealsGeneratorStrategy.class.getName()))
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema(DealsSchema.DEFAULT_SCHEMA)
                                // Partitions are storage detail: code uses the partitioned parent only.
                                .withExcludes(DealsSchema.HISTORY_TABLE + "|token_transactions_default|token_transactions_y\\d{4}m\\d{2}")
                                .withIncludeTriggerRoutines(false))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withFluentSetters(true)
                                .withJavadoc(true)
                                .withComments(true)
                                .withSequences(true)
                                .withKeys(true)
                                .withIndexes(true)
                                // categories.parent_id refers to its own table: a to-many path would clash with the to-one path.
                                .withImplicitJoinPathsToMany(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(target.toString())
                                .withClean(true)));
    }

    /** SHA-256 over the jOOQ version, this generator's own classes, and every migration script's name and content. */
    static String fingerprint() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Constants.VERSION.getBytes(StandardCharsets.UTF_8));
            for (Class<?> generatorClass : new Class<?>[] {JooqGenerator.class, DealsGeneratorStrategy.class}) {
                try (InputStream in = generatorClass.getResourceAsStream(generatorClass.getSimpleName() + ".class")) {
                    digest.update(in.readAllBytes());
                }
            }
            for (var script : migrationScripts().entrySet()) {
                digest.update(script.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update(script.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static SortedMap<String, byte[]> migrationScripts() throws IOException {
        String location = DealsSchema.MIGRATION_LOCATION;
        URL url = JooqGenerator.class.getClassLoader().getResource(location);
        if (url == null) {
            throw new IllegalStateException("no " + location + " on the classpath: is deals-schema a dependency?");
        }
        var scripts = new TreeMap<String, byte[]>();
        if (url.getProtocol().equals("jar")) {
            var connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (var entry : jar.stream().filter(entry -> entry.getName().startsWith(location + "/") && !entry.isDirectory()).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        scripts.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                for (Path file : files.toList()) {
                    scripts.put(location + "/" + file.getFileName(), Files.readAllBytes(file));
                }
            } catch (URISyntaxException malformed) {
                throw new IllegalStateException(malformed);
            }
        }
        return scripts;
    }
}
